package io.lakegate.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.bloomfilter.BlockSplitBloomFilter;
import org.apache.parquet.column.values.bloomfilter.BloomFilterWriter;
import org.apache.parquet.column.values.bloomfilter.XxHash;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForInteger;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Encodes one column's values into v1 data pages, a column chunk per row group, and hands the pages to parquet-java's
 * page store, which compresses them, indexes them and writes them out.
 * <p>
 * It does what parquet-java's column writer does, in the same encodings, without its per-value costs: a {@code Binary}
 * object per text value, dictionaries that hash every value, statistics that compare every value with the page's
 * minimum and maximum byte by byte, a copy of every value for the bloom filter. Here a value is taken where it lies;
 * a dictionary value equal to the one before is not hashed, and only a dictionary entry new to the page is compared
 * with the page's minimum and maximum.
 * <p>
 * A page ends at the page size or at parquet-java's row limit per page (20,000), whichever comes first. A dictionary
 * that outgrows its size ends the page; the chunk's later pages are plain (or delta) encoded, as in parquet-java.
 */
final class ColumnChunkWriter {

    private enum Values { TEXT_DICTIONARY, NUMBER_DICTIONARY, TEXT, NUMBERS }

    /** XXH64, as Parquet's bloom filters hash values; over a buffer it reads the value in place, where a Binary copies. */
    private static final XxHash BLOOM_HASH = new XxHash();

    private final ColumnDescriptor descriptor;
    private final PrimitiveType type;
    private final boolean text;
    private final boolean nullable;
    private final boolean dictionary;
    private final boolean delta;
    private final ParquetProperties properties;
    private final int pageBytes;
    private final int pageRowLimit;
    private final ValuesWriter levels;
    private final int numberBytes;

    private Values values;
    private PageWriter pages;
    private BloomFilterWriter bloomFilterWriter;
    private BlockSplitBloomFilter bloomFilter;
    private TextDictionary textDictionary;
    private NumberDictionary numberDictionary;
    private ValuesWriter numbers;
    private TextPageEncoder textPage;

    private int[] ids = new int[1024];
    /** Per dictionary id, the number of the last page it appeared in, so that only its first use there is compared. */
    private int[] idSeenOnPage = new int[64];
    private int pageNumber;
    private int pagesInChunk;
    private int pageValues;
    private int nextSizeCheck;
    private int pageNulls;
    private long pageTextBytes;
    private boolean pageHasValue;
    private long minNumber;
    private long maxNumber;
    private final TextBound minText = new TextBound();
    private final TextBound maxText = new TextBound();

    ColumnChunkWriter(ColumnDescriptor descriptor, boolean nullable, boolean dictionary, boolean delta,
            ParquetProperties properties) {
        this.descriptor = descriptor;
        this.type = descriptor.getPrimitiveType();
        this.text = type.getPrimitiveTypeName() == PrimitiveTypeName.BINARY;
        this.nullable = nullable;
        this.dictionary = dictionary && type.getPrimitiveTypeName() != PrimitiveTypeName.BOOLEAN;
        this.delta = delta;
        this.properties = properties;
        this.numberBytes = type.getPrimitiveTypeName() == PrimitiveTypeName.INT64 ? Long.BYTES : Integer.BYTES;
        this.pageBytes = properties.getPageSizeThreshold();
        this.pageRowLimit = properties.getPageRowCountLimit();
        this.levels = nullable
                ? new RunLengthBitPackingHybridValuesWriter(1, properties.getInitialSlabSize(), pageBytes, properties.getAllocator())
                : null;
    }

    /** Starts the column's chunk of a new row group, whose pages go to {@code pages}. */
    void start(PageWriter pages, BloomFilterWriter bloomFilterWriter) {
        this.pages = pages;
        this.bloomFilterWriter = bloomFilterWriter;
        bloomFilter = properties.isBloomFilterEnabled(descriptor) ? newBloomFilter() : null;
        if (dictionary && text) {
            values = Values.TEXT_DICTIONARY;
            textDictionary = new TextDictionary(properties.getDictionaryPageSizeThreshold());
        } else if (dictionary) {
            values = Values.NUMBER_DICTIONARY;
            numberDictionary = new NumberDictionary(numberBytes, properties.getDictionaryPageSizeThreshold());
        } else {
            useEncodingWithoutDictionary();
        }
        pagesInChunk = 0;
        startPage();
    }

