package io.lakegate.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpreadsheetSafetyTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "=SUM(A1:A9)|'=SUM(A1:A9)",
        "+1-555-0100|'+1-555-0100",
        "-12.50|'-12.50",
        "@cmd|'@cmd",
        "`\tTAB`|`'\tTAB`",
        "plain|plain",
        "12.50|12.50",
        "a=b|a=b",
    })
    void prefixesCellsASpreadsheetWouldRunAsFormulas(String value, String expected) {
        assertThat(SpreadsheetSafety.neutralise(value)).isEqualTo(expected);
    }
}
