package io.lakegate.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reader's one promise: a value is read as the instant it says, or refused. Each tricky value below is
 * either read exactly as written, in both day/month orders of a column, or refused in the order it
 * contradicts; and instants printed by the programs whose forms are read come back unchanged.
 */
class TimestampFormsNeverMisreadTest {

    private static final String REFUSED = "refused";
    private static final TimestampOptions SOLD_AT = TimestampOptions.forColumn("sold_at");
    private static final TimestampParser MONTH_FIRST = TimestampColumnProfile.decide(List.of(), SOLD_AT).parser();
    private static final TimestampParser DAY_FIRST = TimestampColumnProfile.decide(List.of(),
            SOLD_AT.withPinnedOrder(DayMonthOrder.DAY_FIRST)).parser();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            03/04/2024                              | 2024-03-04T00:00:00Z     | 2024-04-03T00:00:00Z
            15/03/24                                | refused                  | 2024-03-15T00:00:00Z
            1/2/06 3:04 PM                          | 2006-01-02T15:04:00Z     | 2006-02-01T15:04:00Z
            15-Jan-18                               | 2018-01-15T00:00:00Z     | 2018-01-15T00:00:00Z
            08.21.71                                | refused                  | refused
            21.08.71                                | 1971-08-21T00:00:00Z     | 1971-08-21T00:00:00Z
            30.02.2024                              | refused                  | refused
            2024-02-30                              | refused                  | refused
            2014-04                                 | 2014-04-01T00:00:00Z     | 2014-04-01T00:00:00Z
            2014.03                                 | refused                  | refused
            2014:04                                 | refused                  | refused
            2024                                    | refused                  | refused
            March 2024                              | refused                  | refused
            15 March                                | refused                  | refused
            Mar 15 10:22:33                         | refused                  | refused
            10:22:33                                | refused                  | refused
            T10:22                                  | refused                  | refused
            2024-W11-5                              | refused                  | refused
            2024-075                                | refused                  | refused
            2024-03-15 24:00                        | refused                  | refused
            2014-04-02 4:8 PM                       | 2014-04-02T16:08:00Z     | 2014-04-02T16:08:00Z
            12345678                                | refused                  | refused
            999999999                               | refused                  | refused
            171049815312                            | refused                  | refused
            9999999999                              | 2286-11-20T17:46:39Z     | 2286-11-20T17:46:39Z
            1384216367111222                        | 2013-11-12T00:32:47.111222Z | 2013-11-12T00:32:47.111222Z
            1384216367111222999                     | 2013-11-12T00:32:47.111222Z | 2013-11-12T00:32:47.111222Z
            2024-03-15 10:00 IST                    | refused                  | refused
            2024-03-15 10:00 CST                    | refused                  | refused
            2024-07-15 10:00 BST                    | refused                  | refused
            Fri Mar 15 10:22:33 PST 2024            | refused                  | refused
            Fri Mar 15 10:22:33 -0800 2024          | 2024-03-15T18:22:33Z     | 2024-03-15T18:22:33Z
            Fri Mar 15 10:22:33 -0800 PST 2024      | 2024-03-15T18:22:33Z     | 2024-03-15T18:22:33Z
            Thu Mar 15 10:22:33 UTC 2024            | refused                  | refused
            2024-03-15 10:00 +0000 PST              | refused                  | refused
            2024-03-15 10:00 +0530 IST              | 2024-03-15T04:30:00Z     | 2024-03-15T04:30:00Z
            2024-03-15 10:00 +0000 +0100            | refused                  | refused
            2024-03-15T10:22:33+01:00 CEST          | refused                  | refused
            2024-03-15T10:22:33+01:00 CET           | 2024-03-15T09:22:33Z     | 2024-03-15T09:22:33Z
            2024-01-15 10:00 +0200 Europe/Paris     | refused                  | refused
            2024-07-15 10:00 +0200 Europe/Paris     | 2024-07-15T08:00:00Z     | 2024-07-15T08:00:00Z
            2012-07-15 10:00 +0300 MSK              | refused                  | refused
            [06/May/2008:08:11:17 -0700]            | 2008-05-06T15:11:17Z     | 2008-05-06T15:11:17Z
            06/May/2008:08:11:17 +0000 PST          | refused                  | refused
            06-May-2008:08:11:17 -0700              | refused                  | refused
            2014年13月08日                           | refused                  | refused
            2014年04月08日 22時05分                    | 2014-04-08T22:05:00Z     | 2014-04-08T22:05:00Z
            Monday, 02-Jan-06 15:04:05 MST          | 2006-01-02T22:04:05Z     | 2006-01-02T22:04:05Z
            Tuesday, 02-Jan-06 15:04:05 MST         | refused                  | refused
            """)
    void readsEachTrickyValueAsWrittenOrRefusesIt(String value, String monthFirst, String dayFirst) {
        expect(MONTH_FIRST, value, monthFirst);
        expect(DAY_FIRST, value, dayFirst);
    }

    private static void expect(TimestampParser parser, String value, String expected) {
        if (expected.equals(REFUSED)) {
            assertThatThrownBy(() -> parser.parse(value)).isInstanceOf(ValueParseException.class);
        } else {
            assertThat(parseOrNull(parser, value)).as(value).isEqualTo(Instant.parse(expected));
        }
    }

    private static Instant parseOrNull(TimestampParser parser, String value) {
        try {
            return parser.parse(value);
        } catch (ValueParseException refused) {
            throw new AssertionError(refused.getMessage(), refused);
        }
    }

    @Test
    void readsBackWhatTheProgramsWhoseFormsItReadsPrint() throws Exception {
        Random random = new Random(14);
        List<ZoneOffset> offsets = List.of(ZoneOffset.UTC, ZoneOffset.ofHours(8), ZoneOffset.ofHoursMinutes(5, 30),
                ZoneOffset.ofHours(-7), ZoneOffset.ofHoursMinutes(-9, -30), ZoneOffset.ofHours(14));
        for (int i = 0; i < 2000; i++) {
            // 2001-09-09 to 2029-12-31: inside every epoch length's span and the default two-digit year window
            Instant instant = Instant.ofEpochSecond(1_000_000_000L + (long) (random.nextDouble() * 893_000_000L),
                    random.nextInt(1_000_000_000));
            ZoneOffset offset = offsets.get(random.nextInt(offsets.size()));
            Instant toSecond = instant.truncatedTo(ChronoUnit.SECONDS);
            Instant toMinute = instant.truncatedTo(ChronoUnit.MINUTES);
            Instant toMicro = instant.truncatedTo(ChronoUnit.MICROS);

            assertReadsBack(instant, offset, "yyyy-MM-dd HH:mm:ss.SSSSSSSSS xx", toMicro);
            assertReadsBack(instant, offset, "yyyy-MM-dd HH:mm:ss xx x", toSecond);
            assertReadsBack(instant, offset, "EEE MMM ppd HH:mm:ss xx yyyy", toSecond);
            assertReadsBack(instant, offset, "dd/MMM/yyyy:HH:mm:ss xx", toSecond);
            assertReadsBack(instant, offset, "'['dd/MMM/yyyy:HH:mm:ss xx']'", toSecond);
            assertReadsBack(instant, offset, "yyyy-MMM-dd H:m:s xxx", toSecond);
            assertReadsBack(instant, offset, "EEEE, dd-MMM-yy HH:mm:ss xx", toSecond);
            assertReadsBack(instant, ZoneOffset.UTC, "EEE MMM ppd HH:mm:ss 'UTC' yyyy", toSecond);
            assertReadsBack(instant, ZoneOffset.UTC, "yyyy-MM-dd HH:mm:ss.SSSSSSSSS xx 'UTC'", toMicro);
            assertReadsBack(instant, ZoneOffset.UTC, "yyyy:MM:dd HH:mm:ss", toSecond);
            assertReadsBack(instant, ZoneOffset.UTC, "yyyy年MM月dd日 HH時mm分ss秒", toSecond);
            assertReadsBack(instant, ZoneOffset.UTC, "M/d/yy h:mm a", toMinute);
            assertReadsBack(instant, offset, DateTimeFormatter.RFC_1123_DATE_TIME, toSecond);
            assertThat(MONTH_FIRST.parse(String.valueOf(micros(instant)))).isEqualTo(toMicro);
            assertThat(MONTH_FIRST.parse(micros(instant) + String.format("%03d", instant.getNano() % 1000)))
                    .isEqualTo(toMicro);
        }
    }

    private static void assertReadsBack(Instant instant, ZoneOffset offset, String pattern, Instant expected)
            throws ValueParseException {
        assertReadsBack(instant, offset, DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH), expected);
    }

    private static void assertReadsBack(Instant instant, ZoneOffset offset, DateTimeFormatter format,
            Instant expected) throws ValueParseException {
        String value = format.format(instant.atOffset(offset));
        assertThat(MONTH_FIRST.parse(value)).as(value).isEqualTo(expected);
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
    }
}
