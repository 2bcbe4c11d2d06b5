package io.lakegate.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecimalParserTest {

    private static final NumberOptions PRICE = NumberOptions.forColumn("price");
    private static final DecimalParser DOT = parser(PRICE.withPinnedSeparator(DecimalSeparator.DOT));
    private static final DecimalParser COMMA = parser(PRICE.withPinnedSeparator(DecimalSeparator.COMMA));
    private static final DecimalParser QUANTITY_DOT = parser(NumberOptions.forColumn("quantity")
            .withPinnedSeparator(DecimalSeparator.DOT));
    private static final DecimalParser QUANTITY_COMMA = parser(NumberOptions.forColumn("quantity")
            .withPinnedSeparator(DecimalSeparator.COMMA));

    private static DecimalParser parser(NumberOptions options) {
        return NumberColumnProfile.decide(List.of(), options).parser();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1234.50            | 1234.50
            1234               | 1234
            0.05               | 0.05
            .5                 | 0.5
            12.                | 12
            -12.5              | -12.5
            +12.5              | 12.5
            −12.5              | -12.5
            1,234.50           | 1234.50
            1,234,567.89       | 1234567.89
            12,34,567.89       | 1234567.89
            1 234.50           | 1234.50
            1 234 567          | 1234567
            1\u00A0234.50      | 1234.50
            1\u202F234.50      | 1234.50
            1'234.50           | 1234.50
            (12.50)            | -12.50
            ( 12.50 )          | -12.50
            12.50-             | -12.50
            12.50 -            | -12.50
            $1,234.50          | 1234.50
            -$1,234.50         | -1234.50
            $-1,234.50         | -1234.50
            ($1,234.50)        | -1234.50
            € 12.50            | 12.50
            1234.50 USD        | 1234.50
            1234.50USD         | 1234.50
            EUR 12.50          | 12.50
            EUR12.50           | 12.50
            £3                 | 3
            ¥100               | 100
            ₹1,23,456.00       | 123456.00
            CHF 1'234.50       | 1234.50
            US$12.00           | 12.00
            R$ 12.00           | 12.00
            -12.50 EUR         | -12.50
            €12.50-            | -12.50
            1.2E3              | 1.2E3
            1.2e-3             | 0.0012
            -4E+2              | -400
            12E3EUR            | 12000
            0007.10            | 7.10
            99999999999999999999.99 | 99999999999999999999.99
            """)
    void readsDotDecimalForms(String value, BigDecimal expected) throws Exception {
        assertThat(DOT.parse(value)).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            12,50              | 12.50
            12,50 €            | 12.50
            12,50€             | 12.50
            € 12,50            | 12.50
            1.234,56           | 1234.56
            -1.234.567,89      | -1234567.89
            1 234,56           | 1234.56
            1'234,50           | 1234.50
            (1.234,56)         | -1234.56
            1.234,56-          | -1234.56
            1,2e-3             | 0.0012
            ,5                 | 0.5
            1.234              | 1234
            1,234              | 1.234
            EUR 0,99           | 0.99
            """)
    void readsCommaDecimalForms(String value, BigDecimal expected) throws Exception {
        assertThat(COMMA.parse(value)).isEqualByComparingTo(expected);
    }

    @Test
    void keepsTheScaleAsWritten() throws Exception {
        assertThat(DOT.parse("12.50").scale()).isEqualTo(2);
        assertThat(DOT.parse("1.2E3").scale()).isEqualTo(-2);
        assertThat(DOT.parse("  42  ")).isEqualTo(new BigDecimal("42"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            abc              | not a number
            N/A              | not a number
            $                | not a number
            -                | not a number
            12%              | not a number
            12.3.4           | not a number
            12..5            | not a number
            1,23,4           | misplaced grouping separator
            1,2345.6         | misplaced grouping separator
            1234,567.5       | misplaced grouping separator
            12 34            | misplaced grouping separator
            1,234 567        | mixes grouping separators
            (12.50           | unbalanced parenthesis
            (-12.50)         | not a number
            --5              | not a number
            + 5 -            | not a number
            12 apples        | not a number
            usd 5            | not a number
            1E1000           | exponent beyond 999
            1.5.             | not a number
            """)
    void rejectsNonNumbersWithTheValueAndTheReason(String value, String reason) {
        assertThatThrownBy(() -> DOT.parse(value))
                .isInstanceOf(ValueParseException.class)
                .hasMessage("cannot parse number '" + value + "' for column price: " + reason);
    }

    @Test
    void rejectsAnEmptyValue() {
        assertThatThrownBy(() -> DOT.parse("  "))
                .hasMessage("cannot parse number '  ' for column price: empty value");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            12,5
            1.234,56
            0,123
            12,50 €
            1,2345
            1234,567
            """)
    void rejectsValuesThatContradictADotDecision(String value) {
        assertThatThrownBy(() -> DOT.parse(value))
                .isInstanceOfSatisfying(ValueParseException.class, e -> {
                    assertThat(e).hasMessage("value '" + value
                            + "' contradicts the dot decimal separator decided for column price");
                    assertThat(e.value()).isEqualTo(value);
                    assertThat(e.column()).isEqualTo("price");
                    assertThat(e.getStackTrace()).isEmpty();
                });
    }

    @Test
    void rejectsValuesThatContradictACommaDecision() {
        assertThatThrownBy(() -> COMMA.parse("1,234.56"))
                .hasMessage("value '1,234.56' contradicts the comma decimal separator decided for column price");
        assertThatThrownBy(() -> COMMA.parse("0.5"))
                .hasMessage("value '0.5' contradicts the comma decimal separator decided for column price");
    }

    @ParameterizedTest(name = "{0} at scale {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1234.50                       | 2 | 123450
            1234.5                        | 2 | 123450
            1234                          | 2 | 123400
            1,234.50                      | 2 | 123450
            -0.01                         | 2 | -1
            (12.50)                       | 2 | -1250
            $0.99                         | 2 | 99
            1.500                         | 2 | 150
            1.50000000000000000000000000  | 2 | 150
            0.1000000000000000000000      | 2 | 10
            1.2E3                         | 2 | 120000
            1.2345E2                      | 2 | 12345
            12E-2                         | 2 | 12
            0                             | 2 | 0
            -0.000                        | 2 | 0
            0E-40                         | 2 | 0
            9999999999999999.99           | 2 | 999999999999999999
            -9999999999999999.99          | 2 | -999999999999999999
            999999999999999999            | 0 | 999999999999999999
            12.345678                     | 6 | 12345678
            12                            | 0 | 12
            """)
    void givesUnscaledLongsForParquetDecimals(String value, int scale, long expected) throws Exception {
        assertThat(DOT.parseUnscaled(value, scale)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} at scale {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1.005                         | 2 | more than 2 decimal places
            0.001                         | 2 | more than 2 decimal places
            1.2345E1                      | 2 | more than 2 decimal places
            12.5                          | 0 | more than 0 decimal places
            0.1000000000000000000001      | 2 | more than 2 decimal places
            10000000000000000.00          | 2 | more than 18 digits at scale 2
            1E17                          | 2 | more than 18 digits at scale 2
            1E30                          | 2 | more than 18 digits at scale 2
            12345678901234567890          | 0 | more than 18 digits at scale 0
            """)
    void refusesToRoundOrOverflowUnscaledValues(String value, int scale, String reason) {
        assertThatThrownBy(() -> DOT.parseUnscaled(value, scale))
                .hasMessage("cannot parse number '" + value + "' for column price: " + reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            5                       | 5
            +5                      | 5
            -5                      | -5
            (5)                     | -5
            5-                      | -5
            1,000                   | 1000
            1 000                   | 1000
            1'000                   | 1000
            1,000,000               | 1000000
            5.0                     | 5
            1.000                   | 1
            1.2E3                   | 1200
            007                     | 7
            9223372036854775807     | 9223372036854775807
            -9223372036854775808    | -9223372036854775808
            9,223,372,036,854,775,807 | 9223372036854775807
            """)
    void readsWholeNumbersInADotColumn(String value, long expected) throws Exception {
        assertThat(QUANTITY_DOT.parseLong(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1.000      | 1000
            1.000.000  | 1000000
            1 000      | 1000
            5,0        | 5
            (5)        | -5
            """)
    void readsDotsAsThousandsInACommaColumn(String value, long expected) throws Exception {
        assertThat(QUANTITY_COMMA.parseLong(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1.5                   | not a whole number
            1E-3                  | not a whole number
            9223372036854775808   | beyond the range of a 64-bit integer
            -9223372036854775809  | beyond the range of a 64-bit integer
            1E20                  | beyond the range of a 64-bit integer
            12 pcs                | not a number
            """)
    void rejectsWholeNumbersThatAreNot(String value, String reason) {
        assertThatThrownBy(() -> QUANTITY_DOT.parseLong(value))
                .hasMessage("cannot parse number '" + value + "' for column quantity: " + reason);
    }
}
