package io.lakegate.lake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void anOrdinaryKeyIsUnchanged() {
        String key = "raw/Umsätze März 2024 (final).csv";
        assertThat(LogSafe.key(key)).isSameAs(key);
    }

    @Test
    void aLineFeedCannotStartAForgedLogLine() {
        String forged = "raw/x.csv\n2024-05-01 12:00:00.000  INFO 1 --- [main] io.lakegate.Admin : all files deleted";

        String logged = LogSafe.key(forged);

        assertThat(logged).doesNotContain("\n", "\r").startsWith("raw/x.csv\\n2024-05-01");
    }

    @Test
    void controlAndInvisibleCharactersAreEscaped() {
        assertThat(LogSafe.key("a\rb\tc\u0001d\u007fe\u0085f\u2028g\u2029h\u202ei\u200bj"))
                .isEqualTo("a\\rb\\tc\\u0001d\\u007fe\\u0085f\\u2028g\\u2029h\\u202ei\\u200bj");
    }

    @Test
    void aBackslashIsDoubledSoAKeyCannotSpellAnEscape() {
        assertThat(LogSafe.key("raw/a\\nb.csv")).isEqualTo("raw/a\\\\nb.csv");
        assertThat(LogSafe.key("raw/a\\nb.csv")).isNotEqualTo(LogSafe.key("raw/a\nb.csv"));
    }

    @Test
    void aMissingKeyIsWrittenAsNull() {
        assertThat(LogSafe.key(null)).isEqualTo("null");
    }
}
