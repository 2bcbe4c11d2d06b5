package io.lakegate.parquet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/** Translates between lake columns and the flat Parquet schema of a part file, both ways. */
final class ParquetSchemas {

    private static final String MESSAGE_NAME = "lakegate";

    private ParquetSchemas() {}

    static MessageType toMessageType(List<ParquetColumn> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("A part file needs at least one column");
        }
        Set<String> names = new HashSet<>();
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (ParquetColumn column : columns) {
            if (!names.add(column.name())) {
                throw new IllegalArgumentException("Column " + column.name() + " appears twice");
            }
            message.addField(toPrimitive(column, names.size()));
        }
        return message.named(MESSAGE_NAME);
    }

    // Field ids are the columns' positions from 1: Iceberg reads gold's files by id, and an Iceberg table made
    // from these columns numbers its fields the same way.
    private static PrimitiveType toPrimitive(ParquetColumn column, int fieldId) {
        Repetition repetition = column.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
        return primitive(column, repetition).id(fieldId).named(column.name());
    }

    private static Types.PrimitiveBuilder<PrimitiveType> primitive(ParquetColumn column, Repetition repetition) {
        return switch (column.type()) {
            case STRING -> Types.primitive(PrimitiveTypeName.BINARY, repetition)
                    .as(LogicalTypeAnnotation.stringType());
            case LONG -> Types.primitive(PrimitiveTypeName.INT64, repetition);
            case INT -> Types.primitive(PrimitiveTypeName.INT32, repetition);
            case DECIMAL -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.decimalType(column.scale(), column.precision()));
            case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS));
            case DATE -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.dateType());
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition);
        };
    }

    /**
     * The columns of a file written with {@link #toMessageType}. Other writers' files are read as long as each
     * column has one of those encodings; anything else (nested, repeated, millisecond timestamps) is refused
     * rather than converted, so that compaction never changes a column's meaning silently.
     */
    static List<ParquetColumn> fromMessageType(MessageType schema, Set<String> dictionaryColumns) {
        List<ParquetColumn> columns = new ArrayList<>(schema.getFieldCount());
        for (Type field : schema.getFields()) {
            if (!field.isPrimitive() || field.isRepetition(Repetition.REPEATED)) {
                throw unsupported(field);
            }
            PrimitiveType primitive = field.asPrimitiveType();
            boolean nullable = field.isRepetition(Repetition.OPTIONAL);
            boolean dictionary = dictionaryColumns.contains(field.getName());
            LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
            ParquetColumn column;
            if (logical instanceof DecimalLogicalTypeAnnotation decimal
                    && primitive.getPrimitiveTypeName() == PrimitiveTypeName.INT64) {
                column = new ParquetColumn(field.getName(), ColumnType.DECIMAL, decimal.getPrecision(),
                        decimal.getScale(), nullable, dictionary);
            } else {
                column = new ParquetColumn(field.getName(), plainType(primitive), 0, 0, nullable, dictionary);
            }
            columns.add(column);
        }
        return columns;
    }

    private static ColumnType plainType(PrimitiveType primitive) {
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        switch (primitive.getPrimitiveTypeName()) {
            case BINARY:
                if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
                    return ColumnType.STRING;
                }
                break;
            case INT64:
                if (logical == null || isSignedInt(logical, 64)) {
                    return ColumnType.LONG;
                }
                if (logical instanceof TimestampLogicalTypeAnnotation timestamp
                        && timestamp.getUnit() == TimeUnit.MICROS && timestamp.isAdjustedToUTC()) {
                    return ColumnType.TIMESTAMP;
                }
                break;
            case INT32:
                if (logical == null || isSignedInt(logical, 32)) {
                    return ColumnType.INT;
                }
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return ColumnType.DATE;
                }
                break;
            case BOOLEAN:
                return ColumnType.BOOLEAN;
            default:
                break;
        }
        throw unsupported(primitive);
    }

    private static boolean isSignedInt(LogicalTypeAnnotation logical, int bits) {
        return logical instanceof IntLogicalTypeAnnotation integer && integer.isSigned() && integer.getBitWidth() == bits;
    }

    private static IllegalArgumentException unsupported(Type field) {
        return new IllegalArgumentException("Column " + field.getName() + " has a Parquet type the lake does not use: " + field);
    }
}
