package io.lakegate.gold;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetPartReader;
import io.lakegate.parquet.RowView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.values.bloomfilter.BlockSplitBloomFilter;
import org.apache.parquet.column.values.bloomfilter.BloomFilter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.BloomFilterReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.api.Binary;

/**
 * Finds which gold files hold any of the keys a compaction brings, without reading the files' rows: a key whose
 * event day changed must leave the file of its old day, wherever gold has it. The keys are held as their 64-bit
 * hashes, 8 bytes each, sorted.
 * <p>
 * A file is first asked through the Parquet bloom filter of its key column (gold files carry one), one small
 * ranged read per row group; only a file whose filter says "maybe" has its key column read and each key's hash
 * looked up. A hash match that is a collision only makes the compaction rewrite a file it did not need to: the
 * deduplication itself compares whole keys.
 */
final class KeyLocator {

    // Parquet's bloom filters hash with XXH64; any filter instance computes that hash.
    private static final BloomFilter HASHER = new BlockSplitBloomFilter(32);

    private final String keyColumn;
    private final ColumnType keyType;
    private final long[] hashes;

    private KeyLocator(String keyColumn, ColumnType keyType, long[] hashes) {
        this.keyColumn = keyColumn;
        this.keyType = keyType;
        this.hashes = hashes;
    }

    /** The keys of the given local Parquet files (processed parts), read on the workers. */
    static KeyLocator of(List<Path> files, String keyColumn, ColumnType keyType, Executor workers) throws IOException {
        KeyLocator locator = new KeyLocator(keyColumn, keyType, null);
        List<LongList> hashesOfFile = EachFile.map(files, workers, (index, file) -> {
            LongList hashes = new LongList();
            try (ParquetPartReader reader = ParquetPartReader.open(file, List.of(keyColumn))) {
                while (reader.next()) {
                    if (!reader.isNull(0)) {
                        hashes.add(locator.hash(reader));
                    }
                }
            }
            return hashes;
        });
        LongList hashes = new LongList();
        hashesOfFile.forEach(hashes::addAll);
        return new KeyLocator(keyColumn, keyType, hashes.sortedDistinct());
    }

    int keys() {
        return hashes.length;
    }

    /** Whether the file may hold one of the keys; false only when it certainly holds none. */
    boolean mayHoldAny(InputFile file) throws IOException {
        if (hashes.length == 0 || !bloomFiltersMayHoldAny(file)) {
            return false;
        }
        try (ParquetPartReader reader = ParquetPartReader.open(file, List.of(keyColumn))) {
            while (reader.next()) {
                if (!reader.isNull(0) && Arrays.binarySearch(hashes, hash(reader)) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean bloomFiltersMayHoldAny(InputFile file) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(file, options)) {
            for (BlockMetaData rowGroup : reader.getFooter().getBlocks()) {
                ColumnChunkMetaData keys = rowGroup.getColumns().stream()
                        .filter(c -> c.getPath().toDotString().equals(keyColumn)).findFirst().orElse(null);
                BloomFilterReader filters = reader.getBloomFilterDataReader(rowGroup);
                BloomFilter filter = keys == null ? null : filters.readBloomFilter(keys);
                if (filter == null) {
                    return true;
                }
                for (long hash : hashes) {
                    if (filter.findHash(hash)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The hash Parquet's bloom filter takes of the key in the reader's first column, by its physical type. */
    private long hash(RowView row) {
        return switch (keyType) {
            case STRING -> HASHER.hash(Binary.fromString(row.getString(0)));
            case INT, DATE -> HASHER.hash((int) row.getLong(0));
            case BOOLEAN -> throw new IllegalArgumentException("A gold key cannot be a BOOLEAN column");
            default -> HASHER.hash(row.getLong(0));
        };
    }
}
