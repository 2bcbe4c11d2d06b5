package io.lakegate.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderNamesTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "transaction_id|transaction_id",
        "Transaction ID|transaction_id",
        "TransactionId|transaction_id",
        "transactionID|transaction_id",
        "  \"Unit Price\"  |unit_price",
        "\uFEFFtransaction_id|transaction_id",
        "unit-price|unit_price",
        "unit.price|unit_price",
        "SKU|sku",
        "SKUCode|sku_code",
        "Sold At (UTC)|sold_at_(utc)",
        "customer__id|customer_id",
        "'Store'|store",
        "_private_|private",
        "Total2024|total2024",
    })
    void normalizesHeaderNamesAsProducersWriteThem(String raw, String expected) {
        assertThat(HeaderNames.normalize(raw)).isEqualTo(expected);
    }
}
