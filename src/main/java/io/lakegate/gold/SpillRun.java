package io.lakegate.gold;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES))) {
            byte[] record;
            while ((record = records.next()) != null) {
                out.writeInt(record.length);
                out.write(record);
            }
            out.writeInt(END);
        }
    }

    static RecordCursor read(Path file) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES));
        return new RecordCursor() {
            private boolean ended;

            @Override
            public byte[] next() throws IOException {
                if (ended) {
                    return null;
                }
                int length = in.readInt();
                if (length == END) {
                    ended = true;
                    return null;
                }
                byte[] record = new byte[length];
                in.readFully(record);
                return record;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
