package io.lakegate.gold;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sorted run of records on local disk: each record as its int length and bytes, then -1. The end marker
 * tells a complete run from one cut short, which would otherwise read as fewer rows.
 */
final class SpillRun {

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int END = -1;

    private SpillRun() {
    }

    static void write(Path file, RecordCursor records) throws IOException {
        try (Writer run = new Writer(file)) {
            records.forEachRemaining(run);
            run.finish();
        }
    }

    /** Writes a run record by record, from wherever each lies; {@link #finish} marks it complete. */
    private static final class Writer implements ExternalSorter.RecordVisitor, Closeable {

        private final DataOutputStream out;

        Writer(Path file) throws IOException {
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES));
        }

        @Override
        public void accept(byte[] bytes, int offset, int length) throws IOException {
            out.writeInt(length);
            out.write(bytes, offset, length);
        }

        void finish() throws IOException {
            out.writeInt(END);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Reads a run record by record into one array, reused: each record is valid until the next. */
    static final class Reader implements Closeable {

        private final DataInputStream in;
        private byte[] record = new byte[256];
        private int length;
        private boolean ended;

        Reader(Path file) throws IOException {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES));
        }

        /** Moves to the next record; false at the end of the run. */
        boolean next() throws IOException {
            if (ended) {
                return false;
            }
            length = in.readInt();
            if (length == END) {
                ended = true;
                return false;
            }
            if (record.length < length) {
                record = new byte[Math.max(length, record.length * 2)];
            }
            in.readFully(record, 0, length);
            return true;
        }

        /** The array that holds the current record from index 0. */
        byte[] record() {
            return record;
        }

        int length() {
            return length;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
