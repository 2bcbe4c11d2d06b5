package io.lakegate.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractRegistryTest {

    @TempDir
    Path contracts;

    private static String contract(String id, String version, String keys, String extra) {
        return """
                apiVersion: lakegate/v1
                kind: DataContract
                id: %s
                version: %s
                source:
                  keys: [%s]
                schema:
                  name: %s
                  eventTime: sold_at
                  properties:
                    - name: transaction_id
                      logicalType: string
                      required: true
                      aliases: [txn_id]
                    - name: sold_at
                      logicalType: timestamp
                %s""".formatted(id, version, keys, id, extra);
    }

    private void write(String file, String content, int secondsLater) throws IOException {
        Path path = contracts.resolve(file);
        Files.writeString(path, content);
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().plusSeconds(secondsLater)));
    }

    @Test
    void findsTheContractWhoseGlobMatchesTheRawKey() throws IOException {
        write("sales.yaml", contract("sales", "1.0.0", "raw/sales*.csv, raw/sales/**", ""), 0);
        write("returns.yaml", contract("returns", "1.0.0", "raw/returns*.csv", ""), 0);
        ContractRegistry registry = new ContractRegistry(contracts);

        assertThat(registry.forKey("raw/sales_2024.csv")).map(DataContract::id).contains("sales");
        assertThat(registry.forKey("raw/sales/eu/march.csv")).map(DataContract::id).contains("sales");
        assertThat(registry.forKey("raw/returns.csv")).map(DataContract::id).contains("returns");
        assertThat(registry.forKey("raw/nested/sales.csv")).isEmpty();
        assertThat(registry.forKey("raw/inventory.csv")).isEmpty();
    }

    @Test
    void appliesAnEditWithoutRestart() throws IOException {
        write("sales.yaml", contract("sales", "1.0.0", "raw/sales*.csv", ""), 0);
        ContractRegistry registry = new ContractRegistry(contracts);

        write("sales.yaml", contract("sales", "1.1.0", "raw/sales*.csv, raw/orders*.csv", ""), 5);

        assertThat(registry.forKey("raw/orders.csv")).map(DataContract::version).contains("1.1.0");
    }

    @Test
    void keepsThePreviousVersionInForceWhenAnEditBreaksTheContract() throws IOException {
        write("sales.yaml", contract("sales", "1.0.0", "raw/sales*.csv", ""), 0);
        ContractRegistry registry = new ContractRegistry(contracts);

        write("sales.yaml", contract("sales", "2.0.0", "raw/sales*.csv", "    - name: amount\n      logicalType: money\n"), 5);

        assertThat(registry.forKey("raw/sales.csv")).map(DataContract::version).contains("1.0.0");
    }

    @Test
    void refusesToStartOnABrokenContractNamingTheProblem() throws IOException {
        write("sales.yaml", contract("sales", "1.0.0", "raw/sales*.csv", "    - name: amount\n      requried: true\n      logicalType: decimal\n"), 0);

        assertThatThrownBy(() -> new ContractRegistry(contracts))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("sales.yaml")
                .hasMessageContaining("requried");
    }

    @Test
    void readsATwoDigitYearPivotAndRefusesOneThatIsNoFourDigitYear() throws IOException {
        write("sales.yaml", contract("sales", "1.0.0", "raw/sales*.csv",
                "      format:\n        twoDigitYearPivot: 2050\n"), 0);
        assertThat(new ContractRegistry(contracts).forKey("raw/sales.csv")
                .flatMap(c -> c.property("sold_at")).map(p -> p.format().twoDigitYearPivot())).contains(2050);

        write("sales.yaml", contract("sales", "1.0.0", "raw/sales*.csv",
                "      format:\n        twoDigitYearPivot: 50\n"), 0);
        assertThatThrownBy(() -> new ContractRegistry(contracts))
                .hasMessageContaining("column 'sold_at' format.twoDigitYearPivot must be a year from 1000 to 9999");
    }

    @Test
    void sourceEncodingNamesOneEncodingOrAListAndOnlyOnesTheJvmReads() throws IOException {
        write("sales.yaml", contract("sales", "1.0.0", "raw/sales*.csv", "").replace("source:\n",
                "source:\n  encoding: windows-1251\n  suspectEncoding: reject\n"), 0);
        DataContract.Source pinned = new ContractRegistry(contracts).byId("sales").orElseThrow().source();
        assertThat(pinned.encodings()).extracting(java.nio.charset.Charset::name).containsExactly("windows-1251");
        assertThat(pinned.rejectsSuspectEncoding()).isTrue();

        write("sales.yaml", contract("sales", "1.0.0", "raw/sales*.csv", "").replace("source:\n",
                "source:\n  encoding: [windows-1251, KOI8-R]\n"), 0);
        assertThat(new ContractRegistry(contracts).byId("sales").orElseThrow().source().encodings())
                .extracting(java.nio.charset.Charset::name).containsExactly("windows-1251", "KOI8-R");

        write("sales.yaml", contract("sales", "1.0.0", "raw/sales*.csv", "").replace("source:\n",
                "source:\n  encoding: klingon\n"), 0);
        assertThatThrownBy(() -> new ContractRegistry(contracts))
                .hasMessageContaining("source.encoding names 'klingon', which is not an encoding this JVM reads");

        write("sales.yaml", contract("sales", "1.0.0", "raw/sales*.csv", "").replace("source:\n",
                "source:\n  suspectEncoding: ignore\n"), 0);
        assertThatThrownBy(() -> new ContractRegistry(contracts))
                .hasMessageContaining("source.suspectEncoding is 'ignore'; expected warn or reject");
    }

    @Test
    void refusesAContractWithoutATimestampToPartitionBy() throws IOException {
        write("sales.yaml", contract("sales", "1.0.0", "raw/sales*.csv", "").replace("eventTime: sold_at", "eventTime: transaction_id"), 0);

        assertThatThrownBy(() -> new ContractRegistry(contracts))
                .hasMessageContaining("schema.eventTime names 'transaction_id', which is not a timestamp or date column");
    }

    @Test
    void refusesAGoldTableKeyedOnAnOptionalOrUnknownColumn() throws IOException {
        write("sales.yaml", contract("sales", "1.0.0", "raw/sales*.csv", "") + "gold:\n  key: sold_at\n", 0);
        assertThatThrownBy(() -> new ContractRegistry(contracts))
                .hasMessageContaining("gold.key must name a required column; it is 'sold_at'");

        write("sales.yaml", contract("sales", "1.0.0", "raw/sales*.csv", "") + "gold:\n  key: transaction_id\n  sortBy: [store]\n", 0);
        assertThatThrownBy(() -> new ContractRegistry(contracts))
                .hasMessageContaining("gold.sortBy names 'store', which is not a column");
    }

    @Test
    void aGoldTableIsSortedByItsKeyUnlessToldOtherwise() throws IOException {
        write("sales.yaml", contract("sales", "1.0.0", "raw/sales*.csv", "") + "gold:\n  key: transaction_id\n", 0);

        DataContract.Gold gold = new ContractRegistry(contracts).byId("sales").orElseThrow().goldTable().orElseThrow();

        assertThat(gold.sortByOrKey()).containsExactly("transaction_id");
    }

    @Test
    void refusesAliasesThatMapOneHeaderToTwoColumns() throws IOException {
        write("sales.yaml", contract("sales", "1.0.0", "raw/sales*.csv",
                "    - name: sale_id\n      logicalType: string\n      aliases: [TxnId]\n"), 0);

        assertThatThrownBy(() -> new ContractRegistry(contracts))
                .hasMessageContaining("'txn_id' would map to both 'transaction_id' and 'sale_id'");
    }

    @Test
    void theShippedSalesContractDeclaresTheCanonicalColumns() {
        DataContract sales = new ContractRegistry(Path.of("contracts")).byId("fact_sales").orElseThrow();

        assertThat(sales.properties().stream().map(DataContract.Property::name)).containsExactly(
                "transaction_id", "store_id", "sku", "quantity", "unit_price", "amount", "currency", "customer_id",
                "sold_at", "payment_method");
        assertThat(sales.requiredColumns()).doesNotContain("customer_id", "payment_method");
        assertThat(sales.schema().eventTime()).isEqualTo("sold_at");
        assertThat(List.of("raw/sales.csv", "raw/sales_eu.csv.gz", "raw/fact_sales/2024/03/a.csv"))
                .allSatisfy(key -> assertThat(new ContractRegistry(Path.of("contracts")).forKey(key)).isPresent());
    }
}
