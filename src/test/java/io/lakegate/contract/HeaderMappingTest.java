package io.lakegate.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderMappingTest {

    private final DataContract sales = new ContractRegistry(Path.of("contracts")).byId("fact_sales").orElseThrow();

    @Test
    void findsColumnsByAliasInAnyOrder() {
        HeaderMapping mapping = HeaderMapping.resolve(sales, List.of("Sale Time", "Transaction ID", "Store", "SKU", "Qty",
                "Price", "Total", "CCY", "Cashier"));

        assertThat(mapping.columnPositions()).containsEntry("sold_at", 0).containsEntry("transaction_id", 1)
                .containsEntry("quantity", 4).containsEntry("amount", 6).containsEntry("currency", 7);
        assertThat(mapping.extraColumns()).containsExactly("cashier");
        assertThat(mapping.missingRequired()).isEmpty();
        assertThat(mapping.duplicateColumns()).isEmpty();
    }

    @Test
    void namesTwoHeadersThatMeanTheSameColumnAsDuplicates() {
        HeaderMapping mapping = HeaderMapping.resolve(sales, List.of("quantity", "Qty", "amount", "AMOUNT"));

        assertThat(mapping.duplicateColumns()).containsExactly("quantity", "amount");
    }

    @Test
    void suggestsTheClosestHeaderNamesForEachMissingColumn() {
        HeaderMapping mapping = HeaderMapping.resolve(sales, List.of("transaction_id", "store_id", "sku", "quantity",
                "unit_price", "amount", "currency", "sold_date", "unitprice2"));

        assertThat(mapping.missingRequired()).singleElement().satisfies(m -> {
            assertThat(m.column()).isEqualTo("sold_at");
            assertThat(m.closest()).containsExactly("sold_date");
        });
    }

    @Test
    void blankHeaderCellsAreExtraColumnsByPosition() {
        HeaderMapping mapping = HeaderMapping.resolve(sales, List.of("transaction_id", "", "sku"));

        assertThat(mapping.extraColumns()).containsExactly("column_2");
    }
}
