package io.lakegate.parquet;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Streams the rows of a local Parquet file, one row group in memory at a time. The reader is itself the
 * current row: after {@link #next()} returns true, the {@link RowView} accessors read that row, so rows can
 * be passed on to a {@link ParquetPartWriter} as they are (compaction). Not thread-safe.
 */
public final class ParquetPartReader implements Utf8RowView, Closeable {

    // A row group's column chunks are read into buffers of at most this size: under half of G1's smallest region,
    // so that none is a humongous object.
    private static final int MAX_READ_BUFFER_BYTES = 256 * 1024;

    private final ParquetFileReader file;
    private final List<ParquetColumn> columns;
    private final Map<String, String> keyValueMetadata;
    private final List<ColumnDescriptor> descriptors;
    private final ColumnCursor[] cursors;
    private long rowsLeftInGroup;

    private ParquetPartReader(ParquetFileReader file, List<String> columnNames) {
        this.file = file;
        FileMetaData metadata = file.getFooter().getFileMetaData();
        MessageType fileSchema = metadata.getSchema();
        MessageType schema = columnNames == null ? fileSchema : projection(fileSchema, columnNames);
        file.setRequestedSchema(schema);
        this.columns = List.copyOf(ParquetSchemas.fromMessageType(schema, dictionaryColumns(file.getRowGroups())));
        this.keyValueMetadata = Map.copyOf(metadata.getKeyValueMetaData());
        this.descriptors = schema.getColumns();
        this.cursors = new ColumnCursor[descriptors.size()];
        for (int column = 0; column < cursors.length; column++) {
            cursors[column] = new ColumnCursor(descriptors.get(column));
        }
    }

    public static ParquetPartReader open(Path path) throws IOException {
        return openWith(path, null);
    }

    /**
     * Reads only the named columns, in the order given: {@link #columns()} and the column indexes of the row
     * follow that order. The other columns' data is never read from the file.
     */
    public static ParquetPartReader open(Path path, List<String> columnNames) throws IOException {
        return openWith(path, Objects.requireNonNull(columnNames, "columnNames"));
    }

    /** Reads the named columns of a file that need not be local, such as a gold file read in place on S3. */
    public static ParquetPartReader open(InputFile input, List<String> columnNames) throws IOException {
        return openWith(input, Objects.requireNonNull(columnNames, "columnNames"));
    }

    private static ParquetPartReader openWith(Path path, List<String> columnNames) throws IOException {
        return openWith(new LocalPartFile(path), columnNames);
    }

    /** @param columnNames the columns to read, or null for all of them */
    private static ParquetPartReader openWith(InputFile input, List<String> columnNames) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withMaxAllocationInBytes(MAX_READ_BUFFER_BYTES).build();
        ParquetFileReader file = ParquetFileReader.open(input, options);
        try {
            return new ParquetPartReader(file, columnNames);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /**
     * The columns read (all of the file's unless chosen at open), with the dictionary flag set where the first
     * row group used a dictionary.
     */
    public List<ParquetColumn> columns() {
        return columns;
    }

    /** The rows of the file, from its footer. */
    public long rowCount() {
        return file.getRecordCount();
    }

    public Map<String, String> keyValueMetadata() {
        return keyValueMetadata;
    }

    /** Moves to the next row; false once all rows were read. */
    public boolean next() throws IOException {
        while (rowsLeftInGroup == 0) {
            PageReadStore rowGroup = file.readNextRowGroup();
            if (rowGroup == null) {
                return false;
            }
            rowsLeftInGroup = rowGroup.getRowCount();
            for (int column = 0; column < cursors.length; column++) {
                cursors[column].start(rowGroup.getPageReader(descriptors.get(column)));
            }
        }
        // The columns are flat, so a row is the next value of each column, read without record assembly.
        for (ColumnCursor cursor : cursors) {
            cursor.next();
        }
        rowsLeftInGroup--;
        return true;
    }

    @Override
    public boolean isNull(int column) {
        return cursors[column].isNull();
    }

    @Override
    public long getLong(int column) {
        return cursors[column].getLong();
    }

    @Override
    public String getString(int column) {
        return cursors[column].getString();
    }

    @Override
    public byte[] utf8Array(int column) {
        return cursors[column].utf8Array();
    }

    @Override
    public int utf8Offset(int column) {
        return cursors[column].utf8Offset();
    }

    @Override
    public int utf8Length(int column) {
        return cursors[column].utf8Length();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    private static MessageType projection(MessageType fileSchema, List<String> columnNames) {
        List<Type> fields = new ArrayList<>(columnNames.size());
        for (String name : columnNames) {
            if (!fileSchema.containsField(name)) {
                throw new IllegalArgumentException("The file has no column " + name);
            }
            fields.add(fileSchema.getType(name));
        }
        return new MessageType(fileSchema.getName(), fields);
    }

    private static Set<String> dictionaryColumns(List<BlockMetaData> rowGroups) {
        Set<String> names = new HashSet<>();
        if (!rowGroups.isEmpty()) {
            for (ColumnChunkMetaData chunk : rowGroups.get(0).getColumns()) {
                if (chunk.hasDictionaryPage()) {
                    names.add(chunk.getPath().toDotString());
                }
            }
        }
        return names;
    }
}
