package io.lakegate.lake;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetColumn;
import io.lakegate.record.RecordSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The columns of a processed part: the contract's, in contract order, then the lineage columns. */
public final class ProcessedColumns {

    public static final String INGEST_RUN_ID = "ingest_run_id";
    public static final String INGEST_TS = "ingest_ts";
    public static final String SOURCE_FILE = "source_file";
    public static final String SOURCE_LINE = "source_line";

    private ProcessedColumns() {
    }

    public static List<ParquetColumn> of(RecordSchema schema) {
        return of(schema, Set.of());
    }

    /** @param dictionaryColumns contract columns with few distinct values, worth dictionary-encoding */
    public static List<ParquetColumn> of(RecordSchema schema, Set<String> dictionaryColumns) {
        List<ParquetColumn> columns = new ArrayList<>();
        for (RecordSchema.Column c : schema.columns()) {
            ParquetColumn column = switch (c.type()) {
                case STRING -> ParquetColumn.of(c.name(), ColumnType.STRING, !c.required());
                case INTEGER -> ParquetColumn.of(c.name(), ColumnType.LONG, !c.required());
                case DECIMAL -> ParquetColumn.decimal(c.name(), c.precision(), c.scale(), !c.required());
                case TIMESTAMP -> ParquetColumn.of(c.name(), ColumnType.TIMESTAMP, !c.required());
                case DATE -> ParquetColumn.of(c.name(), ColumnType.DATE, !c.required());
                case BOOLEAN -> ParquetColumn.of(c.name(), ColumnType.BOOLEAN, !c.required());
            };
            columns.add(dictionaryColumns.contains(c.name()) ? column.withDictionary() : column);
        }
        columns.add(ParquetColumn.of(INGEST_RUN_ID, ColumnType.STRING, false).withDictionary());
        columns.add(ParquetColumn.of(INGEST_TS, ColumnType.TIMESTAMP, false).withDictionary());
        columns.add(ParquetColumn.of(SOURCE_FILE, ColumnType.STRING, false).withDictionary());
        columns.add(ParquetColumn.of(SOURCE_LINE, ColumnType.LONG, false));
        return columns;
    }
}
