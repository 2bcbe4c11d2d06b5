package io.lakegate.parquet;

import java.io.IOException;
import java.util.Arrays;

/**
 * Parquet's value encodings, decoded a page at a time into arrays: the RLE / bit-packing hybrid (levels, dictionary
 * ids, booleans) and the delta encodings. The layouts are the ones of the Parquet format's {@code Encodings.md}.
 */
final class PageDecoding {

    private PageDecoding() {
    }

    /** Decodes {@code count} values of the RLE / bit-packing hybrid, each {@code bitWidth} bits wide, into {@code out}. */
    static void hybrid(PageInput in, int bitWidth, int[] out, int count) throws IOException {
        if (bitWidth > 32) {
            throw new IOException("Corrupt Parquet page: a run of " + bitWidth + "-bit values");
        }
        int valueBytes = (bitWidth + 7) / 8;
        int filled = 0;
        while (filled < count) {
            int header = in.readUnsignedVarInt();
            if ((header & 1) == 0) {
                int run = Math.min(header >>> 1, count - filled);
                int value = in.readIntLittleEndian(valueBytes);
                Arrays.fill(out, filled, filled + run, value);
                filled += run;
            } else {
                int groups = header >>> 1;
                int bytes = groups * bitWidth;
                in.require(bytes);
                int values = Math.min(groups * 8, count - filled);
                for (int i = 0; i < values; i++) {
                    out[filled + i] = (int) in.packed(i, bitWidth);
                }
                in.skip(bytes);
                filled += values;
            }
        }
    }

    /**
     * Decodes a DELTA_BINARY_PACKED run of exactly {@code count} values into {@code out}. INT32 values add up in
     * 32 bits, wrapping as the writer's did.
     */
    static void deltaBinaryPacked(PageInput in, long[] out, int count, boolean int32) throws IOException {
        int blockSize = in.readUnsignedVarInt();
        int miniBlocks = in.readUnsignedVarInt();
        int total = in.readUnsignedVarInt();
        if (miniBlocks == 0 || blockSize % miniBlocks != 0 || (blockSize / miniBlocks) % 8 != 0) {
            throw new IOException("Corrupt Parquet page: a delta block of " + blockSize + " values in " + miniBlocks
                    + " mini-blocks");
        }
        if (total != count) {
            throw new IOException("Corrupt Parquet page: " + total + " delta-encoded values where " + count + " belong");
        }
        long value = in.readZigZagVarLong();
        if (total == 0) {
            return;
        }
        out[0] = int32 ? (int) value : value;
        int valuesPerMiniBlock = blockSize / miniBlocks;
        int[] widths = new int[miniBlocks];
        int filled = 1;
        while (filled < total) {
            long minDelta = in.readZigZagVarLong();
            for (int m = 0; m < miniBlocks; m++) {
                widths[m] = in.readUnsignedByte();
            }
            // Mini-blocks past the last value have a width but no bytes.
            for (int m = 0; m < miniBlocks && filled < total; m++) {
                int width = widths[m];
                if (width > (int32 ? 32 : 64)) {
                    throw new IOException("Corrupt Parquet page: a " + width + "-bit delta");
                }
                int bytes = valuesPerMiniBlock / 8 * width;
                in.require(bytes);
                int values = Math.min(valuesPerMiniBlock, total - filled);
                for (int i = 0; i < values; i++) {
                    value += minDelta + in.packed(i, width);
                    if (int32) {
                        value = (int) value;
                    }
                    out[filled++] = value;
                }
                in.skip(bytes);
            }
        }
    }

    /**
     * Decodes DELTA_LENGTH_BYTE_ARRAY: the lengths, then the values' bytes one after the other, which stay in the
     * page; {@code offsets} and {@code lengths} locate each value in {@link PageInput#array()}.
     */
    static void deltaLengthByteArray(PageInput in, int count, long[] scratch, int[] offsets, int[] lengths)
            throws IOException {
        deltaBinaryPacked(in, scratch, count, true);
        int offset = in.position();
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            if (scratch[i] < 0) {
                throw new IOException("Corrupt Parquet page: a text value of negative length");
            }
            lengths[i] = (int) scratch[i];
            offsets[i] = offset + (int) bytes;
            bytes += scratch[i];
        }
        in.require(bytes);
        in.skip((int) bytes);
    }

    /**
     * Decodes DELTA_BYTE_ARRAY (each value as the length of the prefix it shares with the one before, then the rest)
     * into {@code text}, grown as needed and returned; {@code offsets} and {@code lengths} locate each value in it.
     */
    static byte[] deltaByteArray(PageInput in, int count, long[] scratch, int[] prefixes, int[] offsets, int[] lengths,
            byte[] text) throws IOException {
        deltaBinaryPacked(in, scratch, count, true);
        for (int i = 0; i < count; i++) {
            prefixes[i] = (int) scratch[i];
        }
        deltaLengthByteArray(in, count, scratch, offsets, lengths);
        long size = 0;
        for (int i = 0; i < count; i++) {
            size += (long) prefixes[i] + lengths[i];
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("Corrupt Parquet page: " + size + " bytes of text");
        }
        byte[] out = text.length >= size ? text : new byte[(int) Math.max(size, text.length * 2L)];
        byte[] suffixes = in.array();
        int end = 0;
        int previousLength = 0;
        for (int i = 0; i < count; i++) {
            int prefix = prefixes[i];
            if (prefix < 0 || prefix > previousLength) {
                throw new IOException("Corrupt Parquet page: a text value shares more than the value before it");
            }
            int start = end;
            if (i > 0) {
                System.arraycopy(out, offsets[i - 1], out, start, prefix);
            }
            System.arraycopy(suffixes, offsets[i], out, start + prefix, lengths[i]);
            previousLength = prefix + lengths[i];
            offsets[i] = start;
            lengths[i] = previousLength;
            end = start + previousLength;
        }
        return out;
    }
}
