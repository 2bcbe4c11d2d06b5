package io.lakegate.process;

import io.lakegate.record.TypedRecord;

/** A batch after reading: its rows as typed records (reused from batch to batch within a file). */
public record TypedBatch(TypedRecord[] rows, int size) {
}
