package io.lakegate.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampParserTest {

    private static final TimestampOptions SOLD_AT = TimestampOptions.forColumn("sold_at");

    private static TimestampParser parser(TimestampOptions options) {
        return TimestampColumnProfile.decide(List.of(), options).parser();
    }

    private static final TimestampParser UTC_MONTH_FIRST = parser(SOLD_AT);
    private static final TimestampParser UTC_DAY_FIRST = parser(SOLD_AT.withPinnedOrder(DayMonthOrder.DAY_FIRST));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2024-03-15T10:22:33Z                     | 2024-03-15T10:22:33Z
            2024-03-15 10:22:33                      | 2024-03-15T10:22:33Z
            2024-03-15T10:22:33                      | 2024-03-15T10:22:33Z
            2024-03-15T10:22                         | 2024-03-15T10:22:00Z
            2024-03-15 10:22                         | 2024-03-15T10:22:00Z
            2024-03-15T10:22:33.5Z                   | 2024-03-15T10:22:33.500Z
            2024-03-15T10:22:33.123Z                 | 2024-03-15T10:22:33.123Z
            2024-03-15 10:22:33.123456               | 2024-03-15T10:22:33.123456Z
            2024-03-15T10:22:33,250Z                 | 2024-03-15T10:22:33.250Z
            2024-03-15T10:22:33z                     | 2024-03-15T10:22:33Z
            2024-03-15T10:22:33+02:00                | 2024-03-15T08:22:33Z
            2024-03-15T10:22:33+0200                 | 2024-03-15T08:22:33Z
            2024-03-15T10:22:33+02                   | 2024-03-15T08:22:33Z
            2024-03-15T10:22:33-05:30                | 2024-03-15T15:52:33Z
            2024-03-15T10:22:33.75-03:00             | 2024-03-15T13:22:33.750Z
            2024-03-15 10:22:33 +01:00               | 2024-03-15T09:22:33Z
            2024-03-15 10:22:33 Europe/Paris         | 2024-03-15T09:22:33Z
            2024-07-15 10:22:33 Europe/Paris         | 2024-07-15T08:22:33Z
            2024-03-15T10:22:33[Europe/Paris]        | 2024-03-15T09:22:33Z
            2024-03-15T10:22:33+01:00[Europe/Paris]  | 2024-03-15T09:22:33Z
            2024-03-15 10:22:33 America/New_York     | 2024-03-15T14:22:33Z
            2024-03-15 10:22:33 UTC                  | 2024-03-15T10:22:33Z
            2024-03-15 10:22:33 GMT+2                | 2024-03-15T08:22:33Z
            2024-03-15 10:22:33 UTC-03:00            | 2024-03-15T13:22:33Z
            2024-03-15                               | 2024-03-15T00:00:00Z
            2024-02-29                               | 2024-02-29T00:00:00Z
            2024-3-5                                 | 2024-03-05T00:00:00Z
            2024/03/15                               | 2024-03-15T00:00:00Z
            2024/03/15 10:22:33                      | 2024-03-15T10:22:33Z
            2024.03.15 10:22                         | 2024-03-15T10:22:00Z
            """)
    void readsIsoAndYearFirstForms(String value, Instant expected) throws Exception {
        assertThat(UTC_MONTH_FIRST.parse(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1710498153       | 2024-03-15T10:22:33Z
            1710498153.5     | 2024-03-15T10:22:33.500Z
            1710498153.123456| 2024-03-15T10:22:33.123456Z
            1710498153123    | 2024-03-15T10:22:33.123Z
            1710498153123456 | 2024-03-15T10:22:33.123456Z
            1384216367111222 | 2013-11-12T00:32:47.111222Z
            1710498153123456789 | 2024-03-15T10:22:33.123456Z
            1384216367111222333 | 2013-11-12T00:32:47.111222Z
            9999999999999999999 | 2286-11-20T17:46:39.999999Z
            1000000000000000000 | 2001-09-09T01:46:40Z
            20240315         | 2024-03-15T00:00:00Z
            20240315102233   | 2024-03-15T10:22:33Z
            """)
    void readsEpochNumbersAndBasicIsoDigits(String value, Instant expected) throws Exception {
        assertThat(UTC_MONTH_FIRST.parse(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            15 Mar 2024                        | 2024-03-15T00:00:00Z
            15 March 2024                      | 2024-03-15T00:00:00Z
            15 MARCH 2024 10:22                | 2024-03-15T10:22:00Z
            15th March 2024                    | 2024-03-15T00:00:00Z
            15-MAR-2024                        | 2024-03-15T00:00:00Z
            15-Mar-2024 10:22:33               | 2024-03-15T10:22:33Z
            15/Mar/2024                        | 2024-03-15T00:00:00Z
            March 15, 2024                     | 2024-03-15T00:00:00Z
            March 15, 2024 3:04 PM             | 2024-03-15T15:04:00Z
            March 15, 2024, 3:04 PM           | 2024-03-15T15:04:00Z
            Mar 15 2024                        | 2024-03-15T00:00:00Z
            Mar. 15, 2024                      | 2024-03-15T00:00:00Z
            March 1st, 2024                    | 2024-03-01T00:00:00Z
            Sept 15, 2024                      | 2024-09-15T00:00:00Z
            Friday, March 15, 2024            | 2024-03-15T00:00:00Z
            Fri, 15 Mar 2024 10:22:33 GMT     | 2024-03-15T10:22:33Z
            Fri, 15 Mar 2024 10:22:33 +0100   | 2024-03-15T09:22:33Z
            Fri, 15 Mar 2024 10:22:33 EST     | 2024-03-15T15:22:33Z
            Fri, 15 Mar 2024 10:22:33 PDT     | 2024-03-15T17:22:33Z
            Fri 15 Mar 2024                    | 2024-03-15T00:00:00Z
            """)
    void readsEnglishMonthNames(String value, Instant expected) throws Exception {
        assertThat(UTC_MONTH_FIRST.parse(value)).isEqualTo(expected);
        assertThat(UTC_DAY_FIRST.parse(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2012-08-03 18:31:59 +0000 UTC                  | 2012-08-03T18:31:59Z
            2012-08-03 18:31:59.257000000 +0000 UTC        | 2012-08-03T18:31:59.257Z
            2015-02-18 00:12:00 +0000 GMT                  | 2015-02-18T00:12:00Z
            2006-01-02 15:04:05 -0700 MST                  | 2006-01-02T22:04:05Z
            2024-07-15 10:00:00 -0700 PDT                  | 2024-07-15T17:00:00Z
            2024-07-15 10:00:00 +0200 CEST                 | 2024-07-15T08:00:00Z
            2014-04-26 13:13:43 +0800 +08                  | 2014-04-26T05:13:43Z
            2024-03-15 10:00:00 +0800 CST                  | 2024-03-15T02:00:00Z
            2024-03-15 10:00:00 -0600 CST                  | 2024-03-15T16:00:00Z
            2024-03-15 10:00:00 +0530 IST                  | 2024-03-15T04:30:00Z
            2024-03-15 10:00:00 +0800 PST                  | 2024-03-15T02:00:00Z
            2024-03-15 10:00:00 +01:00 Europe/Paris        | 2024-03-15T09:00:00Z
            2012-07-15 10:00:00 +0400 MSK                  | 2012-07-15T06:00:00Z
            Mon Jan  2 15:04:05 MST 2006                   | 2006-01-02T22:04:05Z
            Mon Jan 2 15:04:05 UTC 2006                    | 2006-01-02T15:04:05Z
            Mon Jan  2 15:04:05 2006                       | 2006-01-02T15:04:05Z
            Mon Jan 02 15:04:05 -0700 2006                 | 2006-01-02T22:04:05Z
            Tue Jul 16 09:30:00 CEST 2024                  | 2024-07-16T07:30:00Z
            Jan 2 15:04:05.123 EST 2006                    | 2006-01-02T20:04:05.123Z
            """)
    void readsZoneNamesAfterAnOffsetAndTheYearAfterTheTime(String value, Instant expected) throws Exception {
        assertThat(UTC_MONTH_FIRST.parse(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2024-03-15 10:00:00 UTC    | 2024-03-15T10:00:00Z
            2024-03-15 10:00:00 GMT    | 2024-03-15T10:00:00Z
            2024-03-15 10:00:00 Z      | 2024-03-15T10:00:00Z
            2024-03-15 10:00:00 CET    | 2024-03-15T09:00:00Z
            2024-07-15 10:00:00 CET    | 2024-07-15T09:00:00Z
            2024-07-15 10:00:00 CEST   | 2024-07-15T08:00:00Z
            2024-07-15 10:00:00 cest   | 2024-07-15T08:00:00Z
            2024-01-15 10:00:00 WET    | 2024-01-15T10:00:00Z
            2024-07-15 10:00:00 WEST   | 2024-07-15T09:00:00Z
            2024-01-15 10:00:00 EET    | 2024-01-15T08:00:00Z
            2024-07-15 10:00:00 EEST   | 2024-07-15T07:00:00Z
            2024-01-15 10:00:00 EST    | 2024-01-15T15:00:00Z
            2024-07-15 10:00:00 EDT    | 2024-07-15T14:00:00Z
            2024-01-15 10:00:00 MST    | 2024-01-15T17:00:00Z
            2024-07-15 10:00:00 MDT    | 2024-07-15T16:00:00Z
            2024-07-15 10:00:00 PDT    | 2024-07-15T17:00:00Z
            2024-01-15 10:00:00 AKST   | 2024-01-15T19:00:00Z
            2024-07-15 10:00:00 AKDT   | 2024-07-15T18:00:00Z
            2024-01-15 10:00:00 HST    | 2024-01-15T20:00:00Z
            2024-01-15 10:00:00 JST    | 2024-01-15T01:00:00Z
            2024-01-15 10:00:00 HKT    | 2024-01-15T02:00:00Z
            2024-01-15 10:00:00 AWST   | 2024-01-15T02:00:00Z
            2024-07-15 10:00:00 ACST   | 2024-07-15T00:30:00Z
            2024-01-15 10:00:00 ACDT   | 2024-01-14T23:30:00Z
            2024-07-15 10:00:00 AEST   | 2024-07-15T00:00:00Z
            2024-01-15 10:00:00 AEDT   | 2024-01-14T23:00:00Z
            2024-07-15 10:00:00 NZST   | 2024-07-14T22:00:00Z
            2024-01-15 10:00:00 NZDT   | 2024-01-14T21:00:00Z
            2024-07-15 10:00:00 MSK    | 2024-07-15T07:00:00Z
            2012-07-15 10:00:00 MSK    | 2012-07-15T06:00:00Z
            2005-01-15 10:00:00 MSK    | 2005-01-15T07:00:00Z
            """)
    void readsUnambiguousZoneAbbreviationsAlone(String value, Instant expected) throws Exception {
        assertThat(UTC_MONTH_FIRST.parse(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2024-03-15 10:00:00 IST              | time zone 'IST' is ambiguous (India +05:30, Ireland +01:00, Israel +02:00): write an offset or a zone id
            2024-03-15 10:00:00 CST              | time zone 'CST' is ambiguous (US Central -06:00, China +08:00, Cuba -05:00): write an offset or a zone id
            2024-03-15 10:00:00 CDT              | time zone 'CDT' is ambiguous (US Central -05:00, Cuba -04:00): write an offset or a zone id
            2024-07-15 10:00:00 BST              | time zone 'BST' is ambiguous (British Summer Time +01:00, Bangladesh +06:00): write an offset or a zone id
            2024-03-15 10:00:00 AST              | time zone 'AST' is ambiguous (Atlantic -04:00, Arabia +03:00): write an offset or a zone id
            2024-03-15 10:00:00 PST              | time zone 'PST' is ambiguous (US Pacific -08:00, Philippines +08:00): write an offset or a zone id
            Mon Jan  2 15:04:05 CST 2006         | time zone 'CST' is ambiguous (US Central -06:00, China +08:00, Cuba -05:00): write an offset or a zone id
            2024-03-15 10:00:00 +0000 PST        | offset +00:00 contradicts PST (US Pacific -08:00, Philippines +08:00)
            2024-03-15 10:00:00 +0000 EST        | offset +00:00 contradicts EST (-05:00)
            2024-03-15 10:00:00 -0500 UTC        | offset -05:00 contradicts UTC (+00:00)
            2024-03-15 10:00:00 +0000 IST        | offset +00:00 contradicts IST (India +05:30, Ireland +01:00, Israel +02:00)
            2012-07-15 10:00:00 +0300 MSK        | offset +03:00 contradicts MSK (+04:00 on that date)
            2014-04-26 13:13:43 +0800 +09        | two different offsets, +08:00 and +09:00
            2024-03-15 10:00:00 +0000 XST        | unknown time zone 'XST'
            Mon Jan  2 15:04:05 MST              | no year after the time
            Mon Jan  2 15:04:05 MST 2007         | 2007-01-02 is a Tuesday, not a Monday
            """)
    void refusesAmbiguousAndContradictoryZoneNames(String value, String reason) {
        assertThatThrownBy(() -> UTC_MONTH_FIRST.parseToEpochMicros(value))
                .isInstanceOf(ValueParseException.class)
                .hasMessage("cannot parse timestamp '" + value + "' for column sold_at: " + reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            06/May/2008:08:11:17 -0700           | 2008-05-06T15:11:17Z
            [06/May/2008:08:11:17 -0700]         | 2008-05-06T15:11:17Z
            [10/Oct/2000:13:55:36 +0000]         | 2000-10-10T13:55:36Z
            06/May/2008:08:11:17                 | 2008-05-06T08:11:17Z
            06/May/2008 08:11:17                 | 2008-05-06T08:11:17Z
            """)
    void readsTheCommonLogFormatOfWebServers(String value, Instant expected) throws Exception {
        assertThat(UTC_MONTH_FIRST.parse(value)).isEqualTo(expected);
        assertThat(UTC_DAY_FIRST.parse(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2014-04-02 4:8               | 2014-04-02T04:08:00Z
            2014-04-02 4:08:9            | 2014-04-02T04:08:09Z
            2014-04-02 14:8:09           | 2014-04-02T14:08:09Z
            2014-04-02T4:8:9.5Z          | 2014-04-02T04:08:09.500Z
            2014-04-02 4:8 PM            | 2014-04-02T16:08:00Z
            03/15/2024 4:8:9             | 2024-03-15T04:08:09Z
            """)
    void readsTimeFieldsOfOneDigit(String value, Instant expected) throws Exception {
        assertThat(UTC_MONTH_FIRST.parse(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2014-04                      | 2014-04-01T00:00:00Z
            2014/4                       | 2014-04-01T00:00:00Z
            2014-Apr                     | 2014-04-01T00:00:00Z
            2013-Feb-03                  | 2013-02-03T00:00:00Z
            2013-feb-03 10:22:33         | 2013-02-03T10:22:33Z
            2013/February/03             | 2013-02-03T00:00:00Z
            03-Feb-2013                  | 2013-02-03T00:00:00Z
            2014:04:02 03:00:51          | 2014-04-02T03:00:51Z
            2014:04:02                   | 2014-04-02T00:00:00Z
            2014年04月08日                | 2014-04-08T00:00:00Z
            2014年4月8日                  | 2014-04-08T00:00:00Z
            2014年04月08日 22時05分        | 2014-04-08T22:05:00Z
            2014年04月08日22時05分         | 2014-04-08T22:05:00Z
            2014年04月08日 22时05分30秒     | 2014-04-08T22:05:30Z
            """)
    void readsMonthsAloneMonthNamesAfterTheYearAndOtherSeparators(String value, Instant expected)
            throws Exception {
        assertThat(UTC_MONTH_FIRST.parse(value)).isEqualTo(expected);
        assertThat(UTC_DAY_FIRST.parse(value)).isEqualTo(expected);
    }

    @Test
    void readsAMonthAloneAsMidnightOfItsFirstDayInTheDefaultZone() throws Exception {
        TimestampParser paris = parser(SOLD_AT.withDefaultZone(ZoneId.of("Europe/Paris")));
        assertThat(paris.parse("2014-07")).isEqualTo("2014-06-30T22:00:00Z");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            15-Jan-18                          | 2018-01-15T00:00:00Z
            3/4/24                             | 2024-03-04T00:00:00Z
            03/04/24                           | 2024-03-04T00:00:00Z
            1/2/06 3:04 PM                     | 2006-01-02T15:04:00Z
            8/1/71                             | 1971-08-01T00:00:00Z
            4/8/14 22:05                       | 2014-04-08T22:05:00Z
            12/31/29                           | 2029-12-31T00:00:00Z
            01-01-30                           | 1930-01-01T00:00:00Z
            02/29/00                           | 2000-02-29T00:00:00Z
            15-MAR-24                          | 2024-03-15T00:00:00Z
            15 Mar 99                          | 1999-03-15T00:00:00Z
            Mar 15, 24                         | 2024-03-15T00:00:00Z
            Monday, 02-Jan-06 15:04:05 MST     | 2006-01-02T22:04:05Z
            """)
    void readsTwoDigitYearsAsSpreadsheetsDoByDefault(String value, Instant expected) throws Exception {
        assertThat(UTC_MONTH_FIRST.parse(value)).isEqualTo(expected);
    }

    @Test
    void readsTwoDigitYearsInTheColumnsDayMonthOrder() throws Exception {
        assertThat(UTC_DAY_FIRST.parse("3/4/24")).isEqualTo("2024-04-03T00:00:00Z");
        assertThat(UTC_DAY_FIRST.parse("15-Jan-18")).isEqualTo("2018-01-15T00:00:00Z");
        assertThatThrownBy(() -> UTC_DAY_FIRST.parseToEpochMicros("12/31/29"))
                .hasMessage("value '12/31/29' contradicts the day-first order decided for column sold_at");
    }

    @Test
    void readsTwoDigitYearsInTheHundredYearsBeforeTheColumnsPivot() throws Exception {
        TimestampParser pivot2050 = parser(SOLD_AT.withTwoDigitYearPivot(2050));
        assertThat(pivot2050.parse("3/4/49")).isEqualTo("2049-03-04T00:00:00Z");
        assertThat(pivot2050.parse("3/4/50")).isEqualTo("1950-03-04T00:00:00Z");
        assertThat(pivot2050.parse("15-Jan-00")).isEqualTo("2000-01-15T00:00:00Z");

        TimestampParser pivot1950 = parser(SOLD_AT.withTwoDigitYearPivot(1950));
        assertThat(pivot1950.parse("3/4/49")).isEqualTo("1949-03-04T00:00:00Z");
        assertThat(pivot1950.parse("3/4/50")).isEqualTo("1850-03-04T00:00:00Z");
        assertThatThrownBy(() -> pivot1950.parseToEpochMicros("02/29/00"))
                .hasMessage("cannot parse timestamp '02/29/00' for column sold_at: no day 29 in 1900-02");
    }

    @Test
    void holdsTwoDigitYearsToThePlausibleRangeRatherThanMovingThemToAnotherCentury() {
        TimestampParser plausible = parser(SOLD_AT.withPlausibleRange(
                Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2026-11-28T00:00:00Z")));
        assertThatThrownBy(() -> plausible.parseToEpochMicros("3/4/71"))
                .hasMessage("implausible timestamp 1971-03-04T00:00:00Z ('3/4/71') for column sold_at: "
                        + "outside 2000-01-01..2026-11-28");
        assertThatThrownBy(() -> plausible.parseToEpochMicros("3/4/29"))
                .hasMessageStartingWith("implausible timestamp 2029-03-04T00:00:00Z");
    }

    @Test
    void refusesAPivotThatIsNoFourDigitYear() {
        assertThatThrownBy(() -> SOLD_AT.withTwoDigitYearPivot(30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two-digit year pivot of column sold_at must be a year from 1000 to 9999, not 30");
    }

    @Test
    void readsDottedDatesDayFirstUnlessTheSampleShowsThemMonthFirst() throws Exception {
        assertThat(UTC_MONTH_FIRST.parse("08.05.71")).isEqualTo("1971-05-08T00:00:00Z");
        assertThatThrownBy(() -> UTC_MONTH_FIRST.parseToEpochMicros("08.21.71"))
                .hasMessage("value '08.21.71' contradicts the day-first order decided for dotted dates in column sold_at");

        TimestampParser monthFirstDots = TimestampColumnProfile.decide(List.of("08.21.71"), SOLD_AT).parser();
        assertThat(monthFirstDots.parse("08.21.71")).isEqualTo("1971-08-21T00:00:00Z");
        assertThat(monthFirstDots.parse("08.05.71")).isEqualTo("1971-08-05T00:00:00Z");
        assertThat(monthFirstDots.parse("03.31.2014")).isEqualTo("2014-03-31T00:00:00Z");
        assertThatThrownBy(() -> monthFirstDots.parseToEpochMicros("15.03.2024"))
                .hasMessage("value '15.03.2024' contradicts the month-first order decided for dotted dates in column sold_at");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2024-03-15 3:04 PM        | 2024-03-15T15:04:00Z
            2024-03-15 3:04PM         | 2024-03-15T15:04:00Z
            2024-03-15 03:04:05 pm    | 2024-03-15T15:04:05Z
            2024-03-15 12:00 AM       | 2024-03-15T00:00:00Z
            2024-03-15 12:30 PM       | 2024-03-15T12:30:00Z
            2024-03-15 11:59:59 p.m.  | 2024-03-15T23:59:59Z
            2024-03-15 9:15 a.m.      | 2024-03-15T09:15:00Z
            03/15/2024 3:04 AM        | 2024-03-15T03:04:00Z
            """)
    void readsTwelveHourClock(String value, Instant expected) throws Exception {
        assertThat(UTC_MONTH_FIRST.parse(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            03/15/2024             | 2024-03-15T00:00:00Z
            03/15/2024 10:22       | 2024-03-15T10:22:00Z
            03/15/2024 10:22:33    | 2024-03-15T10:22:33Z
            3/5/2024 3:04 PM       | 2024-03-05T15:04:00Z
            03/04/2024             | 2024-03-04T00:00:00Z
            03-04-2024             | 2024-03-04T00:00:00Z
            15.03.2024             | 2024-03-15T00:00:00Z
            """)
    void readsMonthFirstWhereTheColumnIsMonthFirst(String value, Instant expected) throws Exception {
        assertThat(UTC_MONTH_FIRST.parse(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            15/03/2024             | 2024-03-15T00:00:00Z
            15/03/2024 10:22:33    | 2024-03-15T10:22:33Z
            03/04/2024             | 2024-04-03T00:00:00Z
            15-03-2024             | 2024-03-15T00:00:00Z
            15-03-2024 10:22       | 2024-03-15T10:22:00Z
            15.03.2024             | 2024-03-15T00:00:00Z
            15.03.2024 10:22       | 2024-03-15T10:22:00Z
            15.03.2024 10:22:33    | 2024-03-15T10:22:33Z
            5.3.2024               | 2024-03-05T00:00:00Z
            2024/03/15             | 2024-03-15T00:00:00Z
            """)
    void readsDayFirstWhereTheColumnIsDayFirst(String value, Instant expected) throws Exception {
        assertThat(UTC_DAY_FIRST.parse(value)).isEqualTo(expected);
    }

    @Test
    void trimsSurroundingWhitespace() throws Exception {
        assertThat(UTC_MONTH_FIRST.parse("  2024-03-15T10:22:33Z\t")).isEqualTo("2024-03-15T10:22:33Z");
        assertThat(UTC_MONTH_FIRST.parse(" 15 Mar 2024 ")).isEqualTo("2024-03-15T00:00:00Z");
    }

    @Test
    void dropsDigitsFinerThanAMicrosecond() throws Exception {
        assertThat(UTC_MONTH_FIRST.parseToEpochMicros("2024-03-15T10:22:33.123456789Z"))
                .isEqualTo(1_710_498_153_123_456L);
        assertThat(UTC_MONTH_FIRST.parseToEpochMicros("1969-12-31T23:59:59.9999999Z")).isEqualTo(-1L);
    }

    @Test
    void returnsEpochMicrosAsTheMainCall() throws Exception {
        assertThat(UTC_MONTH_FIRST.parseToEpochMicros("2024-03-15 10:22:33")).isEqualTo(1_710_498_153_000_000L);
        assertThat(UTC_MONTH_FIRST.parseToEpochMicros("1970-01-01T00:00:00Z")).isZero();
        assertThat(UTC_MONTH_FIRST.parseToEpochMicros("1969-12-31T23:59:59Z")).isEqualTo(-1_000_000L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            15.03.202                                  | year must have two or four digits
            15/03/2                                    | year must have two or four digits
            2024-02-30                                 | no day 30 in 2024-02
            2023-02-29                                 | no day 29 in 2023-02
            2024-13-01                                 | no month 13
            2024-03-15 25:00                           | no hour 25
            2024-03-15 10:60                           | no minute 60
            2024-03-15T23:59:60Z                       | no second 60
            2024-03-15 13:04 PM                        | hour 13 is not on a 12-hour clock
            2024-03-15 0:30 AM                         | hour 0 is not on a 12-hour clock
            2024-03-15 10                              | time must be H:mm, H:mm:ss or H:mm:ss.fraction
            2024-03-15 10:123                          | minutes must have one or two digits
            2024-03-15 10:22:123                       | seconds must have one or two digits
            2014-13                                    | no month 13
            2014:04                                    | not a recognised date or timestamp
            2014-04 10:00                              | not a recognised date or timestamp
            2014年04月08                               | not a recognised date or timestamp
            2014年04月08日 22時                         | time must be H時mm分 or H時mm分ss秒
            2014年04月08日 25時05分                      | no hour 25
            2013-Fib-03                                | no month named 'Fib'
            06-May-2008:08:11:17                       | unexpected ':08:11:17'
            2024-03-15T10:22:33.1234567891Z            | more than nine fractional digits
            2024-03-15T10:22:33+19:00                  | offset beyond 18 hours
            2024-03-15T10:22:33+1                      | offset must be +hh:mm, +hhmm or +hh
            2024-03-15 10:22:33 Mars/Olympus           | unknown time zone 'Mars/Olympus'
            2024-03-15 10:22:33 XST                    | unknown time zone 'XST'
            2024-03-15T10:22:33[Europe/Paris           | unclosed '['
            2024-03-15T10:22:33+05:00[Europe/Paris]    | offset +05:00 does not apply in Europe/Paris at that time
            Mon, 15 Mar 2024 10:22:33 GMT             | 2024-03-15 is a Friday, not a Monday
            15 Foo 2024                                | no month named 'Foo'
            Smarch 15 2024                             | not a recognised date or timestamp
            hello                                      | not a recognised date or timestamp
            N/A                                        | not a recognised date or timestamp
            10:22:33                                   | not a recognised date or timestamp
            2024-03-15 10:22:33 garbage!               | unknown time zone 'garbage'
            2024-03-15 10:22:33 !                      | unexpected '!'
            12345                                      | 5 digits: neither epoch seconds (10), milliseconds (13), microseconds (16), nanoseconds (19), yyyyMMdd (8) nor yyyyMMddHHmmss (14)
            123456789012345                            | 15 digits: neither epoch seconds (10), milliseconds (13), microseconds (16), nanoseconds (19), yyyyMMdd (8) nor yyyyMMddHHmmss (14)
            12345678901234567890                       | 20 digits: neither epoch seconds (10), milliseconds (13), microseconds (16), nanoseconds (19), yyyyMMdd (8) nor yyyyMMddHHmmss (14)
            1710498153123456.5                         | only epoch seconds (10 digits) may have a fraction
            171049815.5                                | only epoch seconds (10 digits) may have a fraction
            20241315                                   | no month 13
            """)
    void rejectsWithTheValueAndTheReason(String value, String reason) {
        assertThatThrownBy(() -> UTC_MONTH_FIRST.parseToEpochMicros(value))
                .isInstanceOf(ValueParseException.class)
                .hasMessage("cannot parse timestamp '" + value + "' for column sold_at: " + reason);
    }

    @Test
    void rejectsAnEmptyValue() {
        assertThatThrownBy(() -> UTC_MONTH_FIRST.parseToEpochMicros(" "))
                .hasMessage("cannot parse timestamp ' ' for column sold_at: empty value");
    }

    @Test
    void rejectsADateThatIsNoDateInEitherOrder() {
        assertThatThrownBy(() -> UTC_DAY_FIRST.parseToEpochMicros("32/01/2024"))
                .hasMessage("cannot parse timestamp '32/01/2024' for column sold_at: no day 32 in 2024-01");
    }

    @Test
    void rejectsAValueThatIsOnlyADateInTheOtherOrder() {
        assertThatThrownBy(() -> UTC_DAY_FIRST.parseToEpochMicros("03/25/2024"))
                .hasMessage("value '03/25/2024' contradicts the day-first order decided for column sold_at");
        assertThatThrownBy(() -> UTC_MONTH_FIRST.parseToEpochMicros("25-03-2024 10:22"))
                .hasMessage("value '25-03-2024 10:22' contradicts the month-first order decided for column sold_at");
    }

    @Test
    void exceptionNamesValueAndColumnAndCarriesNoStackTrace() {
        assertThatThrownBy(() -> UTC_MONTH_FIRST.parseToEpochMicros("nope"))
                .isInstanceOfSatisfying(ValueParseException.class, e -> {
                    assertThat(e.value()).isEqualTo("nope");
                    assertThat(e.column()).isEqualTo("sold_at");
                    assertThat(e.getStackTrace()).isEmpty();
                });
    }

    @Test
    void readsValuesWithoutOffsetInTheDefaultZone() throws Exception {
        TimestampParser paris = parser(SOLD_AT.withDefaultZone(ZoneId.of("Europe/Paris")));
        assertThat(paris.parse("2024-03-15 10:22:33")).isEqualTo("2024-03-15T09:22:33Z");
        assertThat(paris.parse("2024-07-15 10:22:33")).isEqualTo("2024-07-15T08:22:33Z");
        assertThat(paris.parse("15.07.2024 10:22")).isEqualTo("2024-07-15T08:22:00Z");
        assertThat(paris.parse("2024-03-15")).isEqualTo("2024-03-14T23:00:00Z");
        assertThat(paris.parse("2024-03-15T10:22:33Z")).isEqualTo("2024-03-15T10:22:33Z");
        assertThat(paris.parse("2024-03-15 10:22:33 America/New_York")).isEqualTo("2024-03-15T14:22:33Z");
        assertThat(paris.parse("1710498153")).isEqualTo("2024-03-15T10:22:33Z");
    }

    @Test
    void movesALocalTimeInASpringForwardGapForwardByTheGap() throws Exception {
        TimestampParser paris = parser(SOLD_AT.withDefaultZone(ZoneId.of("Europe/Paris")));
        // 02:30 does not exist on 2024-03-31 in Paris; java.time reads it as 03:30 CEST
        assertThat(paris.parse("2024-03-31 02:30:00")).isEqualTo("2024-03-31T01:30:00Z");
        assertThat(paris.parse("31.03.2024 02:30")).isEqualTo("2024-03-31T01:30:00Z");
    }

    @Test
    void takesTheEarlierOffsetForALocalTimeThatOccursTwice() throws Exception {
        TimestampParser paris = parser(SOLD_AT.withDefaultZone(ZoneId.of("Europe/Paris")));
        // 02:30 happens twice on 2024-10-27 in Paris: first at +02:00 (CEST), then at +01:00
        assertThat(paris.parse("2024-10-27 02:30:00")).isEqualTo("2024-10-27T00:30:00Z");
        assertThat(paris.parse("2024-10-27 02:30:00 Europe/Paris")).isEqualTo("2024-10-27T00:30:00Z");
        assertThat(paris.parse("2024-10-27T02:30:00+01:00")).isEqualTo("2024-10-27T01:30:00Z");
        assertThat(paris.parse("2024-10-27T02:30:00+01:00[Europe/Paris]")).isEqualTo("2024-10-27T01:30:00Z");
    }

    @Test
    void rejectsTimestampsOutsideThePlausibleRange() {
        TimestampParser plausible = parser(SOLD_AT.withPlausibleRange(
                Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2026-11-28T00:00:00Z")));
        assertThatThrownBy(() -> plausible.parseToEpochMicros("01/01/2091"))
                .hasMessage("implausible timestamp 2091-01-01T00:00:00Z ('01/01/2091') for column sold_at: "
                        + "outside 1970-01-01..2026-11-28");
        assertThatThrownBy(() -> plausible.parseToEpochMicros("1969-12-31T23:59:59Z"))
                .hasMessage("implausible timestamp 1969-12-31T23:59:59Z ('1969-12-31T23:59:59Z') for column "
                        + "sold_at: outside 1970-01-01..2026-11-28");
    }

    @Test
    void holdsEpochNumbersOfEveryLengthToThePlausibleRange() {
        TimestampParser plausible = parser(SOLD_AT.withPlausibleRange(
                Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2026-11-28T00:00:00Z")));
        // a 16- or 19-digit identifier is taken for an epoch only when it lands in the range
        assertThatThrownBy(() -> plausible.parseToEpochMicros("4111111111111111"))
                .hasMessageStartingWith("implausible timestamp 2100-04-11T07:18:31.111111Z");
        assertThatThrownBy(() -> plausible.parseToEpochMicros("8000000000000000000"))
                .hasMessageStartingWith("implausible timestamp 2223-07-06T14:13:20Z");
    }

    @Test
    void acceptsTheBoundsOfThePlausibleRange() throws Exception {
        TimestampParser plausible = parser(SOLD_AT.withPlausibleRange(
                Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2026-11-28T16:04:00Z")));
        assertThat(plausible.parse("1970-01-01T00:00:00Z")).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(plausible.parse("2026-11-28T16:04:00Z")).isEqualTo("2026-11-28T16:04:00Z");
        assertThatThrownBy(() -> plausible.parse("2026-11-28T16:04:00.000001Z"))
                .hasMessageEndingWith("outside 1970-01-01..2026-11-28T16:04:00Z");
    }

    @Test
    void treatsYearZeroAsImplausibleByDefault() {
        assertThatThrownBy(() -> UTC_MONTH_FIRST.parse("0000-01-01"))
                .hasMessageStartingWith("implausible timestamp 0000-01-01T00:00:00Z ('0000-01-01')");
    }

    @Test
    void refusesAnEmptyPlausibleRange() {
        assertThatThrownBy(() -> SOLD_AT.withPlausibleRange(Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2024-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plausible range of column sold_at is empty");
    }
}
