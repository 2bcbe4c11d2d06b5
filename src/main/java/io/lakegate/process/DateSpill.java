package io.lakegate.process;

import io.lakegate.record.LogicalType;
import io.lakegate.record.RecordSchema;
import io.lakegate.record.TypedRecord;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Good rows of dates that have no open part, kept per date in a compact binary form: in memory up to a
 * budget, then appended in chunks to one local file. When the file's rows are all read, each date's rows
 * are read back in the order they came and written as that date's parts in one go, so a date gets no more
 * parts than its size needs, however its rows were spread over the file. This is the sort-based side of a
 * partitioned write (as Spark's writer falls back to once too many partitions are open), with a date's
 * chunks standing in for a sorted run: rows need grouping by date, not ordering within it.
 * <p>
 * A row is its source line, a null bitmap, then each present value: strings as UTF-8 with a varint length,
 * everything else as a zigzag varint.
 */
final class DateSpill implements Closeable {

    /** A date's buffer is written out as a chunk once it holds this much, so one busy date cannot take the budget. */
    private static final int CHUNK_BYTES = 1 << 20;
    private static final int FIRST_BUFFER_BYTES = 1 << 10;
    private static final byte[] EMPTY = new byte[0];

    /** What a date's rows are handed to when they are read back. */
    interface RowSink {
        void accept(TypedRecord row) throws IOException;
    }

    /** The rows of one date: chunks already in the file, then the buffer not yet written out. */
    static final class DateRows {
        private byte[] buffer = EMPTY;
        private int length;
        private long[] chunkOffsets = new long[0];
        private int[] chunkLengths = new int[0];
        private int chunks;
        private long rows;

        long rows() {
            return rows;
        }
    }

    private final Path path;
    private final long memoryBudget;
    private final boolean[] strings;
    private final int bitmapBytes;
    private FileChannel file;
    private long fileBytes;
    private long bytesAdded;
    // Dates whose buffer holds memory, and the bytes those buffers hold.
    private final List<DateRows> buffered = new ArrayList<>();
    private long bufferedBytes;

    DateSpill(RecordSchema schema, Path path, long memoryBudget) {
        this.path = path;
        this.memoryBudget = memoryBudget;
        this.strings = new boolean[schema.size()];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = schema.column(i).type() == LogicalType.STRING;
        }
        this.bitmapBytes = (strings.length + 7) / 8;
    }

    /** Keeps a row of {@code date}; its values are copied, so the record may be reused at once. */
    void add(DateRows date, TypedRecord row) throws IOException {
        int start = date.length;
        ensureRoom(date, 10 + bitmapBytes);
        date.length = writeVarLong(date.buffer, date.length, row.sourceLine());
        int bitmap = date.length;
        Arrays.fill(date.buffer, bitmap, bitmap + bitmapBytes, (byte) 0);
        date.length += bitmapBytes;
        for (int column = 0; column < strings.length; column++) {
            if (row.isNull(column)) {
                date.buffer[bitmap + (column >>> 3)] |= (byte) (1 << (column & 7));
            } else if (strings[column]) {
                writeUtf8(date, row.utf8Array(column), row.utf8Offset(column), row.utf8Length(column));
            } else {
                ensureRoom(date, 10);
                date.length = writeVarLong(date.buffer, date.length, zigzag(row.getLong(column)));
            }
        }
        date.rows++;
        bytesAdded += date.length - start;
        if (date.length >= CHUNK_BYTES) {
            writeOut(date);
        } else if (bufferedBytes > memoryBudget) {
            writeOutAll();
        }
    }

    /** Hands the date's rows to {@code sink} in the order they were added, through one reused record. */
    void replay(DateRows date, TypedRecord record, RowSink sink) throws IOException {
        byte[] chunk = EMPTY;
        for (int c = 0; c < date.chunks; c++) {
            int length = date.chunkLengths[c];
            if (chunk.length < length) {
                chunk = new byte[length];
            }
            ByteBuffer target = ByteBuffer.wrap(chunk, 0, length);
            long position = date.chunkOffsets[c];
            while (target.hasRemaining()) {
                int read = file.read(target, position);
                if (read < 0) {
                    throw new IOException("Spill file " + path + " ends before chunk " + c + " of a date");
                }
                position += read;
            }
            replayBytes(chunk, length, record, sink);
        }
        replayBytes(date.buffer, date.length, record, sink);
        release(date);
        buffered.remove(date);
    }

    /** Bytes of rows written to the local spill file so far. */
    long fileBytes() {
        return fileBytes;
    }

    /** Bytes of all rows added, in memory or in the file. */
    long bytesAdded() {
        return bytesAdded;
    }

    private void replayBytes(byte[] bytes, int length, TypedRecord record, RowSink sink) throws IOException {
        int[] position = {0};
        while (position[0] < length) {
            long line = readVarLong(bytes, position);
            record.reset(line, null, 0);
            int bitmap = position[0];
            position[0] += bitmapBytes;
            for (int column = 0; column < strings.length; column++) {
                if ((bytes[bitmap + (column >>> 3)] & (1 << (column & 7))) != 0) {
                    record.setNull(column);
                } else if (strings[column]) {
                    int size = (int) readVarLong(bytes, position);
                    record.setUtf8(column, bytes, position[0], size);
                    position[0] += size;
                } else {
                    record.setLong(column, unzigzag(readVarLong(bytes, position)));
                }
            }
            sink.accept(record);
        }
    }

    private void writeOutAll() throws IOException {
        for (DateRows date : buffered) {
            appendChunk(date);
            release(date);
        }
        buffered.clear();
    }

    private void writeOut(DateRows date) throws IOException {
        appendChunk(date);
        release(date);
        buffered.remove(date);
    }

    private void release(DateRows date) {
        bufferedBytes -= date.buffer.length;
        date.buffer = EMPTY;
        date.length = 0;
    }

    private void appendChunk(DateRows date) throws IOException {
        if (date.length == 0) {
            return;
        }
        if (file == null) {
            file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        if (date.chunks == date.chunkOffsets.length) {
            date.chunkOffsets = Arrays.copyOf(date.chunkOffsets, Math.max(4, 2 * date.chunks));
            date.chunkLengths = Arrays.copyOf(date.chunkLengths, Math.max(4, 2 * date.chunks));
        }
        date.chunkOffsets[date.chunks] = fileBytes;
        date.chunkLengths[date.chunks] = date.length;
        date.chunks++;
        ByteBuffer source = ByteBuffer.wrap(date.buffer, 0, date.length);
        while (source.hasRemaining()) {
            fileBytes += file.write(source, fileBytes);
        }
        date.length = 0;
    }

    private void writeUtf8(DateRows date, byte[] utf8, int offset, int length) {
        ensureRoom(date, 5 + length);
        date.length = writeVarLong(date.buffer, date.length, length);
        System.arraycopy(utf8, offset, date.buffer, date.length, length);
        date.length += length;
    }

    private void ensureRoom(DateRows date, int more) {
        if (date.length + more > date.buffer.length) {
            int capacity = Math.max(Math.max(FIRST_BUFFER_BYTES, 2 * date.buffer.length), date.length + more);
            if (date.buffer.length == 0) {
                buffered.add(date);
            }
            bufferedBytes += capacity - date.buffer.length;
            date.buffer = Arrays.copyOf(date.buffer, capacity);
        }
    }

    private static int writeVarLong(byte[] out, int at, long value) {
        while ((value & ~0x7FL) != 0) {
            out[at++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[at++] = (byte) value;
        return at;
    }

    private static long readVarLong(byte[] in, int[] position) {
        long value = 0;
        int shift = 0;
        int at = position[0];
        while (true) {
            byte b = in[at++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                position[0] = at;
                return value;
            }
            shift += 7;
        }
    }

    private static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    /** Removes the spill file. */
    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
            file = null;
        }
        Files.deleteIfExists(path);
    }
}
