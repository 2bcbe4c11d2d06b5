package io.lakegate.process;

import io.lakegate.record.TypedRecord;

/**
 * A batch after reading: its rows as typed records. Records live in one of two buffers ({@code buffer}) that
 * alternate, so one batch can be written to Parquet while the next is read.
 */
public record TypedBatch(TypedRecord[] rows, int size, int buffer) {
}
