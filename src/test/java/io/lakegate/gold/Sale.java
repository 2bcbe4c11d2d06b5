package io.lakegate.gold;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetColumn;
import io.lakegate.parquet.ParquetPartWriter;
import io.lakegate.parquet.ParquetSettings;
import io.lakegate.parquet.RowView;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** A processed sales row: the contract's columns as processing writes them, then lineage. */
public record Sale(String transactionId, String storeId, long quantity, String amount, String customerId, String soldAt,
        String runId, String ingestTs, String sourceFile, long sourceLine) implements RowView {

    static final List<ParquetColumn> COLUMNS = List.of(
            ParquetColumn.of("transaction_id", ColumnType.STRING, false),
            ParquetColumn.of("store_id", ColumnType.STRING, false).withDictionary(),
            ParquetColumn.of("quantity", ColumnType.LONG, false),
            ParquetColumn.decimal("amount", 18, 2, false),
            ParquetColumn.of("customer_id", ColumnType.STRING, true),
            ParquetColumn.of("sold_at", ColumnType.TIMESTAMP, false),
            ParquetColumn.of("ingest_run_id", ColumnType.STRING, false).withDictionary(),
            ParquetColumn.of("ingest_ts", ColumnType.TIMESTAMP, false).withDictionary(),
            ParquetColumn.of("source_file", ColumnType.STRING, false).withDictionary(),
            ParquetColumn.of("source_line", ColumnType.LONG, false));

    public static Sale sale(String transactionId, String amount) {
        return new Sale(transactionId, "S1", 1, amount, "C1", "2024-05-01T10:15:30Z",
                "run-1", "2024-05-02T00:00:00Z", "raw/sales-1.csv", 2);
    }

    public static Path writePart(Path file, Sale... rows) throws IOException {
        try (ParquetPartWriter writer = ParquetPartWriter.open(file, COLUMNS, ParquetSettings.defaults())) {
            for (Sale row : rows) {
                writer.write(row);
            }
        }
        return file;
    }

    Sale store(String newStoreId) {
        return new Sale(transactionId, newStoreId, quantity, amount, customerId, soldAt, runId, ingestTs, sourceFile, sourceLine);
    }

    Sale customer(String newCustomerId) {
        return new Sale(transactionId, storeId, quantity, amount, newCustomerId, soldAt, runId, ingestTs, sourceFile, sourceLine);
    }

    public Sale soldAt(String instant) {
        return new Sale(transactionId, storeId, quantity, amount, customerId, instant, runId, ingestTs, sourceFile, sourceLine);
    }

    Sale ingested(String newRunId, String newIngestTs, String newSourceFile, long newSourceLine) {
        return new Sale(transactionId, storeId, quantity, amount, customerId, soldAt, newRunId, newIngestTs, newSourceFile,
                newSourceLine);
    }

    Sale line(long newSourceLine) {
        return ingested(runId, ingestTs, sourceFile, newSourceLine);
    }

    @Override
    public boolean isNull(int column) {
        return column == 4 && customerId == null;
    }

    @Override
    public long getLong(int column) {
        return switch (column) {
            case 2 -> quantity;
            case 3 -> new BigDecimal(amount).setScale(2).unscaledValue().longValueExact();
            case 5 -> micros(soldAt);
            case 7 -> micros(ingestTs);
            case 9 -> sourceLine;
            default -> throw new IllegalArgumentException("Column " + column + " is not a number");
        };
    }

    @Override
    public String getString(int column) {
        return switch (column) {
            case 0 -> transactionId;
            case 1 -> storeId;
            case 4 -> customerId;
            case 6 -> runId;
            case 8 -> sourceFile;
            default -> throw new IllegalArgumentException("Column " + column + " is not text");
        };
    }

    private static long micros(String instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(instant));
    }
}
