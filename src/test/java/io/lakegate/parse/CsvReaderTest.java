package io.lakegate.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static final CsvDialect RFC = CsvDialect.rfc4180();

    @Test
    void readsUnquotedRecords() throws IOException {
        assertThat(parse("a,b,c\n1,2,3\n", RFC)).containsExactly(List.of("a", "b", "c"), List.of("1", "2", "3"));
    }

    @Test
    void quotedFieldKeepsDelimitersAndLineBreaks() throws IOException {
        assertThat(parse("\"x, y\",\"line1\nline2\",\"a\r\nb\",\"c\rd\"\n", RFC))
                .containsExactly(List.of("x, y", "line1\nline2", "a\r\nb", "c\rd"));
    }

    @Test
    void doubledQuoteInsideQuotesIsOneQuote() throws IOException {
        assertThat(parse("\"say \"\"hi\"\"\",\"\"\"\"\n", RFC)).containsExactly(List.of("say \"hi\"", "\""));
    }

    @Test
    void acceptsLfCrlfAndLoneCrRecordEnds() throws IOException {
        assertThat(parse("a,b\r\nc,d\re,f\ng,h", RFC))
                .containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e", "f"), List.of("g", "h"));
    }

    @Test
    void readsFinalRecordWithoutLineEnd() throws IOException {
        assertThat(parse("a,b\n1,\"2\"", RFC)).containsExactly(List.of("a", "b"), List.of("1", "2"));
    }

    @Test
    void trailingDelimiterMeansTrailingEmptyField() throws IOException {
        assertThat(parse("a,\n,\n", RFC)).containsExactly(List.of("a", ""), List.of("", ""));
    }

    @Test
    void skipsZeroLengthLinesButKeepsLinesOfDelimiters() throws IOException {
        assertThat(parse("\n\r\na,b\n\n\r\n,,\n\n", RFC))
                .containsExactly(List.of("a", "b"), List.of("", "", ""));
    }

    @Test
    void lineWithOnlyAnEmptyQuotedFieldIsARecord() throws IOException {
        assertThat(parse("a\n\"\"\nb\n", RFC)).containsExactly(List.of("a"), List.of(""), List.of("b"));
    }

    @Test
    void escapeCharacterProtectsQuoteInsideQuotes() throws IOException {
        CsvDialect backslash = new CsvDialect(',', '"', '\\');
        assertThat(parse("\"a\\\"b\",\"c\\\\d\",e\\f\n", backslash))
                .containsExactly(List.of("a\"b", "c\\d", "e\\f"));
    }

    @Test
    void doubledQuoteStillWorksWhenAnEscapeIsSet() throws IOException {
        assertThat(parse("\"a\"\"b\"\n", new CsvDialect(',', '"', '\\'))).containsExactly(List.of("a\"b"));
    }

    @Test
    void keepsStrayQuoteInsideUnquotedField() throws IOException {
        assertThat(parse("5'11\",ab\"c\"\n", RFC)).containsExactly(List.of("5'11\"", "ab\"c\""));
    }

    @Test
    void appendsTextThatFollowsAClosingQuote() throws IOException {
        assertThat(parse("\"ab\"cd,e\n", RFC)).containsExactly(List.of("abcd", "e"));
    }

    @Test
    void dialectWithoutQuoteTreatsQuotesAsText() throws IOException {
        CsvDialect noQuote = new CsvDialect('\t', CsvDialect.NONE, CsvDialect.NONE);
        assertThat(parse("\"a\t\"b\"\n", noQuote)).containsExactly(List.of("\"a", "\"b\""));
    }

    @Test
    void singleQuoteDialectAndSemicolon() throws IOException {
        CsvDialect dialect = new CsvDialect(';', '\'', CsvDialect.NONE);
        assertThat(parse("'a;b';'it''s';\"x\"\n", dialect)).containsExactly(List.of("a;b", "it's", "\"x\""));
    }

    @Test
    void tellsQuotedFromUnquotedFields() throws IOException {
        try (CsvReader reader = new CsvReader(new StringReader("\"\",,\"a\"\"b\",\"x\"y\n"), RFC)) {
            reader.next();
            assertThat(reader.fields()).containsExactly("", "", "a\"b", "xy");
            assertThat(List.of(reader.wasQuoted(0), reader.wasQuoted(1), reader.wasQuoted(2), reader.wasQuoted(3)))
                    .containsExactly(true, false, true, false);
        }
    }

    @Test
    void lineNumberIsWhereTheRecordStartsCountingEmbeddedLineBreaks() throws IOException {
        try (CsvReader reader = new CsvReader(new StringReader("h\r\n\"a\r\nb\nc\rd\"\r\n\r\nz\n"), RFC)) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.lineNumber()).isEqualTo(1);
            assertThat(reader.next()).isTrue();
            assertThat(reader.lineNumber()).isEqualTo(2);
            assertThat(reader.next()).isTrue();
            assertThat(reader.field(0)).isEqualTo("z");
            assertThat(reader.lineNumber()).isEqualTo(7);
            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void countsTheCharactersConsumedThroughEachRecordAcrossBufferRefills() throws IOException {
        StringBuilder text = new StringBuilder("id,note\r\n");
        // A CRLF's LF is skipped with the next record, so it counts after the next record's start.
        List<Integer> recordEnds = new ArrayList<>(List.of(text.length() - 1));
        for (int i = 0; text.length() < 200_000; i++) {
            text.append(i).append(i % 7 == 0 ? ",\"two\nlines, quoted\"\n" : ",plain\n");
            if (i % 11 == 0) {
                text.append("\n");
            }
            recordEnds.add(text.length() - (i % 11 == 0 ? 1 : 0));
        }
        text.append("last,no line end");
        recordEnds.add(text.length());
        try (CsvReader reader = new CsvReader(new ChunkyReader(text.toString(), new Random(7)), RFC)) {
            List<Integer> consumed = new ArrayList<>();
            while (reader.next()) {
                consumed.add((int) reader.charsConsumed());
            }
            assertThat(consumed).containsExactlyElementsOf(recordEnds);
        }
    }

    @Test
    void reportsInputThatEndsInsideQuotesAndReturnsWhatItHad() throws IOException {
        try (CsvReader reader = new CsvReader(new StringReader("a,b\n1,\"open\nrest"), RFC)) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.endedInsideQuotes()).isFalse();
            assertThat(reader.next()).isTrue();
            assertThat(reader.fields()).containsExactly("1", "open\nrest");
            assertThat(reader.endedInsideQuotes()).isTrue();
            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void closingQuoteAsLastCharacterIsNotAnOpenQuote() throws IOException {
        try (CsvReader reader = new CsvReader(new StringReader("1,\"x\""), RFC)) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.fields()).containsExactly("1", "x");
            assertThat(reader.endedInsideQuotes()).isFalse();
        }
    }

    @Test
    void rawRecordIsTheOriginalTextWithoutTerminator() throws IOException {
        String text = "id,note\r\n1,\"two\r\nlines, \"\"quoted\"\"\"\r\n2,\"plain\"";
        try (CsvReader reader = new CsvReader(new StringReader(text), RFC).captureRaw(true)) {
            List<String> raws = new ArrayList<>();
            while (reader.next()) {
                raws.add(reader.rawRecord());
            }
            assertThat(raws).containsExactly("id,note", "1,\"two\r\nlines, \"\"quoted\"\"\"", "2,\"plain\"");
        }
    }

    @Test
    void rawRecordNeedsCaptureSwitchedOn() throws IOException {
        try (CsvReader reader = new CsvReader(new StringReader("a\n"), RFC)) {
            reader.next();
            assertThatThrownBy(reader::rawRecord).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void fieldsReturnsAFreshCopyEachTime() throws IOException {
        try (CsvReader reader = new CsvReader(new StringReader("a,b\n"), RFC)) {
            reader.next();
            String[] first = reader.fields();
            first[0] = "changed";
            assertThat(reader.fields()).containsExactly("a", "b");
            assertThat(reader.fieldCount()).isEqualTo(2);
        }
    }

    @Test
    void readsFieldsLongerThanTheBuffer() throws IOException {
        String huge = "x".repeat(300_000);
        String quotedHuge = "q\"\"".repeat(100_000);
        assertThat(parse("a," + huge + ",\"" + quotedHuge + "\"\nb,c,d\n", RFC)).containsExactly(
                List.of("a", huge, "q\"".repeat(100_000)), List.of("b", "c", "d"));
    }

    @Test
    void refusesARecordThatNeverEnds() {
        Reader endlessQuotedField = new Reader() {
            private boolean opened;

            @Override
            public int read(char[] target, int offset, int length) {
                int from = offset;
                if (!opened) {
                    target[from++] = '"';
                    opened = true;
                }
                java.util.Arrays.fill(target, from, offset + length, 'x');
                return length;
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> parse(endlessQuotedField, RFC))
                .isInstanceOf(CsvReader.RecordTooLongException.class)
                .hasMessageContaining("line 1");
    }

    /**
     * Writes random records (delimiters, quotes, escapes and every kind of line break inside fields) the way
     * a correct writer would, then reads them back, values and raw text, through a reader that hands out tiny
     * random chunks, so that every token lands on a buffer boundary somewhere.
     */
    @Test
    void readsBackWhatACorrectWriterWroteWhateverTheChunking() throws IOException {
        Random random = new Random(42);
        String alphabet = "ab ,;\"'\\\r\n\t";
        for (int round = 0; round < 300; round++) {
            CsvDialect dialect = random.nextBoolean() ? RFC : new CsvDialect(';', '"', '\\');
            List<List<String>> records = new ArrayList<>();
            List<String> rawRecords = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            int recordCount = 1 + random.nextInt(20);
            for (int r = 0; r < recordCount; r++) {
                int width = 1 + random.nextInt(6);
                List<String> record = new ArrayList<>();
                for (int f = 0; f < width; f++) {
                    StringBuilder value = new StringBuilder();
                    int length = random.nextInt(8);
                    for (int i = 0; i < length; i++) {
                        value.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    record.add(value.toString());
                }
                if (width == 1 && record.get(0).isEmpty()) {
                    record.set(0, "z");
                }
                records.add(record);
                rawRecords.add(write(record, dialect, random));
                text.append(rawRecords.get(r)).append(List.of("\n", "\r\n", "\r").get(random.nextInt(3)));
            }
            if (random.nextBoolean()) {
                text.setLength(text.length() - 1);
                if (text.charAt(text.length() - 1) == '\r') {
                    text.setLength(text.length() - 1);
                }
            }
            List<List<String>> parsed = new ArrayList<>();
            List<String> parsedRaw = new ArrayList<>();
            try (CsvReader reader = new CsvReader(new ChunkyReader(text.toString(), new Random(round)), dialect)) {
                reader.captureRaw(true);
                while (reader.next()) {
                    parsed.add(List.of(reader.fields()));
                    parsedRaw.add(reader.rawRecord());
                }
            }
            assertThat(parsed).as("round %d: %s", round, text).isEqualTo(records);
            assertThat(parsedRaw).as("raw records of round %d", round).isEqualTo(rawRecords);
        }
    }

    private static String write(List<String> record, CsvDialect dialect, Random random) {
        List<String> out = new ArrayList<>();
        for (String value : record) {
            boolean needsQuotes = value.isEmpty() && record.size() == 1
                    || value.chars().anyMatch(c -> c == dialect.delimiter() || c == '"' || c == '\r' || c == '\n')
                    || value.startsWith("\"");
            if (needsQuotes || random.nextInt(4) == 0) {
                String protectedValue = dialect.escape() == CsvDialect.NONE
                        ? value.replace("\"", "\"\"")
                        : value.replace("\\", "\\\\").replace("\"", random.nextBoolean() ? "\\\"" : "\"\"");
                out.add("\"" + protectedValue + "\"");
            } else {
                out.add(value);
            }
        }
        return String.join(String.valueOf(dialect.delimiter()), out);
    }

    private static List<List<String>> parse(String text, CsvDialect dialect) throws IOException {
        return parse(new StringReader(text), dialect);
    }

    private static List<List<String>> parse(Reader in, CsvDialect dialect) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (CsvReader reader = new CsvReader(in, dialect)) {
            while (reader.next()) {
                records.add(List.of(reader.fields()));
            }
        }
        return records;
    }

    /** Returns at most a few chars per read, like a slow network stream. */
    private static final class ChunkyReader extends Reader {
        private final String text;
        private final Random random;
        private int next;

        ChunkyReader(String text, Random random) {
            this.text = text;
            this.random = random;
        }

        @Override
        public int read(char[] target, int offset, int length) {
            if (next == text.length()) {
                return -1;
            }
            int count = Math.min(Math.min(length, 1 + random.nextInt(3)), text.length() - next);
            text.getChars(next, next + count, target, offset);
            next += count;
            return count;
        }

        @Override
        public void close() {
        }
    }
}
