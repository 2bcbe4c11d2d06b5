package io.lakegate.record;

import io.lakegate.contract.DataContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The typed columns of a dataset, in contract order: what every processed row of it holds. */
public final class RecordSchema {

    /** One column; {@code scale} matters for decimals only. */
    public record Column(String name, LogicalType type, int precision, int scale, boolean required, boolean unique) {
    }

    private static final int DEFAULT_PRECISION = 18;
    private static final int DEFAULT_SCALE = 2;

    private final List<Column> columns;
    private final Map<String, Integer> positions = new HashMap<>();

    private RecordSchema(List<Column> columns) {
        this.columns = List.copyOf(columns);
        for (int i = 0; i < columns.size(); i++) {
            positions.put(columns.get(i).name(), i);
        }
    }

    public static RecordSchema of(DataContract contract) {
        List<Column> columns = new ArrayList<>();
        for (DataContract.Property p : contract.properties()) {
            LogicalType type = LogicalType.of(p.logicalType());
            int precision = p.precision() != null ? p.precision() : DEFAULT_PRECISION;
            int scale = type == LogicalType.DECIMAL ? (p.scale() != null ? p.scale() : DEFAULT_SCALE) : 0;
            columns.add(new Column(p.name(), type, precision, scale, p.required(), p.unique()));
        }
        return new RecordSchema(columns);
    }

    public List<Column> columns() {
        return columns;
    }

    public int size() {
        return columns.size();
    }

    public Column column(int position) {
        return columns.get(position);
    }

    public int position(String name) {
        Integer position = positions.get(name);
        if (position == null) {
            throw new IllegalArgumentException("No column '" + name + "' in the schema");
        }
        return position;
    }
}