    void writeNull() throws IOException {
        levels.writeInteger(0);
        pageNulls++;
        endValue();
    }

    void writeText(byte[] bytes, int offset, int length) throws IOException {
        int id = -1;
        if (values == Values.TEXT_DICTIONARY && (id = textDictionary.idOf(bytes, offset, length)) < 0) {
            fallBack();
        }
        if (nullable) {
            levels.writeInteger(1);
        }
        if (bloomFilter != null) {
            bloomFilter.insertHash(BLOOM_HASH.hashByteBuffer(ByteBuffer.wrap(bytes, offset, length)));
        }
        pageTextBytes += length;
        if (id >= 0) {
            addId(id);
        } else {
            textPage.write(bytes, offset, length);
            updateTextRange(bytes, offset, length);
        }
        endValue();
    }

    void writeLong(long value) throws IOException {
        int id = -1;
        if (values == Values.NUMBER_DICTIONARY && (id = numberDictionary.idOf(value)) < 0) {
            fallBack();
        }
        if (nullable) {
            levels.writeInteger(1);
        }
        if (bloomFilter != null) {
            bloomFilter.insertHash(type.getPrimitiveTypeName() == PrimitiveTypeName.INT64
                    ? bloomFilter.hash(value) : bloomFilter.hash((int) value));
        }
        if (id >= 0) {
            addId(id);
        } else {
            writeNumber(value);
            updateNumberRange(value);
        }
        endValue();
    }

    private void writeNumber(long value) {
        switch (type.getPrimitiveTypeName()) {
            case INT64 -> numbers.writeLong(value);
            case INT32 -> numbers.writeInteger((int) value);
            default -> numbers.writeBoolean(value != 0);
        }
    }

    void writeBoolean(boolean value) throws IOException {
        writeLong(value ? 1 : 0);
    }

    /** The bytes this chunk holds: its finished pages, compressed, and the open page's values. */
    long bufferedBytes() {
        return pages.getMemSize() + openPageBytes();
    }

    /** Ends the chunk: its last page, its dictionary and bloom filter go to the page store. */
    void finish() throws IOException {
        if (pageValues > 0) {
            writePage();
        }
        if (textDictionary != null && textDictionary.size() > 0) {
            pages.writeDictionaryPage(new DictionaryPage(BytesInput.from(textDictionary.plain()), textDictionary.size(),
                    dictionaryPageEncoding()));
        } else if (numberDictionary != null && numberDictionary.size() > 0) {
            pages.writeDictionaryPage(new DictionaryPage(BytesInput.from(numberDictionary.plain()),
                    numberDictionary.size(), dictionaryPageEncoding()));
        }
        if (bloomFilter != null) {
            bloomFilterWriter.writeBloomFilter(bloomFilter);
        }
        textDictionary = null;
        numberDictionary = null;
        bloomFilter = null;
    }

    private BlockSplitBloomFilter newBloomFilter() {
        int maxBytes = properties.getMaxBloomFilterBytes();
        if (properties.getBloomFilterNDV(descriptor).isEmpty()) {
            return new BlockSplitBloomFilter(maxBytes, maxBytes);
        }
        int bits = BlockSplitBloomFilter.optimalNumOfBits(properties.getBloomFilterNDV(descriptor).getAsLong(),
                properties.getBloomFilterFPP(descriptor).getAsDouble());
        return new BlockSplitBloomFilter(bits / 8, maxBytes);
    }

    private void useEncodingWithoutDictionary() {
        if (text) {
            values = Values.TEXT;
            if (textPage == null) {
                textPage = delta ? new DeltaTextPage(properties) : new PlainTextPage();
            }
        } else {
            values = Values.NUMBERS;
            if (numbers == null) {
                numbers = properties.getValuesWriterFactory().newValuesWriter(descriptor);
            }
        }
    }

