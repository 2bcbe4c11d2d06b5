package io.lakegate.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvDialectTest {

    @Test
    void rfc4180IsCommaDoubleQuoteAndDoubling() {
        assertThat(CsvDialect.rfc4180()).isEqualTo(new CsvDialect(',', '"', CsvDialect.NONE));
    }

    @Test
    void escapeEqualToQuoteMeansDoubling() {
        assertThat(new CsvDialect(',', '"', '"')).isEqualTo(CsvDialect.rfc4180());
    }

    @Test
    void describesDelimitersWithStableWords() {
        assertThat(",;\t|^: #~".chars().mapToObj(c -> new CsvDialect((char) c, '"', CsvDialect.NONE).describeDelimiter()))
                .containsExactly("comma", "semicolon", "tab", "pipe", "caret", "colon", "space", "hash", "~");
    }

    @Test
    void rejectsDelimitersThatCannotSeparateFields() {
        assertThatThrownBy(() -> new CsvDialect('\n', '"', CsvDialect.NONE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CsvDialect(CsvDialect.NONE, '"', CsvDialect.NONE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CsvDialect(',', ',', CsvDialect.NONE)).isInstanceOf(IllegalArgumentException.class);
    }
}
