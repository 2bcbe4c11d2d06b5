package io.lakegate.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellTypesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "", "  ", "42", "-3.5", "+.5e3", "1,234.50", "1.234,50", "3,14", "1'234'567", "12%", "$1,200.00", "12,50 €",
        "2024-03-01", "01/03/2024", "1.3.24", "1-Mar-2024", "Mar 2024", "10:15", "23:59:59.123", "9:05 pm",
        "2024-03-01T10:15:00Z", "2024-03-01 10:15:00+01:00", "ada@example.org", "https://example.org/a?b=c",
        "www.example.org", "192.168.0.1:8080", "Ada Lovelace", "O'Brien", "n/a", "-", "''", "SKU-12_b"})
    void recognisesValues(String cell) {
        assertThat(CellTypes.isKnown(cell)).as(cell).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1;2", "a,b", "x|y", "Date: Sat", "'quoted'", "1,2,3,4", "{\"a\": 1}", "\u0001\u0002", "@@"})
    void doesNotRecogniseDebrisOfAWrongDelimiter(String cell) {
        assertThat(CellTypes.isKnown(cell)).as(cell).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {" \"b, c\"", "\"x; y\" "})
    void recognisesQuotedTextBehindASpace(String cell) {
        assertThat(CellTypes.isQuotedAfterSpaces(cell, '"')).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a\",\"b\"", " plain", "\""})
    void doesNotTakeSeveralQuotedFieldsForOne(String cell) {
        assertThat(CellTypes.isQuotedAfterSpaces(cell, '"')).isFalse();
    }
}
