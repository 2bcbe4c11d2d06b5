package io.lakegate.gold;

import java.io.Closeable;
import java.io.IOException;

/** Sort records, one at a time, in order. */
interface RecordCursor extends Closeable {

    /** The next record, or null once there are no more. */
    byte[] next() throws IOException;

    @Override
    default void close() throws IOException {
    }
}
