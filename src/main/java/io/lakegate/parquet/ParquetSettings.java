package io.lakegate.parquet;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a part file is laid out.
 *
 * @param zstdLevel           ZSTD level (1 fastest, 22 smallest); ignored for other codecs
 * @param rowGroupBytes       a row group is cut when its buffered data reaches this size; the writer holds
 *                            about this much heap until then
 * @param pageBytes           target size of a data page, the unit of compression and of min/max skipping
 * @param dictionaryPageBytes a dictionary column falls back to plain encoding once its dictionary outgrows this
 * @param overwrite           replace an existing file rather than fail
 * @param bloomFilters        columns that get a Parquet bloom filter, so a reader looking for a few values
 *                            (gold's key lookup) can skip files and row groups that cannot hold them, with the
 *                            distinct values a row group is expected to hold, which sizes the filter
 * @param deltaEncodings      integers as DELTA_BINARY_PACKED and text without a dictionary as DELTA_BYTE_ARRAY
 *                            (Parquet's v2 value encodings, in v1 data pages): values that climb or share a prefix,
 *                            as ids, timestamps and line numbers do even in a shuffled file, shrink before they are
 *                            compressed. Every current reader opens them (parquet-java, DuckDB, Trino and Athena,
 *                            Spark from 3.3); off where any reader at all must open the file
 */
public record ParquetSettings(ParquetCodec codec, int zstdLevel, long rowGroupBytes, int pageBytes,
        int dictionaryPageBytes, boolean overwrite, Map<String, Long> bloomFilters, boolean deltaEncodings) {

    private static final int MIB = 1024 * 1024;

    public ParquetSettings {
        Objects.requireNonNull(codec, "codec");
        if (zstdLevel < 1 || zstdLevel > 22) {
            throw new IllegalArgumentException("ZSTD level must be 1 to 22, not " + zstdLevel);
        }
        if (rowGroupBytes <= 0 || pageBytes <= 0 || dictionaryPageBytes <= 0) {
            throw new IllegalArgumentException("Row group, page and dictionary page sizes must be positive");
        }
        bloomFilters = Map.copyOf(bloomFilters);
    }

    public static ParquetSettings defaults() {
        return new ParquetSettings(ParquetCodec.ZSTD, 3, 128L * MIB, MIB, MIB, false, Map.of(), false);
    }

    public ParquetSettings withCodec(ParquetCodec newCodec) {
        return new ParquetSettings(newCodec, zstdLevel, rowGroupBytes, pageBytes, dictionaryPageBytes, overwrite, bloomFilters, deltaEncodings);
    }

    public ParquetSettings withZstdLevel(int level) {
        return new ParquetSettings(codec, level, rowGroupBytes, pageBytes, dictionaryPageBytes, overwrite, bloomFilters, deltaEncodings);
    }

    public ParquetSettings withRowGroupBytes(long bytes) {
        return new ParquetSettings(codec, zstdLevel, bytes, pageBytes, dictionaryPageBytes, overwrite, bloomFilters, deltaEncodings);
    }

    public ParquetSettings withDictionaryPageBytes(int bytes) {
        return new ParquetSettings(codec, zstdLevel, rowGroupBytes, pageBytes, bytes, overwrite, bloomFilters, deltaEncodings);
    }

    public ParquetSettings withOverwrite(boolean replace) {
        return new ParquetSettings(codec, zstdLevel, rowGroupBytes, pageBytes, dictionaryPageBytes, replace, bloomFilters, deltaEncodings);
    }

    public ParquetSettings withBloomFilter(String column, long expectedDistinctValues) {
        Map<String, Long> filters = new HashMap<>(bloomFilters);
        filters.put(column, expectedDistinctValues);
        return new ParquetSettings(codec, zstdLevel, rowGroupBytes, pageBytes, dictionaryPageBytes, overwrite, filters, deltaEncodings);
    }

    public ParquetSettings withDeltaEncodings(boolean delta) {
        return new ParquetSettings(codec, zstdLevel, rowGroupBytes, pageBytes, dictionaryPageBytes, overwrite, bloomFilters, delta);
    }
}
