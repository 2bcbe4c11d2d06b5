package io.lakegate.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpreadsheetSafetyTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "=SUM(A1:A9)|'=SUM(A1:A9)",
        "+1-555-0100|'+1-555-0100",
        "+3|'+3",
        "@cmd|'@cmd",
        "`\tTAB`|`'\tTAB`",
        "`\rCR`|`'\rCR`",
        "-cmd|'-cmd",
        "-1+2|'-1+2",
        "-2+cmd!A0|'-2+cmd!A0",
        "-1e5*A1|'-1e5*A1",
        "--3|'--3",
        "-|'-",
        "plain|plain",
        "12.50|12.50",
        "a=b|a=b",
    })
    void prefixesCellsASpreadsheetWouldRunAsFormulas(String value, String expected) {
        assertThat(SpreadsheetSafety.neutralise(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {"-3", "-12.50", "-12,50", "-1,234.56", "-.5", "-1.5E3", "-2e-4", "-0"})
    void leavesNegativeNumbersAsTheyAre(String value) {
        assertThat(SpreadsheetSafety.neutralise(value)).isEqualTo(value);
    }
}