    /**
     * Writes the rest of the chunk without the dictionary. Pages already written keep it, and the open page ends with
     * it; but a dictionary that overflows on the chunk's first page is dropped, as parquet-java does: the column has too
     * many distinct values for a dictionary to pay.
     */
    private void fallBack() throws IOException {
        if (pagesInChunk > 0) {
            writePage();
            useEncodingWithoutDictionary();
            startPage();
        } else {
            dropDictionary();
        }
    }

    /** Re-encodes the open page's values without the dictionary, which the chunk then does without. */
    private void dropDictionary() {
        TextDictionary texts = textDictionary;
        NumberDictionary numbers = numberDictionary;
        textDictionary = null;
        numberDictionary = null;
        useEncodingWithoutDictionary();
        for (int i = 0; i < pageValues - pageNulls; i++) {
            if (texts != null) {
                textPage.write(texts.text(), texts.offset(ids[i]), texts.length(ids[i]));
            } else {
                writeNumber(numbers.value(ids[i]));
            }
        }
    }

    private void addId(int id) {
        if (pageValues - pageNulls == ids.length) {
            ids = Arrays.copyOf(ids, 2 * ids.length);
        }
        ids[pageValues - pageNulls] = id;
        if (id >= idSeenOnPage.length) {
            idSeenOnPage = Arrays.copyOf(idSeenOnPage, Math.max(id + 1, 2 * idSeenOnPage.length));
        }
        if (idSeenOnPage[id] != pageNumber) {
            idSeenOnPage[id] = pageNumber;
            if (values == Values.TEXT_DICTIONARY) {
                updateTextRange(textDictionary.text(), textDictionary.offset(id), textDictionary.length(id));
            } else {
                updateNumberRange(numberDictionary.value(id));
            }
        }
    }

    // The page's size is measured only now and then: halfway to where the values so far say it would be full.
    private void endValue() throws IOException {
        if (++pageValues < nextSizeCheck) {
            return;
        }
        long bytes = openPageBytes();
        if (pageValues >= pageRowLimit || bytes >= pageBytes) {
            writePage();
            startPage();
            return;
        }
        long bytesPerValue = Math.max(1, bytes / pageValues);
        nextSizeCheck = (int) Math.min(pageRowLimit, pageValues + Math.max(1, (pageBytes - bytes) / bytesPerValue / 2));
    }

    private long openPageBytes() {
        long levelBytes = levels == null ? 0 : levels.getBufferedSize();
        return levelBytes + switch (values) {
            // As parquet-java counts them: at their plain size, however few bits each id takes once encoded.
            case TEXT_DICTIONARY, NUMBER_DICTIONARY -> plainDictionaryValueBytes();
            case TEXT -> textPage.bufferedBytes();
            case NUMBERS -> numbers.getBufferedSize();
        };
    }

    /** The open page's dictionary-encoded values at the size they would take without the dictionary. */
    private long plainDictionaryValueBytes() {
        long values = pageValues - pageNulls;
        return textDictionary != null ? values * Integer.BYTES + pageTextBytes : values * numberBytes;
    }

    private void startPage() {
        // Page numbers start at 1, so an id never seen has page 0.
        pageNumber++;
        pageValues = 0;
        nextSizeCheck = 1;
        pageNulls = 0;
        pageTextBytes = 0;
        pageHasValue = false;
    }

    private void updateTextRange(byte[] bytes, int offset, int length) {
        if (!pageHasValue) {
            pageHasValue = true;
            minText.set(bytes, offset, length);
            maxText.set(bytes, offset, length);
        } else if (minText.compareTo(bytes, offset, length) > 0) {
            minText.set(bytes, offset, length);
        } else if (maxText.compareTo(bytes, offset, length) < 0) {
            maxText.set(bytes, offset, length);
        }
    }

    private void updateNumberRange(long value) {
        if (!pageHasValue) {
            pageHasValue = true;
            minNumber = value;
            maxNumber = value;
        } else if (value < minNumber) {
            minNumber = value;
        } else if (value > maxNumber) {
            maxNumber = value;
        }
    }

