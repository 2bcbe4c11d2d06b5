package io.lakegate.parquet;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.factory.DefaultV2ValuesWriterFactory;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows to one local Parquet file, a "part" of a table. Not thread-safe: use one writer per thread,
 * each with its own file, which is also how the writing scales (one writer keeps about one core busy).
 * <p>
 * Values go straight into {@link ColumnChunkWriter column chunk writers}, which encode them as parquet-java's column
 * writers do at a fraction of the cost per value; parquet-java's page store compresses and indexes the pages and its
 * file writer lays out the file. Row groups are cut as parquet-java's record writer cuts them: by the bytes buffered,
 * checked every so many rows.
 * <p>
 * A write that fails (a null in a required column, an INT out of range, an exception from the row) may have
 * left a half-written record behind, so the writer then deletes its file and refuses further rows.
 */
public final class ParquetPartWriter implements Closeable {

    private final PartOutputFile file;
    private final MessageType schema;
    private final ParquetProperties properties;
    private long rowGroupBytes;
    private final Map<String, String> keyValueMetadata;
    private final PartCompressor ownCompressor;
    private final BytesInputCompressor compressor;
    private final ParquetFileWriter fileWriter;
    private final RowColumnWriter rows;
    private final ColumnChunkWriter[] columnWriters;
    private ColumnChunkPageWriteStore pages;
    private int rowGroups;
    private long rowsInGroup;
    private long nextSizeCheck;
    private long bytesBeforeGroup;
    private long rowCount;
    private long estimatedBytes;
    private boolean abandoned;

    private ParquetPartWriter(Path path, List<ParquetColumn> columns, ParquetSettings settings,
            Map<String, String> keyValueMetadata, PartCompressor sharedCompressor) throws IOException {
        this.file = new PartOutputFile(path);
        this.schema = ParquetSchemas.toMessageType(columns);
        // Dictionaries are the column chunk writers' own; parquet-java's values writers are asked only for numbers
        // without one.
        ParquetProperties.Builder builder = ParquetProperties.builder()
                .withPageSize(settings.pageBytes())
                .withDictionaryPageSize(settings.dictionaryPageBytes())
                .withDictionaryEncoding(false);
        if (settings.deltaEncodings()) {
            builder.withValuesWriterFactory(new DefaultV2ValuesWriterFactory());
        }
        settings.bloomFilters().forEach((column, distinctValues) ->
                builder.withBloomFilterEnabled(column, true).withBloomFilterNDV(column, distinctValues));
        this.properties = builder.build();
        this.rowGroupBytes = settings.rowGroupBytes();
        this.keyValueMetadata = Map.copyOf(keyValueMetadata);
        this.ownCompressor = sharedCompressor == null ? new PartCompressor(settings) : null;
        this.compressor = (sharedCompressor == null ? ownCompressor : sharedCompressor).compressor();
        this.fileWriter = new ParquetFileWriter(file, schema,
                settings.overwrite() ? ParquetFileWriter.Mode.OVERWRITE : ParquetFileWriter.Mode.CREATE, rowGroupBytes,
                ParquetWriter.MAX_PADDING_SIZE_DEFAULT, null, properties);
        this.rows = new RowColumnWriter(columns);
        this.columnWriters = new ColumnChunkWriter[columns.size()];
        List<ColumnDescriptor> descriptors = schema.getColumns();
        for (int i = 0; i < columnWriters.length; i++) {
            ParquetColumn column = columns.get(i);
            columnWriters[i] = new ColumnChunkWriter(descriptors.get(i), column.nullable(), column.dictionary(),
                    settings.deltaEncodings(), properties);
        }
        fileWriter.start();
        startRowGroup();
    }

    /**
     * @param keyValueMetadata stored in the file footer, such as {@code lakegate.contract=fact_sales}
     */
    public static ParquetPartWriter open(Path path, List<ParquetColumn> columns, ParquetSettings settings,
            Map<String, String> keyValueMetadata) throws IOException {
        return new ParquetPartWriter(path, columns, settings, keyValueMetadata, null);
    }

