package io.lakegate.parquet;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.bytes.BytesInput;

/**
 * The bytes of one decompressed page and a position in them, with the primitive reads Parquet's encodings are made
 * of: little-endian integers, ULEB128 and zigzag varints, and runs of bit-packed values. A read past the page's end
 * is a corrupt page, and says so.
 */
final class PageInput {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] data;
    private int position;
    private int limit;

    /** Reads {@code bytes} from its start; a page held in an array is read where it lies. */
    void reset(BytesInput bytes) throws IOException {
        ByteBuffer buffer = bytes.toByteBuffer();
        if (buffer.hasArray()) {
            data = buffer.array();
            position = buffer.arrayOffset() + buffer.position();
        } else {
            data = new byte[buffer.remaining()];
            buffer.get(data);
            position = 0;
        }
        limit = position + buffer.remaining();
    }

    byte[] array() {
        return data;
    }

    int position() {
        return position;
    }

    /** Moves to {@code newPosition}, which must lie within the page. */
    void seek(int newPosition) throws IOException {
        if (newPosition < 0 || newPosition > limit) {
            throw corrupt();
        }
        position = newPosition;
    }

    void skip(int bytes) throws IOException {
        require(bytes);
        position += bytes;
    }

    /** Fails unless {@code bytes} more bytes are left in the page. */
    void require(long bytes) throws IOException {
        if (bytes < 0 || bytes > limit - position) {
            throw corrupt();
        }
    }

    int readUnsignedByte() throws IOException {
        require(1);
        return data[position++] & 0xFF;
    }

    int readIntLittleEndian() throws IOException {
        require(4);
        int value = (int) INT.get(data, position);
        position += 4;
        return value;
    }

    long readLongLittleEndian() throws IOException {
        require(8);
        long value = (long) LONG.get(data, position);
        position += 8;
        return value;
    }

    /** An unsigned value stored in its {@code width} lowest bytes, little-endian (an RLE run's repeated value). */
    int readIntLittleEndian(int width) throws IOException {
        require(width);
        int value = 0;
        for (int i = 0; i < width; i++) {
            value |= (data[position + i] & 0xFF) << (8 * i);
        }
        position += width;
        return value;
    }

    int readUnsignedVarInt() throws IOException {
        long value = readUnsignedVarLong();
        if (value > Integer.MAX_VALUE) {
            throw corrupt();
        }
        return (int) value;
    }

    long readUnsignedVarLong() throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                return value;
            }
        }
        throw corrupt();
    }

    long readZigZagVarLong() throws IOException {
        long value = readUnsignedVarLong();
        return (value >>> 1) ^ -(value & 1);
    }

    /**
     * The {@code index}-th value of a run of {@code width}-bit values packed from the current position, least
     * significant bit first; the caller has checked with {@link #require} that the run lies within the page.
     */
    long packed(int index, int width) {
        long bit = (long) index * width;
        int start = position + (int) (bit >>> 3);
        int shift = (int) (bit & 7);
        long value = wordAt(start) >>> shift;
        if (shift + width > 64) {
            value |= (long) (data[start + 8] & 0xFF) << (64 - shift);
        }
        return width == 64 ? value : value & ((1L << width) - 1);
    }

    // A run near the array's end is read byte by byte: the bytes past it are not the page's, and count as zeros.
    private long wordAt(int start) {
        if (start + 8 <= data.length) {
            return (long) LONG.get(data, start);
        }
        long value = 0;
        for (int i = 0; start + i < data.length; i++) {
            value |= (long) (data[start + i] & 0xFF) << (8 * i);
        }
        return value;
    }

    private static IOException corrupt() {
        return new IOException("Corrupt Parquet page: its values run past its end");
    }
}
