package io.lakegate.parquet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The values of one flat column, a row at a time, decoded a whole page at once into arrays that the row's getters
 * read where they lie. Parquet's own column readers hand over each value as an object of its own, which cost a
 * compaction more time than anything else it read.
 * <p>
 * Reads v1 data pages in the encodings Lakegate writes: PLAIN, dictionaries, RLE booleans, DELTA_BINARY_PACKED,
 * DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY. Any other is refused, with the column's name.
 */
final class ColumnCursor {

    private final String column;
    private final PrimitiveTypeName type;
    private final boolean optional;
    private final PageInput page = new PageInput();
    private PageReader pages;

    private long[] dictionaryLongs = new long[0];
    private byte[] dictionaryText = new byte[0];
    private int[] dictionaryOffsets = new int[0];
    private int[] dictionaryLengths = new int[0];
    private String[] dictionaryStrings = new String[0];
    private int dictionarySize;

    private int rowsInPage;
    private int nextRow;
    private int nextValue;
    private int[] present = new int[0];
    private boolean fromDictionary;
    private int[] ids = new int[0];
    private long[] longs = new long[0];
    private byte[] text = new byte[0];
    private byte[] decodedText = new byte[0];
    private int[] offsets = new int[0];
    private int[] lengths = new int[0];
    private int[] prefixes = new int[0];
    private int current;

    /**
     * @param descriptor a column {@link ParquetSchemas#fromMessageType} accepted: flat, of INT32, INT64, BOOLEAN or
     *                   BINARY
     */
    ColumnCursor(ColumnDescriptor descriptor) {
        this.column = String.join(".", descriptor.getPath());
        this.type = descriptor.getPrimitiveType().getPrimitiveTypeName();
        this.optional = descriptor.getMaxDefinitionLevel() == 1;
    }

    /** Starts on the column's chunk of a new row group. */
    void start(PageReader chunk) throws IOException {
        pages = chunk;
        rowsInPage = 0;
        nextRow = 0;
        dictionarySize = 0;
        DictionaryPage dictionary = chunk.readDictionaryPage();
        if (dictionary != null) {
            readDictionary(dictionary);
        }
    }

    /** Moves to the next row. */
    void next() throws IOException {
        while (nextRow == rowsInPage) {
            readPage();
        }
        current = optional && present[nextRow] == 0 ? -1 : nextValue++;
        nextRow++;
    }

    boolean isNull() {
        return current < 0;
    }

    long getLong() {
        return longs[current];
    }

    String getString() {
        if (!fromDictionary) {
            return new String(text, offsets[current], lengths[current], StandardCharsets.UTF_8);
        }
        int id = ids[current];
        if (dictionaryStrings[id] == null) {
            dictionaryStrings[id] = new String(text, offsets[current], lengths[current], StandardCharsets.UTF_8);
        }
        return dictionaryStrings[id];
    }

    byte[] utf8Array() {
        return text;
    }

    int utf8Offset() {
        return offsets[current];
    }

    int utf8Length() {
        return lengths[current];
    }

    private void readDictionary(DictionaryPage dictionary) throws IOException {
        Encoding encoding = dictionary.getEncoding();
        if (encoding != Encoding.PLAIN && encoding != Encoding.PLAIN_DICTIONARY) {
            throw unsupported("a dictionary in " + encoding);
        }
        int size = dictionary.getDictionarySize();
        page.reset(dictionary.getBytes());
        if (type == PrimitiveTypeName.BINARY) {
            dictionaryOffsets = grow(dictionaryOffsets, size);
            dictionaryLengths = grow(dictionaryLengths, size);
            plainText(size, dictionaryOffsets, dictionaryLengths);
            // The page's bytes are Parquet's buffer; the entries are kept for the whole chunk, so they are copied.
            int end = size == 0 ? 0 : dictionaryOffsets[size - 1] + dictionaryLengths[size - 1];
            int start = size == 0 ? 0 : dictionaryOffsets[0];
            dictionaryText = Arrays.copyOfRange(page.array(), start, end);
            for (int id = 0; id < size; id++) {
                dictionaryOffsets[id] -= start;
            }
            dictionaryStrings = new String[size];
        } else {
            dictionaryLongs = grow(dictionaryLongs, size);
            plainNumbers(size, dictionaryLongs);
        }
        dictionarySize = size;
    }

    private void readPage() throws IOException {
        DataPage next = pages.readPage();
        if (next == null) {
            throw new IOException("Column " + column + " has fewer values than its row group has rows");
        }
        if (!(next instanceof DataPageV1 v1)) {
            throw unsupported("a v2 data page");
        }
        rowsInPage = v1.getValueCount();
        nextRow = 0;
        nextValue = 0;
        page.reset(v1.getBytes());
        int values = rowsInPage;
        if (optional) {
            if (v1.getDlEncoding() != Encoding.RLE) {
                throw unsupported("definition levels in " + v1.getDlEncoding());
            }
            present = grow(present, rowsInPage);
            int length = page.readIntLittleEndian();
            int end = page.position() + length;
            PageDecoding.hybrid(page, 1, present, rowsInPage);
            page.seek(end);
            values = 0;
            for (int row = 0; row < rowsInPage; row++) {
                values += present[row];
            }
        }
        readValues(v1.getValueEncoding(), values);
    }