    /** A part whose pages go through {@code compressor}, which the caller shares among parts and closes. */
    public static ParquetPartWriter open(Path path, List<ParquetColumn> columns, ParquetSettings settings,
            Map<String, String> keyValueMetadata, PartCompressor compressor) throws IOException {
        return new ParquetPartWriter(path, columns, settings, keyValueMetadata, compressor);
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
            rows.write(row, columnWriters);
            rowCount++;
            rowsInGroup++;
            if (rowsInGroup >= nextSizeCheck) {
                cutRowGroupIfFull();
            }
        } catch (IOException | RuntimeException e) {
            abandon(e);
            throw e;
        }
    }

    public long rowCount() {
        return rowCount;
    }

    /**
     * Changes the size at which row groups are cut, from the current group on: a caller that keeps many parts
     * open at once shares one memory budget among them, as parquet-java's {@code MemoryManager} does.
     */
    public void setRowGroupBytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("Row group size must be positive, not " + bytes);
        }
        if (bytes < rowGroupBytes) {
            // The next check was planned for the larger size; look again soon so the group does not overshoot.
            nextSizeCheck = Math.min(nextSizeCheck, rowsInGroup + properties.getMinRowCountForPageSizeCheck());
        }
        rowGroupBytes = bytes;
    }

    /**
     * The size the file would have if closed now, without its footer, for a caller that cuts parts at a byte
     * target. Never decreases. Parquet counts each column's open page (up to 20,000 rows) at its raw size
     * until it is compressed, so the estimate runs ahead of the file by up to that much.
     */
    public long estimatedBytes() {
        // Parquet's own figure drops whenever open pages are compressed; a caller comparing it with a target
        // wants a figure that, once past the target, stays past it.
        estimatedBytes = Math.max(estimatedBytes, bytesBeforeGroup + bufferedBytes());
        return estimatedBytes;
    }

    @Override
    public void close() throws IOException {
        if (abandoned) {
            return;
        }
        try {
            flushRowGroup();
            fileWriter.end(keyValueMetadata);
        } catch (IOException | RuntimeException e) {
            fileWriter.abort();
            throw e;
        } finally {
            pages.close();
            releaseCompressor();
        }
    }

    private void startRowGroup() {
        pages = ColumnChunkPageWriteStore.builder()
                .withSchema(schema)
                .withCompressorProvider(column -> compressor)
                .withAllocator(properties.getAllocator())
                .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
                .withRowGroupOrdinal(rowGroups)
                .build();
        List<ColumnDescriptor> descriptors = schema.getColumns();
        for (int i = 0; i < columnWriters.length; i++) {
            columnWriters[i].start(pages.getPageWriter(descriptors.get(i)), pages.getBloomFilterWriter(descriptors.get(i)));
        }
        rowsInGroup = 0;
        nextSizeCheck = properties.getMinRowCountForPageSizeCheck();
    }

    // Measuring the buffered bytes walks every column, so it is done only every so many rows: halfway to
    // where the rows so far say the group would be full, never more than Parquet's maximum apart.
    private void cutRowGroupIfFull() throws IOException {
        long buffered = bufferedBytes();
        long rowBytes = Math.max(1, buffered / rowsInGroup);
        if (buffered > rowGroupBytes - 2 * rowBytes) {
            flushRowGroup();
            pages.close();
            startRowGroup();
        } else {
            nextSizeCheck = Math.min(Math.max(properties.getMinRowCountForPageSizeCheck(),
                    (rowsInGroup + rowGroupBytes / rowBytes) / 2), rowsInGroup + properties.getMaxRowCountForPageSizeCheck());
        }
    }

    private void flushRowGroup() throws IOException {
        if (rowsInGroup == 0) {
            return;
        }
        rowGroups++;
        for (ColumnChunkWriter column : columnWriters) {
            column.finish();
        }
        fileWriter.startBlock(rowsInGroup);
        pages.flushToFileWriter(fileWriter);
        fileWriter.endBlock();
        bytesBeforeGroup = fileWriter.getPos();
    }

    private long bufferedBytes() {
        long bytes = 0;
        for (ColumnChunkWriter column : columnWriters) {
            bytes += column.bufferedBytes();
        }
        return bytes;
    }

    private void releaseCompressor() {
        if (ownCompressor != null) {
            ownCompressor.close();
        }
    }

    private void abandon(Exception cause) {
        abandoned = true;
        try {
            pages.close();
            releaseCompressor();
            file.discard();
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
