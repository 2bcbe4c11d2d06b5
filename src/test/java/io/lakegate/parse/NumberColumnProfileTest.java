package io.lakegate.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumberColumnProfileTest {

    private static final NumberOptions PRICE = NumberOptions.forColumn("price");
    private static final NumberOptions QUANTITY = NumberOptions.forColumn("quantity").ofWholeNumbers();

    @Test
    void decidesCommaFromValuesThatOnlyReadWithADecimalComma() throws Exception {
        NumberColumnProfile profile = NumberColumnProfile.decide(List.of("12,5", "1.234,56", "7", "€ 3,99"), PRICE);

        assertThat(profile.separator()).isEqualTo(DecimalSeparator.COMMA);
        assertThat(profile.commaValues()).isEqualTo(3);
        assertThat(profile.dotValues()).isZero();
        assertThat(profile.isInconsistent()).isFalse();
        assertThat(profile.parser().parse("1.234,56")).isEqualByComparingTo("1234.56");
    }

    @Test
    void decidesDotFromGroupedAndFractionalValues() throws Exception {
        NumberColumnProfile profile = NumberColumnProfile.decide(
                List.of("1,234.56", "12.5", "$1,000,000", "3"), PRICE.withDefaultSeparator(DecimalSeparator.COMMA));

        assertThat(profile.separator()).isEqualTo(DecimalSeparator.DOT);
        assertThat(profile.dotValues()).isEqualTo(3);
        assertThat(profile.parser().parse("1,234")).isEqualByComparingTo("1234");
    }

    @Test
    void fallsBackToTheDefaultWhenEveryValueIsAmbiguous() throws Exception {
        List<String> ambiguous = List.of("1,234", "5", "999,000", "1 000");

        NumberColumnProfile dot = NumberColumnProfile.decide(ambiguous, PRICE);
        NumberColumnProfile comma = NumberColumnProfile.decide(ambiguous,
                PRICE.withDefaultSeparator(DecimalSeparator.COMMA));

        assertThat(dot.separator()).isEqualTo(DecimalSeparator.DOT);
        assertThat(dot.parser().parse("1,234")).isEqualByComparingTo("1234");
        assertThat(comma.separator()).isEqualTo(DecimalSeparator.COMMA);
        assertThat(comma.parser().parse("1,234")).isEqualByComparingTo("1.234");
        assertThat(dot).hasToString("column price: decimal dot (the default, the sample did not tell; "
                + "0 dot and 0 comma values)");
    }

    @Test
    void readsAmbiguousValuesTheWayTheOtherValuesDecide() throws Exception {
        NumberColumnProfile profile = NumberColumnProfile.decide(List.of("1,234", "12,5"), PRICE);

        assertThat(profile.separator()).isEqualTo(DecimalSeparator.COMMA);
        assertThat(profile.parser().parse("1,234")).isEqualByComparingTo(new BigDecimal("1.234"));
    }

    @Test
    void letsTheMajorityWinAndRejectsTheMinorityWhenEvidenceConflicts() throws Exception {
        NumberColumnProfile profile = NumberColumnProfile.decide(
                List.of("1,234.56", "0.5", "12.75", "12,5"), PRICE);

        assertThat(profile.separator()).isEqualTo(DecimalSeparator.DOT);
        assertThat(profile.dotValues()).isEqualTo(3);
        assertThat(profile.commaValues()).isEqualTo(1);
        assertThat(profile.isInconsistent()).isTrue();
        assertThat(profile).hasToString("column price: decimal dot (decided by the sample; 3 dot and 1 comma values)");
        assertThatThrownBy(() -> profile.parser().parse("12,5"))
                .isInstanceOf(ValueParseException.class)
                .hasMessage("value '12,5' contradicts the dot decimal separator decided for column price");
    }

    @Test
    void keepsAPinnedSeparatorAgainstTheEvidence() throws Exception {
        NumberColumnProfile profile = NumberColumnProfile.decide(List.of("1,234.56", "0.5"),
                PRICE.withPinnedSeparator(DecimalSeparator.COMMA));

        assertThat(profile.separator()).isEqualTo(DecimalSeparator.COMMA);
        assertThat(profile.isInconsistent()).isTrue();
        assertThat(profile.toString()).contains("pinned by the contract");
        assertThat(profile.parser().parseUnscaled("12,50", 2)).isEqualTo(1250);
    }

    @Test
    void readsAThreeDigitGroupAsThousandsInAColumnOfWholeNumbers() throws Exception {
        NumberColumnProfile dotGrouped = NumberColumnProfile.decide(List.of("1.000", "2.500", "12"), QUANTITY);
        NumberColumnProfile commaGrouped = NumberColumnProfile.decide(List.of("1,000", "12"),
                QUANTITY.withDefaultSeparator(DecimalSeparator.COMMA));

        assertThat(dotGrouped.separator()).isEqualTo(DecimalSeparator.COMMA);
        assertThat(dotGrouped.parser().parseLong("2.500")).isEqualTo(2500);
        assertThat(commaGrouped.separator()).isEqualTo(DecimalSeparator.DOT);
        assertThat(commaGrouped.parser().parseLong("1,000")).isEqualTo(1000);
    }

    @Test
    void readsAFractionOfZerosAsADecimalPointInAColumnOfWholeNumbers() throws Exception {
        // pandas writes integer columns that have gaps as 5.0
        NumberColumnProfile profile = NumberColumnProfile.decide(List.of("5.0", "12.0", "1.000"), QUANTITY);

        assertThat(profile.separator()).isEqualTo(DecimalSeparator.DOT);
        assertThat(profile.parser().parseLong("5.0")).isEqualTo(5);
    }

    @Test
    void skipsNullBlankAndUnreadableSampleValues() {
        NumberColumnProfile profile = NumberColumnProfile.decide(
                Arrays.asList(null, "", " ", "n/a", "12.3.4", "1,23,4", "12,5"), PRICE);

        assertThat(profile.commaValues()).isEqualTo(1);
        assertThat(profile.dotValues()).isZero();
        assertThat(profile.separator()).isEqualTo(DecimalSeparator.COMMA);
    }

    @Test
    void fallsBackToTheDefaultWhenConflictingEvidenceIsTied() {
        NumberColumnProfile profile = NumberColumnProfile.decide(List.of("12,5", "12.5"),
                PRICE.withDefaultSeparator(DecimalSeparator.COMMA));

        assertThat(profile.separator()).isEqualTo(DecimalSeparator.COMMA);
        assertThat(profile.isInconsistent()).isTrue();
    }

    @Test
    void notesWhatTheSampleToldInTermsOfTheColumnsType() {
        assertThat(NumberColumnProfile.decide(List.of("12,5", "3,99", "7"), PRICE).note())
                .isEqualTo("decimal separator comma (decided by 2 sample values)");
        assertThat(NumberColumnProfile.decide(List.of("7", "12"), PRICE).note())
                .isEqualTo("decimal separator dot (the default, the sample did not tell)");
        assertThat(NumberColumnProfile.decide(List.of("3", "12", "1"), QUANTITY).note())
                .isEqualTo("whole numbers, no thousands marks in the sample");
        assertThat(NumberColumnProfile.decide(List.of("1.234", "5"), QUANTITY).note())
                .isEqualTo("whole numbers, thousands grouped with '.' (decided by 1 sample values)");
        assertThat(NumberColumnProfile.decide(List.of("3"), QUANTITY.withPinnedSeparator(DecimalSeparator.COMMA)).note())
                .isEqualTo("whole numbers, thousands grouped with '.' (pinned by the contract)");
    }
}
