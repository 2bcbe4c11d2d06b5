package io.lakegate.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DialectDetectorTest {

    private final DialectDetector detector = new DialectDetector();

    @Test
    void detectsSemicolonWhenDecimalCommasWouldFoolACharacterCount() {
        String sample = """
                product;unit price;quantity;discount
                Apple;1,20;3;0,05
                Pear;0,95;10;0,10
                Plum;2,35;1;0,00
                Cherry;12,50;2;1,25
                """;
        assertThat(dialectOf(sample)).isEqualTo(new CsvDialect(';', '"', CsvDialect.NONE));
    }

    @Test
    void detectsTab() {
        String sample = "id\tname\tjoined\n1\tAda Lovelace\t1842-07-01\n2\tAlan Turing\t1936-05-28\n3\tGrace Hopper\t1944-03-15\n";
        assertThat(dialectOf(sample).delimiter()).isEqualTo('\t');
    }

    @Test
    void detectsPipe() {
        String sample = "sku|description|price\nA-1|Blue mug, large|4.50\nB-2|Red plate, small|3.25\nC-3|Green bowl|5.00\n";
        assertThat(dialectOf(sample).delimiter()).isEqualTo('|');
    }

    @Test
    void detectsCommaWhenQuotedFieldsHoldOtherDelimiters() {
        String sample = """
                id,address,note,amount
                1,"Main St 5, Springfield","fragile; handle with care",10.5
                2,"Elm St 12, Shelbyville","leave at door; ring twice",7.25
                3,"Oak Ave 1, Capital City","call first; no weekends",12.0
                """;
        assertThat(dialectOf(sample)).isEqualTo(CsvDialect.rfc4180());
    }

    @Test
    void detectsSingleQuotesWhenTheyProtectDelimiters() {
        String sample = """
                'name','city','notes'
                'Smith, John','London','likes tea, not coffee'
                'Doe, Jane','Paris','prefers email, not phone'
                'Roe, Richard','Berlin','no calls, no mail'
                """;
        assertThat(dialectOf(sample)).isEqualTo(new CsvDialect(',', '\'', CsvDialect.NONE));
    }

    @Test
    void detectsBackslashEscapedQuotes() {
        String sample = """
                id,quote
                1,"she said \\"hi, there\\" and left"
                2,"a \\"quoted\\" word, twice \\"quoted\\""
                3,"plain, text"
                """;
        assertThat(dialectOf(sample)).isEqualTo(new CsvDialect(',', '"', '\\'));
    }

    @Test
    void timesDoNotMakeTheColonADelimiter() {
        String sample = "start,end,room\n10:15,11:30,A1\n12:00,13:45,B2\n14:05,15:00,C3\n";
        assertThat(dialectOf(sample).delimiter()).isEqualTo(',');
    }

    @Test
    void leavesOutHashCommentLines() {
        String sample = "# exported by the till system\n# do not edit, really\nstore;day;total\nS1;2024-05-01;1200\nS2;2024-05-01;980\n";
        assertThat(dialectOf(sample).delimiter()).isEqualTo(';');
    }

    @Test
    void readsSpaceAlignedColumnsAsSpaceDelimited() {
        String sample = """
                id   carat   cut      price
                 1    0.23   Ideal      326
                 2    0.21   Premium    326
                 3    0.23   Good       327
                 4    0.29   Premium    334
                """;
        assertThat(dialectOf(sample).delimiter()).isEqualTo(' ');
    }

    @Test
    void reportsAOneColumnFileAsCommaWithAtMostHalfConfidence() {
        StringBuilder sample = new StringBuilder("email\n");
        for (int i = 0; i < 40; i++) {
            sample.append("customer").append(i).append("@example.com\n");
        }
        DetectedDialect detected = detector.detect(sample.toString(), true).orElseThrow();
        assertThat(detected.dialect()).isEqualTo(CsvDialect.rfc4180());
        assertThat(detected.confidence()).isPositive().isLessThanOrEqualTo(0.5);
    }

    @Test
    void refusesProse() {
        String sample = """
                The warehouse opened before dawn, and the first trucks were already at the gate.
                Nobody on the night shift expected the delivery so early, so the forklifts were still charging.
                Maria walked the loading bay twice, counting pallets and checking every seal.
                By six the manager arrived with coffee in one hand and a clipboard in the other.
                He asked whether the cold room had been cleaned; it had not, and he sighed.
                There was a long list of small problems that nobody wanted to own.
                The scanner at door four kept rejecting labels that looked perfectly fine.
                """;
        assertThat(detector.detect(sample, true)).isEmpty();
    }

    @Test
    void refusesProseWithoutAnyPunctuation() {
        String sample = """
                the quick brown fox jumps over the lazy dog again and again
                nothing in these lines looks like a value of any kind at all
                it is just text that somebody saved with a csv extension by mistake
                and the service should say so instead of inventing columns
                """;
        assertThat(detector.detect(sample, true)).isEmpty();
    }

    @Test
    void acceptsATableOfLongTextsBecauseItsRowsAgree() {
        String sample = """
                question,answer
                "How do I reset my password, if I forgot it?","Use the link on the sign-in page and follow the email we send you."
                "Can I change the delivery address after ordering?","Yes, until the parcel leaves the warehouse, from the order page."
                "Why was my card declined at checkout today?","Your bank refused the payment; call them or try another card please."
                """;
        assertThat(dialectOf(sample)).isEqualTo(CsvDialect.rfc4180());
    }

    @Test
    void neverFailsOnArbitraryText() {
        Random random = new Random(11);
        String alphabet = "ab1 ,;:|#^\t\"'\\\r\n";
        for (int round = 0; round < 300; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(300); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Optional<DetectedDialect> detected = detector.detect(text.toString(), random.nextBoolean());
            detected.ifPresent(d -> assertThat(d.confidence()).isBetween(0.0, 1.0));
        }
    }

    @Test
    void refusesBinaryJunk() {
        byte[] bytes = new byte[20_000];
        new Random(7).nextBytes(bytes);
        assertThat(detector.detect(new String(bytes, StandardCharsets.ISO_8859_1), false)).isEmpty();
    }

    @Test
    void refusesAnEmptySample() {
        assertThat(detector.detect("", true)).isEmpty();
        assertThat(detector.detect("\n\r\n", true)).isEmpty();
    }

    @Test
    void ignoresThePartialLastRecordOfATruncatedSample() {
        String complete = "a,b,c\n1,2,3\n4,5,6\n7,8,9\n";
        Optional<DetectedDialect> truncated = detector.detect(complete + "10,\"an unfinished; long", false);
        assertThat(truncated).isEqualTo(detector.detect(complete, true));
    }

    @Test
    void skipsAByteOrderMark() {
        assertThat(dialectOf("\uFEFFa;b\n1;2\n3;4\n").delimiter()).isEqualTo(';');
    }

    @Test
    void isMoreConfidentOfAClearTableThanOfAnAmbiguousOne() {
        double clear = detector.detect("a,b,c\n1,2,3\n4,5,6\n7,8,9\n", true).orElseThrow().confidence();
        double ambiguous = detector.detect("a,b;c\n1,2;3\n", true).orElseThrow().confidence();
        assertThat(clear).isGreaterThan(ambiguous).isLessThanOrEqualTo(1.0);
    }

    private CsvDialect dialectOf(String sample) {
        return detector.detect(sample, true).orElseThrow().dialect();
    }
}