    private void readValues(Encoding encoding, int count) throws IOException {
        fromDictionary = false;
        switch (encoding) {
            case PLAIN -> {
                if (type == PrimitiveTypeName.BINARY) {
                    offsets = grow(offsets, count);
                    lengths = grow(lengths, count);
                    plainText(count, offsets, lengths);
                    text = page.array();
                } else {
                    longs = grow(longs, count);
                    plainNumbers(count, longs);
                }
            }
            case PLAIN_DICTIONARY, RLE_DICTIONARY -> fromDictionary(count);
            case RLE -> {
                if (type != PrimitiveTypeName.BOOLEAN) {
                    throw unsupported(type + " values in RLE");
                }
                page.readIntLittleEndian();
                ids = grow(ids, count);
                PageDecoding.hybrid(page, 1, ids, count);
                longs = grow(longs, count);
                for (int i = 0; i < count; i++) {
                    longs[i] = ids[i];
                }
            }
            case DELTA_BINARY_PACKED -> {
                if (type != PrimitiveTypeName.INT32 && type != PrimitiveTypeName.INT64) {
                    throw unsupported(type + " values in DELTA_BINARY_PACKED");
                }
                longs = grow(longs, count);
                PageDecoding.deltaBinaryPacked(page, longs, count, type == PrimitiveTypeName.INT32);
            }
            case DELTA_LENGTH_BYTE_ARRAY -> {
                requireText(encoding);
                growTextIndex(count);
                PageDecoding.deltaLengthByteArray(page, count, longs, offsets, lengths);
                text = page.array();
            }
            case DELTA_BYTE_ARRAY -> {
                requireText(encoding);
                growTextIndex(count);
                prefixes = grow(prefixes, count);
                decodedText = PageDecoding.deltaByteArray(page, count, longs, prefixes, offsets, lengths, decodedText);
                text = decodedText;
            }
            default -> throw unsupported("values in " + encoding);
        }
    }

    private void fromDictionary(int count) throws IOException {
        if (dictionarySize == 0 && count > 0) {
            throw new IOException("Column " + column + " has dictionary-encoded values but no dictionary");
        }
        int bitWidth = page.readUnsignedByte();
        ids = grow(ids, count);
        PageDecoding.hybrid(page, bitWidth, ids, count);
        for (int i = 0; i < count; i++) {
            if (ids[i] >= dictionarySize) {
                throw new IOException("Column " + column + " refers to dictionary entry " + ids[i] + " of "
                        + dictionarySize);
            }
        }
        fromDictionary = true;
        if (type == PrimitiveTypeName.BINARY) {
            offsets = grow(offsets, count);
            lengths = grow(lengths, count);
            for (int i = 0; i < count; i++) {
                offsets[i] = dictionaryOffsets[ids[i]];
                lengths[i] = dictionaryLengths[ids[i]];
            }
            text = dictionaryText;
        } else {
            longs = grow(longs, count);
            for (int i = 0; i < count; i++) {
                longs[i] = dictionaryLongs[ids[i]];
            }
        }
    }

    private void plainNumbers(int count, long[] into) throws IOException {
        switch (type) {
            case INT32 -> {
                for (int i = 0; i < count; i++) {
                    into[i] = page.readIntLittleEndian();
                }
            }
            case INT64 -> {
                for (int i = 0; i < count; i++) {
                    into[i] = page.readLongLittleEndian();
                }
            }
            case BOOLEAN -> {
                page.require((count + 7) / 8);
                for (int i = 0; i < count; i++) {
                    into[i] = page.packed(i, 1);
                }
                page.skip((count + 7) / 8);
            }
            default -> throw unsupported(type + " values as numbers");
        }
    }

    private void plainText(int count, int[] valueOffsets, int[] valueLengths) throws IOException {
        for (int i = 0; i < count; i++) {
            int length = page.readIntLittleEndian();
            valueOffsets[i] = page.position();
            valueLengths[i] = length;
            page.skip(length);
        }
    }

    private void requireText(Encoding encoding) throws IOException {
        if (type != PrimitiveTypeName.BINARY) {
            throw unsupported(type + " values in " + encoding);
        }
    }

    // The lengths are decoded into the longs first, so those grow with the text's index.
    private void growTextIndex(int count) {
        longs = grow(longs, count);
        offsets = grow(offsets, count);
        lengths = grow(lengths, count);
    }

    private IOException unsupported(String what) {
        return new IOException("Column " + column + " has " + what + ", which Lakegate does not write or read");
    }

    private static int[] grow(int[] array, int size) {
        return array.length >= size ? array : new int[Math.max(size, array.length * 2)];
    }

    private static long[] grow(long[] array, int size) {
        return array.length >= size ? array : new long[Math.max(size, array.length * 2)];
    }
}