    private void writePage() throws IOException {
        BytesInput encodedIds = values == Values.TEXT_DICTIONARY || values == Values.NUMBER_DICTIONARY ? dictionaryIds() : null;
        if (encodedIds != null && pagesInChunk == 0 && encodedIds.size() + dictionaryBytes() >= plainDictionaryValueBytes()) {
            // As parquet-java decides after a chunk's first page: a dictionary that saves nothing is not kept.
            dropDictionary();
            encodedIds = null;
        }
        BytesInput valueBytes = switch (values) {
            case TEXT_DICTIONARY, NUMBER_DICTIONARY -> encodedIds;
            case TEXT -> textPage.bytes();
            case NUMBERS -> numbers.getBytes();
        };
        Encoding valueEncoding = switch (values) {
            case TEXT_DICTIONARY, NUMBER_DICTIONARY -> delta ? Encoding.RLE_DICTIONARY : Encoding.PLAIN_DICTIONARY;
            case TEXT -> delta ? Encoding.DELTA_BYTE_ARRAY : Encoding.PLAIN;
            case NUMBERS -> numbers.getEncoding();
        };
        BytesInput page = levels == null ? valueBytes : BytesInput.concat(levels.getBytes(), valueBytes);
        pages.writePage(page, pageValues, pageValues, pageStatistics(), sizeStatistics(), null, Encoding.BIT_PACKED,
                nullable ? Encoding.RLE : Encoding.BIT_PACKED, valueEncoding);
        pagesInChunk++;
        if (levels != null) {
            levels.reset();
        }
        if (values == Values.TEXT) {
            textPage.reset();
        } else if (values == Values.NUMBERS) {
            numbers.reset();
        }
    }

    /** The page's dictionary ids: their bit width in one byte, then the ids in the RLE / bit-packing hybrid. */
    private BytesInput dictionaryIds() throws IOException {
        int size = values == Values.TEXT_DICTIONARY ? textDictionary.size() : numberDictionary.size();
        int bitWidth = 32 - Integer.numberOfLeadingZeros(Math.max(0, size - 1));
        int count = pageValues - pageNulls;
        try (RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(bitWidth,
                Math.max(64, count * bitWidth / 8 + 16), pageBytes, properties.getAllocator())) {
            for (int i = 0; i < count; i++) {
                encoder.writeInt(ids[i]);
            }
            // Copied: the encoder's buffers go back to the allocator when it closes.
            return BytesInput.concat(BytesInput.from(new byte[] {(byte) bitWidth}), BytesInput.copy(encoder.toBytes()));
        }
    }

    private long dictionaryBytes() {
        return textDictionary != null ? textDictionary.plainBytes() : (long) numberDictionary.size() * numberBytes;
    }

    private Encoding dictionaryPageEncoding() {
        return delta ? Encoding.PLAIN : Encoding.PLAIN_DICTIONARY;
    }

    private Statistics<?> pageStatistics() {
        Statistics<?> statistics = Statistics.createStats(type);
        statistics.incrementNumNulls(pageNulls);
        if (pageHasValue) {
            switch (type.getPrimitiveTypeName()) {
                case BINARY -> {
                    statistics.updateStats(minText.toBinary());
                    statistics.updateStats(maxText.toBinary());
                }
                case INT64 -> {
                    statistics.updateStats(minNumber);
                    statistics.updateStats(maxNumber);
                }
                case INT32 -> {
                    statistics.updateStats((int) minNumber);
                    statistics.updateStats((int) maxNumber);
                }
                default -> {
                    statistics.updateStats(minNumber != 0);
                    statistics.updateStats(maxNumber != 0);
                }
            }
        }
        return statistics;
    }

    /** As parquet-java's size statistics for a flat column: the text bytes (level histograms start at level 2). */
    private SizeStatistics sizeStatistics() {
        return new SizeStatistics(type, text ? pageTextBytes : 0, List.of(), List.of());
    }

    /** {@code array}, or a copy of it with room for {@code length} bytes when it has less. */
    private static byte[] withRoom(byte[] array, int length) {
        return array.length >= length ? array : Arrays.copyOf(array, Math.max(length, 2 * array.length));
    }

