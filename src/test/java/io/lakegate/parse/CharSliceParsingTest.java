package io.lakegate.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Cells are parsed straight from the batch's char array through a {@link CharSlice}: every value must read
 * exactly as the same text given as a String, to the same number, or to the same failure and message.
 */
class CharSliceParsingTest {

    private static final List<String> NUMBERS = List.of("1234.50", "1234", "0.05", "-12.5", "+7", "1,234.56", "1.234,56",
            "1 234,5", "1\u00A0234.50", "12,34,567.8", "(12.50)", "12.50-", "$12.50", "12.50 €", "EUR 1,200", "US$5",
            "1.2E3", "1e-2", "5E", "007", "0", "-0.00", "1.005", "1,2", "12,5", "1,23,4", "1,2345", "1.2.3", "abc", "n/a price",
            "", " ", "  42  ", "999999999999999999", "9999999999999999999", "123456789012345678901234.5", "1e999",
            "((1))", "\u221212", "1'234.5", "12 345 678", "0,5", ".5", "5.", "-", "$", "USD", "usd 5", "1_000");

    private static final List<String> TIMESTAMPS = List.of("2024-03-01T00:00:21Z", "2024-03-01 10:22:33", "2024-03-01T10:22",
            "2024-03-01T10:22:33.123456789Z", "2024-03-01T10:22:33,5+02:00", "2024-03-01T10:22:33+0200", "2024-03-01T10:22:33-05",
            "2024-03-01", "2024-02-30T10:00:00Z", "2024-03-01T24:00:00Z", "2024-03-01T10:60:00Z", "2024-03-01T10:22:33+19:00",
            "03/25/2024", "25/03/2024 10:22", "01.03.2024 10:22", "1709251200", "1709251200123", "Fri, 01 Mar 2024 10:22:33 GMT",
            "Sat, 01 Mar 2024 10:22:33 GMT", "March 1, 2024 10:22 PM", "1999-12-31T23:59:59Z", "2999-01-01T00:00:00Z",
            "2024-03-01T10:22:33 Europe/Paris", "yesterday", "", "2024-3-1", "2024-03-01T10:22:33.Z", "2024-03-01X10:22");

    @Test
    void numbersReadFromASliceAsFromAString() {
        for (DecimalSeparator separator : DecimalSeparator.values()) {
            DecimalParser parser = NumberColumnProfile.decide(List.of(),
                    NumberOptions.forColumn("price").withPinnedSeparator(separator)).parser();
            for (String value : withRandomNumbers(NUMBERS)) {
                assertThat(outcome(() -> parser.parseUnscaled(slice(value), 2)))
                        .as("%s as decimal, %s", value, separator).isEqualTo(outcome(() -> parser.parseUnscaled(value, 2)));
                assertThat(outcome(() -> parser.parseLong(slice(value))))
                        .as("%s as integer, %s", value, separator).isEqualTo(outcome(() -> parser.parseLong(value)));
            }
        }
    }

    @Test
    void timestampsReadFromASliceAsFromAString() {
        TimestampOptions soldAt = TimestampOptions.forColumn("sold_at");
        List<TimestampParser> parsers = List.of(
                TimestampColumnProfile.decide(List.of(), soldAt).parser(),
                TimestampColumnProfile.decide(List.of(), soldAt.withPinnedOrder(DayMonthOrder.DAY_FIRST)).parser(),
                TimestampColumnProfile.decide(List.of(), soldAt.withDefaultZone(ZoneId.of("Europe/Paris"))).parser(),
                TimestampColumnProfile.decide(List.of(), soldAt.withPinnedPatterns(List.of("dd.MM.yyyy HH:mm"))).parser());
        for (TimestampParser parser : parsers) {
            for (String value : TIMESTAMPS) {
                assertThat(outcome(() -> parser.parseToEpochMicros(slice(value))))
                        .as(value).isEqualTo(outcome(() -> parser.parseToEpochMicros(value)));
            }
        }
    }

    @Test
    void stripsWhiteSpaceAsStringStripDoes() {
        for (String value : List.of("", " ", " a ", "\t a b \r\n", "\u2003x\u2003", "\u00A0x\u00A0", "x", "\u3000x")) {
            assertThat(slice(value).strip().toString()).as("'%s'", value).isEqualTo(value.strip());
        }
    }

    @Test
    void aSliceIsOnlyItsWindowOfTheArray() {
        CharSlice slice = new CharSlice().set("ab,cde,f".toCharArray(), 3, 6);
        assertThat(slice.length()).isEqualTo(3);
        assertThat(slice.charAt(1)).isEqualTo('d');
        assertThat(slice.subSequence(1, 3).toString()).isEqualTo("de");
        assertThat(slice.toString()).isEqualTo("cde");
        assertThat(outcome(() -> slice.charAt(3))).startsWith("StringIndexOutOfBoundsException");
    }

    /** The value inside a larger array, with other cells' text around it, as a batch holds it. */
    private static CharSlice slice(String value) {
        char[] chars = ("9,x;" + value + ";7.5E").toCharArray();
        return new CharSlice().set(chars, 4, 4 + value.length());
    }

    private static List<String> withRandomNumbers(List<String> fixed) {
        List<String> values = new ArrayList<>(fixed);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            long cents = random.nextLong(-10_000_000L, 10_000_000L);
            values.add(cents / 100 + "." + String.format("%02d", Math.abs(cents % 100)));
            values.add(Long.toString(random.nextLong()));
        }
        return values;
    }

    @FunctionalInterface
    private interface Parse {
        Object run() throws Exception;
    }

    /** The result, or the failure's class, message and (for parse failures) problem and value. */
    private static String outcome(Parse parse) {
        try {
            return "value " + parse.run();
        } catch (ValueParseException e) {
            return "ValueParseException " + e.problem() + " [" + e.value() + "] " + e.getMessage();
        } catch (Exception e) {
            return e.getClass().getSimpleName() + " " + Objects.toString(e.getMessage());
        }
    }
}
