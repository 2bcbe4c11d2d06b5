package io.lakegate.gold;

import io.lakegate.contract.DataContract;
import io.lakegate.lake.LakeLayout;
import io.lakegate.parquet.ParquetColumn;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The gold tables as Iceberg tables: one per dataset, {@code <namespace>.<dataset>}, format v2, partitioned by
 * the day of the contract's event time, sorted by its {@code gold.sortBy}, at {@code s3://<bucket>/gold/<dataset>}.
 * Fields are numbered by position from 1, the ids gold's Parquet files carry.
 * <p>
 * A table remembers which processed inputs it was last compacted from, per date, in its properties
 * ({@code lakegate.inputs.<date>}); they change in the same commit as the data, so they never disagree.
 */
public final class GoldTables {

    private static final String INPUTS_PROPERTY = "lakegate.inputs.";

    private final Catalog catalog;
    private final Namespace namespace;
    private final String bucket;

    public GoldTables(Catalog catalog, String namespace, String bucket) {
        this.catalog = catalog;
        this.namespace = Namespace.of(namespace);
        this.bucket = bucket;
    }

    public TableIdentifier identifier(String dataset) {
        return TableIdentifier.of(namespace, dataset);
    }

    public Optional<Table> load(String dataset) {
        try {
            return Optional.of(catalog.loadTable(identifier(dataset)));
        } catch (NoSuchTableException e) {
            return Optional.empty();
        }
    }

    /** The dataset's table, created on first use; refuses columns that differ from the table's. */
    Table loadOrCreate(DataContract contract, List<ParquetColumn> goldColumns) {
        Schema schema = schemaOf(goldColumns);
        Optional<Table> existing = load(contract.id());
        if (existing.isPresent()) {
            checkSameColumns(existing.get(), schema);
            return existing.get();
        }
        if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(namespace)) {
            try {
                namespaces.createNamespace(namespace);
            } catch (AlreadyExistsException raced) {
                // another replica created it first
            }
        }
        DataContract.Gold gold = contract.goldTable().orElseThrow();
        PartitionSpec spec = PartitionSpec.builderFor(schema).day(contract.schema().eventTime()).build();
        SortOrder.Builder order = SortOrder.builderFor(schema);
        List<String> sortColumns = new ArrayList<>(gold.sortByOrKey());
        if (!sortColumns.contains(gold.key())) {
            sortColumns.add(gold.key());
        }
        sortColumns.forEach(order::asc);
        Map<String, String> properties = Map.of(
                TableProperties.FORMAT_VERSION, "2",
                TableProperties.PARQUET_COMPRESSION, "zstd",
                TableProperties.PARQUET_BLOOM_FILTER_COLUMN_ENABLED_PREFIX + gold.key(), "true",
                TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true",
                "lakegate.gold.key", gold.key());
        try {
            return catalog.buildTable(identifier(contract.id()), schema)
                    .withPartitionSpec(spec)
                    .withSortOrder(order.build())
                    .withLocation(LakeLayout.goldTableLocation(bucket, contract.id()))
                    .withProperties(properties)
                    .create();
        } catch (AlreadyExistsException raced) {
            Table table = catalog.loadTable(identifier(contract.id()));
            checkSameColumns(table, schema);
            return table;
        }
    }

    /** What each date was last compacted from: the fingerprint of its processed inputs. */
    static Map<LocalDate, String> compactedInputs(Table table) {
        Map<LocalDate, String> inputs = new TreeMap<>();
        table.properties().forEach((name, value) -> {
            if (name.startsWith(INPUTS_PROPERTY)) {
                inputs.put(LocalDate.parse(name.substring(INPUTS_PROPERTY.length())), value);
            }
        });
        return inputs;
    }

    static String inputsProperty(LocalDate date) {
        return INPUTS_PROPERTY + date;
    }

    /** The Iceberg schema of gold columns: every field optional, so a later contract may add columns. */
    static Schema schemaOf(List<ParquetColumn> columns) {
        List<Types.NestedField> fields = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            fields.add(Types.NestedField.optional(i + 1, columns.get(i).name(), typeOf(columns.get(i))));
        }
        return new Schema(fields);
    }

    private static Type typeOf(ParquetColumn column) {
        return switch (column.type()) {
            case STRING -> Types.StringType.get();
            case LONG -> Types.LongType.get();
            case INT -> Types.IntegerType.get();
            case DECIMAL -> Types.DecimalType.of(column.precision(), column.scale());
            case TIMESTAMP -> Types.TimestampType.withZone();
            case DATE -> Types.DateType.get();
            case BOOLEAN -> Types.BooleanType.get();
        };
    }

    private static void checkSameColumns(Table table, Schema expected) {
        if (!table.schema().asStruct().equals(expected.asStruct())) {
            throw new IllegalStateException("Gold table " + table.name() + " has the columns " + table.schema().asStruct()
                    + " but the processed parts now make " + expected.asStruct() + "; a changed contract needs the table"
                    + " migrated (ALTER TABLE) before compaction can go on");
        }
    }
}
