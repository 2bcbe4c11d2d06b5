package io.lakegate.gold;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetColumn;
import io.lakegate.parquet.ParquetPartReader;
import io.lakegate.lake.ProcessedColumns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The columns of a date's processed parts and of the gold made from them. Gold has the processed columns,
 * same names, order and types, then {@code row_hash}. The parts must agree on names, order and types; a
 * column nullable or dictionary-encoded in any part is so in gold, which keeps the result independent of
 * the order the parts are listed in.
 */
final class GoldSchema {

    static final String ROW_HASH = "row_hash";
    static final String INGEST_RUN_ID = ProcessedColumns.INGEST_RUN_ID;
    static final String INGEST_TS = ProcessedColumns.INGEST_TS;
    static final String SOURCE_FILE = ProcessedColumns.SOURCE_FILE;
    static final String SOURCE_LINE = ProcessedColumns.SOURCE_LINE;

    /** The lineage columns processing appends to every row, and their types. */
    private static final Map<String, ColumnType> LINEAGE = Map.of(INGEST_RUN_ID, ColumnType.STRING,
            INGEST_TS, ColumnType.TIMESTAMP, SOURCE_FILE, ColumnType.STRING, SOURCE_LINE, ColumnType.LONG);

    private final List<ParquetColumn> processed;
    private final List<ParquetColumn> gold;
    private final Map<String, String> commonMetadata;

    private GoldSchema(List<ParquetColumn> processed, Map<String, String> commonMetadata) {
        this.processed = List.copyOf(processed);
        List<ParquetColumn> withHash = new ArrayList<>(processed);
        withHash.add(ParquetColumn.of(ROW_HASH, ColumnType.STRING, false));
        this.gold = List.copyOf(withHash);
        this.commonMetadata = Map.copyOf(commonMetadata);
    }

    /** Reads the parts' footers and checks they have the lineage columns and the columns the settings name. */
    static GoldSchema of(List<Path> processedParts, GoldSettings settings) throws IOException {
        if (processedParts.isEmpty()) {
            throw new IllegalArgumentException("No processed parts to compact");
        }
        List<ParquetColumn> merged = null;
        Map<String, String> metadata = null;
        Path first = null;
        for (Path part : processedParts) {
            try (ParquetPartReader reader = ParquetPartReader.open(part)) {
                if (merged == null) {
                    merged = new ArrayList<>(reader.columns());
                    metadata = new HashMap<>(reader.keyValueMetadata());
                    first = part;
                } else {
                    merge(merged, reader.columns(), first, part);
                    metadata.entrySet().retainAll(reader.keyValueMetadata().entrySet());
                }
            }
        }
        GoldSchema schema = new GoldSchema(merged, metadata);
        schema.check(settings);
        return schema;
    }

    List<ParquetColumn> processedColumns() {
        return processed;
    }

    List<ParquetColumn> goldColumns() {
        return gold;
    }

    /** Position of a processed column, which is also its position in gold. */
    int indexOf(String name) {
        for (int i = 0; i < processed.size(); i++) {
            if (processed.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("The processed parts have no column " + name);
    }

    ColumnType typeOf(String name) {
        return processed.get(indexOf(name)).type();
    }

    /** The contract's columns, in schema order: everything but lineage. These are what {@link RowHash} covers. */
    int[] businessColumns() {
        return IntStream.range(0, processed.size())
                .filter(i -> !LINEAGE.containsKey(processed.get(i).name()))
                .toArray();
    }

    /** Footer entries every part agrees on (such as the contract), sorted by key. */
    Map<String, String> commonMetadata() {
        return new TreeMap<>(commonMetadata);
    }

    private void check(GoldSettings settings) {
        if (processed.stream().anyMatch(c -> c.name().equals(ROW_HASH))) {
            throw new IllegalArgumentException("Processed parts already have a " + ROW_HASH + " column; are these gold files?");
        }
        LINEAGE.forEach((name, type) -> {
            if (typeOf(name) != type) {
                throw new IllegalArgumentException("Lineage column " + name + " is " + typeOf(name) + ", not " + type);
            }
        });
        if (LINEAGE.containsKey(settings.keyColumn())) {
            throw new IllegalArgumentException("The key must be a business column, not the lineage column " + settings.keyColumn());
        }
        indexOf(settings.keyColumn());
        settings.sortColumns().forEach(this::indexOf);
        if (typeOf(settings.eventTimeColumn()) != ColumnType.TIMESTAMP) {
            throw new IllegalArgumentException("The event time " + settings.eventTimeColumn() + " is "
                    + typeOf(settings.eventTimeColumn()) + ", not a TIMESTAMP");
        }
    }

    /** Checks that a file read with the processed columns' names has them with the same types. */
    void checkSameColumns(Path file, List<ParquetColumn> columns) {
        for (int i = 0; i < processed.size(); i++) {
            ParquetColumn expected = processed.get(i);
            ParquetColumn actual = columns.get(i);
            if (actual.type() != expected.type() || actual.precision() != expected.precision()
                    || actual.scale() != expected.scale()) {
                throw new IllegalArgumentException(file + " has " + describe(List.of(actual)) + " but the processed parts have "
                        + describe(List.of(expected)));
            }
        }
    }

    private static void merge(List<ParquetColumn> merged, List<ParquetColumn> next, Path first, Path part) {
        if (merged.size() != next.size()) {
            throw mismatch(first, merged, part, next);
        }
        for (int i = 0; i < merged.size(); i++) {
            ParquetColumn a = merged.get(i);
            ParquetColumn b = next.get(i);
            if (!a.name().equals(b.name()) || a.type() != b.type() || a.precision() != b.precision() || a.scale() != b.scale()) {
                throw mismatch(first, merged, part, next);
            }
            merged.set(i, new ParquetColumn(a.name(), a.type(), a.precision(), a.scale(),
                    a.nullable() || b.nullable(), a.dictionary() || b.dictionary()));
        }
    }

    private static IllegalArgumentException mismatch(Path first, List<ParquetColumn> a, Path part, List<ParquetColumn> b) {
        return new IllegalArgumentException("Processed parts of one date must have the same columns: " + first + " has "
                + describe(a) + " but " + part + " has " + describe(b));
    }

    private static List<String> describe(List<ParquetColumn> columns) {
        return columns.stream().map(c -> c.type() == ColumnType.DECIMAL
                ? c.name() + " DECIMAL(" + c.precision() + "," + c.scale() + ")"
                : c.name() + " " + c.type()).toList();
    }
}
