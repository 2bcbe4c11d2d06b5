package io.lakegate.parquet;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Hands a {@link RowView}'s values straight to Parquet's column writers, with no record object in between. */
final class RowWriteSupport extends WriteSupport<RowView> {

    private final MessageType schema;
    private final Map<String, String> keyValueMetadata;
    private final String[] names;
    private final ColumnType[] types;
    private final int[] requiredColumns;
    private final boolean[] nullable;
    private final Utf8Scratch utf8 = new Utf8Scratch();
    // Per column, the last string written and, once the same instance came again, its bytes: columns that
    // repeat one value row after row (a file's lineage) are encoded once instead of for every row.
    private final String[] lastText;
    private final Binary[] repeatedBytes;
    private RecordConsumer consumer;

    RowWriteSupport(List<ParquetColumn> columns, Map<String, String> keyValueMetadata) {
        this.schema = ParquetSchemas.toMessageType(columns);
        this.keyValueMetadata = Map.copyOf(keyValueMetadata);
        int count = columns.size();
        names = new String[count];
        types = new ColumnType[count];
        nullable = new boolean[count];
        for (int i = 0; i < count; i++) {
            ParquetColumn column = columns.get(i);
            names[i] = column.name();
            types[i] = column.type();
            nullable[i] = column.nullable();
        }
        requiredColumns = IntStream.range(0, count).filter(i -> !nullable[i]).toArray();
        lastText = new String[count];
        repeatedBytes = new Binary[count];
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, keyValueMetadata);
    }

    /** Deprecated but still abstract; only called for a Hadoop configuration, which the part writer never gives. */
    @Override
    @SuppressWarnings("deprecation")
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, keyValueMetadata);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        consumer = recordConsumer;
    }

    @Override
    public void write(RowView row) {
        // Checked before the record starts: a failure half-way through a record leaves the part unusable.
        for (int column : requiredColumns) {
            if (row.isNull(column)) {
                throw new IllegalArgumentException("Column " + names[column] + " is not nullable but the row has no value");
            }
        }
        consumer.startMessage();
        for (int i = 0; i < names.length; i++) {
            if (nullable[i] && row.isNull(i)) {
                continue;
            }
            consumer.startField(names[i], i);
            writeValue(row, i);
            consumer.endField(names[i], i);
        }
        consumer.endMessage();
    }

    private Binary bytesOf(String text, int column) {
        if (text != lastText[column]) {
            lastText[column] = text;
            repeatedBytes[column] = null;
            return utf8.encode(text);
        }
        if (repeatedBytes[column] == null) {
            repeatedBytes[column] = Binary.fromConstantByteArray(text.getBytes(StandardCharsets.UTF_8));
        }
        return repeatedBytes[column];
    }

    private void writeValue(RowView row, int column) {
        switch (types[column]) {
            case STRING -> consumer.addBinary(bytesOf(row.getString(column), column));
            case LONG, DECIMAL, TIMESTAMP -> consumer.addLong(row.getLong(column));
            case INT, DATE -> consumer.addInteger(Math.toIntExact(row.getLong(column)));
            case BOOLEAN -> consumer.addBoolean(row.getLong(column) != 0);
        }
    }
}
