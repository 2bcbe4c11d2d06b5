package io.lakegate.gold;

import java.io.Closeable;
import java.io.IOException;

/** Sort records, one at a time, in order. */
interface RecordCursor extends Closeable {

    /** The next record, as an array of its own, or null once there are no more. */
    byte[] next() throws IOException;

    /**
     * Hands every record left to {@code visitor}, in order. A cursor that holds its records somewhere it can hand them
     * from (a buffer, a run's reused array) does so, instead of copying each into an array of its own.
     */
    default void forEachRemaining(ExternalSorter.RecordVisitor visitor) throws IOException {
        byte[] record;
        while ((record = next()) != null) {
            visitor.accept(record, 0, record.length);
        }
    }

    @Override
    default void close() throws IOException {
    }
}
