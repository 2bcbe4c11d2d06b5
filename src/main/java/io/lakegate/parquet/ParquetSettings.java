package io.lakegate.parquet;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * How a part file is laid out.
 *
 * @param zstdLevel           ZSTD level (1 fastest, 22 smallest); ignored for other codecs
 * @param rowGroupBytes       a row group is cut when its buffered data reaches this size; the writer holds
 *                            about this much heap until then
 * @param pageBytes           target size of a data page, the unit of compression and of min/max skipping
 * @param dictionaryPageBytes a dictionary column falls back to plain encoding once its dictionary outgrows this
 * @param overwrite           replace an existing file rather than fail
 * @param bloomFilterColumns  columns that get a Parquet bloom filter, so a reader looking for a few values
 *                            (gold's key lookup) can skip files and row groups that cannot hold them
 */
public record ParquetSettings(ParquetCodec codec, int zstdLevel, long rowGroupBytes, int pageBytes,
        int dictionaryPageBytes, boolean overwrite, Set<String> bloomFilterColumns) {

    private static final int MIB = 1024 * 1024;

    public ParquetSettings {
        Objects.requireNonNull(codec, "codec");
        if (zstdLevel < 1 || zstdLevel > 22) {
            throw new IllegalArgumentException("ZSTD level must be 1 to 22, not " + zstdLevel);
        }
        if (rowGroupBytes <= 0 || pageBytes <= 0 || dictionaryPageBytes <= 0) {
            throw new IllegalArgumentException("Row group, page and dictionary page sizes must be positive");
        }
        bloomFilterColumns = Set.copyOf(bloomFilterColumns);
    }

    public static ParquetSettings defaults() {
        return new ParquetSettings(ParquetCodec.ZSTD, 3, 128L * MIB, MIB, MIB, false, Set.of());
    }

    public ParquetSettings withCodec(ParquetCodec newCodec) {
        return new ParquetSettings(newCodec, zstdLevel, rowGroupBytes, pageBytes, dictionaryPageBytes, overwrite, bloomFilterColumns);
    }

    public ParquetSettings withZstdLevel(int level) {
        return new ParquetSettings(codec, level, rowGroupBytes, pageBytes, dictionaryPageBytes, overwrite, bloomFilterColumns);
    }

    public ParquetSettings withRowGroupBytes(long bytes) {
        return new ParquetSettings(codec, zstdLevel, bytes, pageBytes, dictionaryPageBytes, overwrite, bloomFilterColumns);
    }

    public ParquetSettings withDictionaryPageBytes(int bytes) {
        return new ParquetSettings(codec, zstdLevel, rowGroupBytes, pageBytes, bytes, overwrite, bloomFilterColumns);
    }

    public ParquetSettings withOverwrite(boolean replace) {
        return new ParquetSettings(codec, zstdLevel, rowGroupBytes, pageBytes, dictionaryPageBytes, replace, bloomFilterColumns);
    }

    public ParquetSettings withBloomFilter(String column) {
        Set<String> columns = new HashSet<>(bloomFilterColumns);
        columns.add(column);
        return new ParquetSettings(codec, zstdLevel, rowGroupBytes, pageBytes, dictionaryPageBytes, overwrite, columns);
    }
}
