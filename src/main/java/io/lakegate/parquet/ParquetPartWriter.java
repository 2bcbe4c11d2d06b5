package io.lakegate.parquet;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;

/**
 * Writes rows to one local Parquet file, a "part" of a table. Not thread-safe: use one writer per thread,
 * each with its own file, which is also how the writing scales (one writer keeps about one core busy).
 * <p>
 * A write that fails (a null in a required column, an INT out of range, an exception from the row) may have
 * left a half-written record behind, so the writer then deletes its file and refuses further rows.
 */
public final class ParquetPartWriter implements Closeable {

    private static final String ZSTD_LEVEL_KEY = "parquet.compression.codec.zstd.level";

    private final ParquetWriter<RowView> writer;
    private final PartOutputFile file;
    private long rowCount;
    private long estimatedBytes;
    private boolean abandoned;

    private ParquetPartWriter(ParquetWriter<RowView> writer, PartOutputFile file) {
        this.writer = writer;
        this.file = file;
    }

    /**
     * @param keyValueMetadata stored in the file footer, such as {@code lakegate.contract=fact_sales}
     */
    public static ParquetPartWriter open(Path path, List<ParquetColumn> columns, ParquetSettings settings,
            Map<String, String> keyValueMetadata) throws IOException {
        PartOutputFile file = new PartOutputFile(path);
        // Parquet's plain configuration: building a Hadoop one (XML defaults, deprecation tables) per part costs
        // far more than writing a small part.
        PlainParquetConfiguration configuration = new PlainParquetConfiguration();
        configuration.setInt(ZSTD_LEVEL_KEY, settings.zstdLevel());
        Builder builder = new Builder(file, new RowWriteSupport(columns, keyValueMetadata))
                .withConf(configuration)
                .withCompressionCodec(settings.codec().parquetName())
                .withRowGroupSize(settings.rowGroupBytes())
                .withPageSize(settings.pageBytes())
                .withDictionaryPageSize(settings.dictionaryPageBytes())
                .withDictionaryEncoding(false)
                .withWriteMode(settings.overwrite() ? ParquetFileWriter.Mode.OVERWRITE : ParquetFileWriter.Mode.CREATE);
        for (ParquetColumn column : columns) {
            if (column.dictionary()) {
                builder.withDictionaryEncoding(column.name(), true);
            }
        }
        return new ParquetPartWriter(builder.build(), file);
    }

    public static ParquetPartWriter open(Path path, List<ParquetColumn> columns, ParquetSettings settings)
            throws IOException {
        return open(path, columns, settings, Map.of());
    }

    public void write(RowView row) throws IOException {
        if (abandoned) {
            throw new IllegalStateException("Part " + file.getPath() + " was abandoned after a failed write");
        }
        try {
            writer.write(row);
            rowCount++;
        } catch (IOException | RuntimeException e) {
            abandon(e);
            throw e;
        }
    }

    public long rowCount() {
        return rowCount;
    }

    /**
     * The size the file would have if closed now, without its footer, for a caller that cuts parts at a byte
     * target. Never decreases. Parquet counts each column's open page (up to 20,000 rows) at its raw size
     * until it is compressed, so the estimate runs ahead of the file by up to that much.
     */
    public long estimatedBytes() {
        // Parquet's own figure drops whenever open pages are compressed; a caller comparing it with a target
        // wants a figure that, once past the target, stays past it.
        estimatedBytes = Math.max(estimatedBytes, writer.getDataSize());
        return estimatedBytes;
    }

    @Override
    public void close() throws IOException {
        if (!abandoned) {
            writer.close();
        }
    }

    private void abandon(Exception cause) {
        abandoned = true;
        try {
            file.discard();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static final class Builder extends ParquetWriter.Builder<RowView, Builder> {

        private final RowWriteSupport writeSupport;

        Builder(OutputFile file, RowWriteSupport writeSupport) {
            super(file);
            this.writeSupport = writeSupport;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<RowView> getWriteSupport(ParquetConfiguration configuration) {
            return writeSupport;
        }

        /** Deprecated but still abstract; only called for a Hadoop configuration, which is never given. */
        @Override
        @SuppressWarnings("deprecation")
        protected WriteSupport<RowView> getWriteSupport(Configuration configuration) {
            return writeSupport;
        }
    }
}