    /** A page's smallest or largest text value, in an array reused from page to page. */
    private static final class TextBound {
        private byte[] bytes = new byte[32];
        private int length;

        void set(byte[] value, int offset, int valueLength) {
            bytes = withRoom(bytes, valueLength);
            System.arraycopy(value, offset, bytes, 0, valueLength);
            length = valueLength;
        }

        /** As {@link Arrays#compareUnsigned}: how this bound orders against the value, as Parquet orders UTF-8. */
        int compareTo(byte[] value, int offset, int valueLength) {
            return Arrays.compareUnsigned(bytes, 0, length, value, offset, offset + valueLength);
        }

        /** A copy, since parquet-java keeps the bound it is given. */
        Binary toBinary() {
            return Binary.fromConstantByteArray(Arrays.copyOf(bytes, length));
        }
    }

    /** The values of a text page without a dictionary, in one encoding. */
    private interface TextPageEncoder {
        void write(byte[] bytes, int offset, int length);

        long bufferedBytes();

        BytesInput bytes();

        void reset();
    }

    /** PLAIN: each value's length in 4 bytes, little-endian, then its bytes. */
    private static final class PlainTextPage implements TextPageEncoder {
        private byte[] buffer = new byte[4096];
        private int size;

        @Override
        public void write(byte[] bytes, int offset, int length) {
            buffer = withRoom(buffer, size + Integer.BYTES + length);
            buffer[size] = (byte) length;
            buffer[size + 1] = (byte) (length >>> 8);
            buffer[size + 2] = (byte) (length >>> 16);
            buffer[size + 3] = (byte) (length >>> 24);
            System.arraycopy(bytes, offset, buffer, size + Integer.BYTES, length);
            size += Integer.BYTES + length;
        }

        @Override
        public long bufferedBytes() {
            return size;
        }

        @Override
        public BytesInput bytes() {
            return BytesInput.from(buffer, 0, size);
        }

        @Override
        public void reset() {
            size = 0;
        }
    }

    /**
     * DELTA_BYTE_ARRAY: the length of the prefix each value shares with the one before, delta-packed, then the rest of
     * each value as DELTA_LENGTH_BYTE_ARRAY (the lengths delta-packed, then the bytes).
     */
    private static final class DeltaTextPage implements TextPageEncoder {
        private final DeltaBinaryPackingValuesWriterForInteger prefixLengths;
        private final DeltaBinaryPackingValuesWriterForInteger suffixLengths;
        private byte[] suffixes = new byte[4096];
        private int suffixBytes;
        private byte[] previous = new byte[64];
        private int previousLength;

        DeltaTextPage(ParquetProperties properties) {
            prefixLengths = new DeltaBinaryPackingValuesWriterForInteger(properties.getInitialSlabSize(),
                    properties.getPageSizeThreshold(), properties.getAllocator());
            suffixLengths = new DeltaBinaryPackingValuesWriterForInteger(properties.getInitialSlabSize(),
                    properties.getPageSizeThreshold(), properties.getAllocator());
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            int shared = Arrays.mismatch(previous, 0, previousLength, bytes, offset, offset + length);
            int prefix = shared < 0 ? length : shared;
            int suffix = length - prefix;
            prefixLengths.writeInteger(prefix);
            suffixLengths.writeInteger(suffix);
            suffixes = withRoom(suffixes, suffixBytes + suffix);
            System.arraycopy(bytes, offset + prefix, suffixes, suffixBytes, suffix);
            suffixBytes += suffix;
            previous = withRoom(previous, length);
            System.arraycopy(bytes, offset, previous, 0, length);
            previousLength = length;
        }

        @Override
        public long bufferedBytes() {
            return prefixLengths.getBufferedSize() + suffixLengths.getBufferedSize() + suffixBytes;
        }

        @Override
        public BytesInput bytes() {
            return BytesInput.concat(prefixLengths.getBytes(), suffixLengths.getBytes(),
                    BytesInput.from(suffixes, 0, suffixBytes));
        }

        @Override
        public void reset() {
            prefixLengths.reset();
            suffixLengths.reset();
            suffixBytes = 0;
            previousLength = 0;
        }
    }
}
