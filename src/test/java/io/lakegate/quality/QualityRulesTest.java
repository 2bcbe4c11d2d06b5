package io.lakegate.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.contract.ContractRegistry;
import io.lakegate.contract.DataContract;
import io.lakegate.record.RecordSchema;
import io.lakegate.record.RowReason;
import io.lakegate.record.SourceRows;
import io.lakegate.record.TypedRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityRulesTest {

    private static final SourceRows NO_SOURCE = new SourceRows() {
        @Override
        public String text(int row) {
            return "";
        }

        @Override
        public String[] fields(int row) {
            return new String[0];
        }
    };

    private final DataContract sales = new ContractRegistry(Path.of("contracts")).byId("fact_sales").orElseThrow();
    private final RecordSchema schema = RecordSchema.of(sales);
    @TempDir
    Path spill;

    private QualityRules rules;

    @BeforeEach
    void compile() {
        rules = QualityRules.compile(sales, schema, spill);
    }

    /** A sales row: amounts in cents, as the contract's DECIMAL(18,2) holds them. */
    private TypedRecord row(String id, String currency, long quantity, long unitPriceCents, long amountCents, String payment) {
        return rowOnLine(2, id, currency, quantity, unitPriceCents, amountCents, payment);
    }

    private TypedRecord rowOnLine(long line, String id, String currency, long quantity, long unitPriceCents, long amountCents,
            String payment) {
        TypedRecord row = new TypedRecord(schema.size());
        row.reset(line, NO_SOURCE, 0);
        row.setString(schema.position("transaction_id"), id);
        row.setString(schema.position("store_id"), "S01");
        row.setString(schema.position("sku"), "SKU-1");
        row.setLong(schema.position("quantity"), quantity);
        row.setLong(schema.position("unit_price"), unitPriceCents);
        row.setLong(schema.position("amount"), amountCents);
        row.setString(schema.position("currency"), currency);
        row.setLong(schema.position("sold_at"), 1_710_498_153_000_000L);
        row.setString(schema.position("payment_method"), payment);
        return row;
    }

    private static List<String> codes(List<RowReason> reasons) {
        return reasons.stream().map(RowReason::code).toList();
    }

    @Test
    void passesAConsistentRow() {
        TypedRecord row = row("T-1", "USD", 3, 999, 2997, "card");

        rules.apply(row);

        assertThat(row.rejectReasons()).isEmpty();
        assertThat(row.warnings()).isEmpty();
    }

    @Test
    void acceptsAmountsWithinTheToleranceAndRejectsBeyondIt() {
        TypedRecord withinCent = row("T-1", "USD", 3, 333, 1000, "card");
        TypedRecord offByTwoCents = row("T-2", "USD", 3, 333, 1001, "card");

        rules.apply(withinCent);
        rules.apply(offByTwoCents);

        assertThat(withinCent.rejectReasons()).isEmpty();
        assertThat(codes(offByTwoCents.rejectReasons())).containsExactly("product_mismatch");
        assertThat(offByTwoCents.rejectReasons().get(0).message())
                .isEqualTo("amount 10.01 differs from quantity × unit_price = 9.99 by more than 0.01");
    }

    @Test
    void comparesProductsExactlyEvenWhenTheyOverflowALong() {
        TypedRecord huge = row("T-1", "USD", 99_999, 9_000_000_000_000_000L, 9_000_000_000_000_000L, "card");

        rules.apply(huge);

        assertThat(codes(huge.rejectReasons())).containsExactly("out_of_range", "product_mismatch");
    }

    @Test
    void recordsEveryFailedRuleNotOnlyTheFirst() {
        TypedRecord row = row("T-1", "usd?", 0, 500, 500, "card");

        rules.apply(row);

        assertThat(codes(row.rejectReasons())).containsExactly("out_of_range", "unknown_currency", "product_mismatch");
    }

    @Test
    void acceptsLowerCaseIsoCodesButNotInventedOnes() {
        TypedRecord lower = row("T-1", "eur", 1, 100, 100, "card");
        TypedRecord invented = row("T-2", "XXQ", 1, 100, 100, "card");

        rules.apply(lower);
        rules.apply(invented);

        assertThat(lower.rejectReasons()).isEmpty();
        assertThat(codes(invented.rejectReasons())).containsExactly("unknown_currency");
    }

    @Test
    void keepsRowsThatOnlyFailAWarningRule() {
        TypedRecord row = row("T-1", "USD", 1, 100, 100, "crypto");

        rules.apply(row);

        assertThat(row.rejected()).isFalse();
        assertThat(codes(row.warnings())).containsExactly("value_not_accepted");
    }

    @Test
    void rejectsTheSecondRowWithAKeyAlreadySeenInTheFileNamingTheLineItFirstAppearedOn() {
        TypedRecord first = row("T-1", "USD", 1, 100, 100, "card");
        TypedRecord second = rowOnLine(9, "T-1", "USD", 2, 100, 200, "card");

        rules.apply(first);
        rules.apply(second);

        assertThat(first.rejectReasons()).isEmpty();
        assertThat(codes(second.rejectReasons())).containsExactly("duplicate_key");
        assertThat(second.rejectReasons().get(0).message())
                .isEqualTo("transaction_id 'T-1' appears earlier in this file, first on line 2");
    }

    @Test
    void reportsMissingRequiredValuesButNotUnreadableOnesTwice() {
        TypedRecord row = row("T-1", "USD", 1, 100, 100, "card");
        row.setNull(schema.position("store_id"));
        row.rejectValue(schema.position("sold_at"), new RowReason("type", "sold_at", "invalid_timestamp", "bad"));

        rules.apply(row);

        assertThat(codes(row.rejectReasons())).containsExactly("invalid_timestamp", "missing_value");
        assertThat(row.rejectReasons().get(1).column()).isEqualTo("store_id");
    }

    @Test
    void countsManyDistinctKeysWithoutFalseDuplicates() {
        QualityRules fresh = QualityRules.compile(sales, schema, spill);
        long duplicates = 0;
        for (int i = 0; i < 200_000; i++) {
            TypedRecord row = row("T-" + i, "USD", 1, 100, 100, "card");
            fresh.apply(row);
            duplicates += row.rejected() ? 1 : 0;
        }
        assertThat(duplicates).isZero();
    }

    @Test
    void countsALengthInCharactersWhateverTheirBytes() {
        TypedRecord fits = row("é".repeat(63) + "😀", "USD", 1, 100, 100, "card");
        TypedRecord tooLong = row("ü".repeat(65), "USD", 1, 100, 100, "card");

        rules.apply(fits);
        rules.apply(tooLong);

        assertThat(fits.rejectReasons()).isEmpty();
        assertThat(codes(tooLong.rejectReasons())).containsExactly("invalid_length");
        assertThat(tooLong.rejectReasons().get(0).message()).contains("'" + "ü".repeat(65) + "' has 65 characters");
    }

    @Test
    void tellsKeysApartByEveryCharacterBeyondAscii() {
        TypedRecord first = row("Zürich-1", "USD", 1, 100, 100, "card");
        TypedRecord plain = row("Zurich-1", "USD", 1, 100, 100, "card");
        TypedRecord again = rowOnLine(7, "Zürich-1", "USD", 1, 100, 100, "card");

        rules.apply(first);
        rules.apply(plain);
        rules.apply(again);

        assertThat(plain.rejectReasons()).isEmpty();
        assertThat(codes(again.rejectReasons())).containsExactly("duplicate_key");
    }
}
