package io.lakegate.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimestampColumnProfileTest {

    private static final TimestampOptions SOLD_AT = TimestampOptions.forColumn("sold_at");

    @Test
    void decidesDayFirstFromUnambiguousValues() throws Exception {
        TimestampColumnProfile profile = TimestampColumnProfile.decide(
                List.of("03/04/2024", "25/12/2024", "01/02/2024 10:22"), SOLD_AT);

        assertThat(profile.order()).isEqualTo(DayMonthOrder.DAY_FIRST);
        assertThat(profile.dayFirstValues()).isEqualTo(1);
        assertThat(profile.monthFirstValues()).isZero();
        assertThat(profile.isInconsistent()).isFalse();
        assertThat(profile.parser().parse("03/04/2024")).isEqualTo("2024-04-03T00:00:00Z");
    }

    @Test
    void decidesMonthFirstFromUnambiguousValues() throws Exception {
        TimestampColumnProfile profile = TimestampColumnProfile.decide(
                List.of("03/04/2024", "12/25/2024 3:04 PM", "01-02-2024"),
                SOLD_AT.withDefaultOrder(DayMonthOrder.DAY_FIRST));

        assertThat(profile.order()).isEqualTo(DayMonthOrder.MONTH_FIRST);
        assertThat(profile.parser().parse("03/04/2024")).isEqualTo("2024-03-04T00:00:00Z");
    }

    @Test
    void fallsBackToTheConfiguredDefaultWhenEveryValueIsAmbiguous() throws Exception {
        List<String> ambiguous = List.of("03/04/2024", "01/02/2024", "12/12/2024");

        TimestampColumnProfile monthFirst = TimestampColumnProfile.decide(ambiguous, SOLD_AT);
        TimestampColumnProfile dayFirst = TimestampColumnProfile.decide(ambiguous,
                SOLD_AT.withDefaultOrder(DayMonthOrder.DAY_FIRST));

        assertThat(monthFirst.order()).isEqualTo(DayMonthOrder.MONTH_FIRST);
        assertThat(dayFirst.order()).isEqualTo(DayMonthOrder.DAY_FIRST);
        assertThat(dayFirst.parser().parse("03/04/2024")).isEqualTo("2024-04-03T00:00:00Z");
        assertThat(dayFirst).hasToString("column sold_at: day-first (the default, the sample did not tell; "
                + "0 day-first and 0 month-first values)");
    }

    @Test
    void letsTheMajorityWinAndRejectsTheMinorityWhenEvidenceConflicts() throws Exception {
        TimestampColumnProfile profile = TimestampColumnProfile.decide(
                List.of("25/03/2024", "13/01/2024", "31/12/2024", "03/25/2024", "01/02/2024"), SOLD_AT);

        assertThat(profile.order()).isEqualTo(DayMonthOrder.DAY_FIRST);
        assertThat(profile.dayFirstValues()).isEqualTo(3);
        assertThat(profile.monthFirstValues()).isEqualTo(1);
        assertThat(profile.isInconsistent()).isTrue();
        assertThat(profile).hasToString("column sold_at: day-first (decided by the sample; "
                + "3 day-first and 1 month-first values)");
        assertThat(profile.parser().parse("25/03/2024")).isEqualTo("2024-03-25T00:00:00Z");
        assertThatThrownBy(() -> profile.parser().parse("03/25/2024"))
                .isInstanceOf(ValueParseException.class)
                .hasMessage("value '03/25/2024' contradicts the day-first order decided for column sold_at");
    }

    @Test
    void fallsBackToTheDefaultWhenConflictingEvidenceIsTied() {
        TimestampColumnProfile profile = TimestampColumnProfile.decide(
                List.of("25/03/2024", "03/25/2024"), SOLD_AT);

        assertThat(profile.order()).isEqualTo(DayMonthOrder.MONTH_FIRST);
        assertThat(profile.isInconsistent()).isTrue();
    }

    @Test
    void keepsAPinnedOrderAgainstTheEvidence() throws Exception {
        TimestampColumnProfile profile = TimestampColumnProfile.decide(
                List.of("03/25/2024", "12/31/2024"), SOLD_AT.withPinnedOrder(DayMonthOrder.DAY_FIRST));

        assertThat(profile.order()).isEqualTo(DayMonthOrder.DAY_FIRST);
        assertThat(profile.isInconsistent()).isTrue();
        assertThat(profile.toString()).contains("pinned by the contract");
        assertThat(profile.parser().parse("03/04/2024")).isEqualTo("2024-04-03T00:00:00Z");
    }

    @Test
    void takesNoEvidenceFromFormsWhoseOrderIsFixed() {
        TimestampColumnProfile profile = TimestampColumnProfile.decide(
                List.of("25.03.2024", "2024-03-25", "Mar 25, 2024", "25 Mar 2024", "20240325", "1710498153"),
                SOLD_AT);

        assertThat(profile.dayFirstValues()).isZero();
        assertThat(profile.monthFirstValues()).isZero();
        assertThat(profile.order()).isEqualTo(DayMonthOrder.MONTH_FIRST);
    }

    @Test
    void skipsNullBlankAndUnreadableSampleValues() {
        TimestampColumnProfile profile = TimestampColumnProfile.decide(
                Arrays.asList(null, "", "  ", "n/a", "31/31/2024", "13/13/2024", "25/03/202", "25/03/2024"), SOLD_AT);

        assertThat(profile.dayFirstValues()).isEqualTo(1);
        assertThat(profile.monthFirstValues()).isZero();
        assertThat(profile.order()).isEqualTo(DayMonthOrder.DAY_FIRST);
    }

    @Test
    void countsDatesWithTwoDigitYearsAsEvidence() throws Exception {
        TimestampColumnProfile profile = TimestampColumnProfile.decide(List.of("25/03/24", "03/04/24"), SOLD_AT);

        assertThat(profile.dayFirstValues()).isEqualTo(1);
        assertThat(profile.order()).isEqualTo(DayMonthOrder.DAY_FIRST);
        assertThat(profile.parser().parse("03/04/24")).isEqualTo("2024-04-03T00:00:00Z");
    }

    @Test
    void appliesTheColumnsPivotToTheSample() {
        // 29/02/00 is a date in 2000 but not in 1900, which was no leap year
        TimestampColumnProfile spreadsheet = TimestampColumnProfile.decide(List.of("29/02/00"), SOLD_AT);
        TimestampColumnProfile pivot1950 = TimestampColumnProfile.decide(List.of("29/02/00"),
                SOLD_AT.withTwoDigitYearPivot(1950));

        assertThat(spreadsheet.dayFirstValues()).isEqualTo(1);
        assertThat(pivot1950.dayFirstValues()).isZero();
    }

    @Test
    void decidesTheOrderOfDottedDatesApartFromSlashedOnes() throws Exception {
        TimestampColumnProfile profile = TimestampColumnProfile.decide(
                List.of("08.21.71", "03.31.2014", "25/03/2024", "01.02.2024"), SOLD_AT);

        assertThat(profile.order()).isEqualTo(DayMonthOrder.DAY_FIRST);
        assertThat(profile.dottedOrder()).isEqualTo(DayMonthOrder.MONTH_FIRST);
        assertThat(profile.isInconsistent()).isFalse();
        assertThat(profile).hasToString("column sold_at: day-first (decided by the sample; 1 day-first and "
                + "0 month-first values); dotted dates month-first (0 day-first and 2 month-first values)");
        assertThat(profile.parser().parse("01.02.2024")).isEqualTo("2024-01-02T00:00:00Z");
        assertThat(profile.parser().parse("01/02/2024")).isEqualTo("2024-02-01T00:00:00Z");
    }

    @Test
    void keepsDottedDatesDayFirstWithoutEvidenceOrWhenTheSampleIsTied() {
        TimestampColumnProfile none = TimestampColumnProfile.decide(List.of("03/25/2024", "01.02.2024"), SOLD_AT);
        TimestampColumnProfile tied = TimestampColumnProfile.decide(List.of("08.21.71", "21.08.71"), SOLD_AT);

        assertThat(none.order()).isEqualTo(DayMonthOrder.MONTH_FIRST);
        assertThat(none.dottedOrder()).isEqualTo(DayMonthOrder.DAY_FIRST);
        assertThat(tied.dottedOrder()).isEqualTo(DayMonthOrder.DAY_FIRST);
        assertThat(tied.isInconsistent()).isTrue();
    }

    @Test
    void keepsDottedDatesDayFirstWhenTheContractPinsTheOrder() {
        TimestampColumnProfile profile = TimestampColumnProfile.decide(List.of("08.21.71"),
                SOLD_AT.withPinnedOrder(DayMonthOrder.MONTH_FIRST));

        assertThat(profile.dottedOrder()).isEqualTo(DayMonthOrder.DAY_FIRST);
        assertThatThrownBy(() -> profile.parser().parse("08.21.71"))
                .hasMessage("value '08.21.71' contradicts the day-first order decided for dotted dates in column sold_at");
    }

    @Test
    void countsOnlyReadingsThatAreRealDates() {
        // 30/02 is neither 30 February nor month 30; 02/30 is no date either way
        TimestampColumnProfile profile = TimestampColumnProfile.decide(
                List.of("30/02/2024", "02/30/2024", "29/02/2023"), SOLD_AT);

        assertThat(profile.dayFirstValues()).isZero();
        assertThat(profile.monthFirstValues()).isZero();
    }

    @Test
    void rejectsLaterValuesThatContradictADefaultDecision() {
        TimestampColumnProfile profile = TimestampColumnProfile.decide(List.of("03/04/2024"), SOLD_AT);

        assertThatThrownBy(() -> profile.parser().parse("28/02/2024"))
                .hasMessage("value '28/02/2024' contradicts the month-first order decided for column sold_at");
    }

    @Test
    void readsOnlyThePinnedPatternsWhenTheContractPinsThem() throws Exception {
        TimestampParser parser = TimestampColumnProfile.decide(List.of(),
                SOLD_AT.withPinnedPatterns(List.of("dd/MM/yy HH:mm", "yyyy-MM-dd'T'HH:mm:ssXXX"))).parser();

        assertThat(parser.parse("15/03/24 10:22")).isEqualTo("2024-03-15T10:22:00Z");
        assertThat(parser.parse("2024-03-15T10:22:33+02:00")).isEqualTo("2024-03-15T08:22:33Z");
        assertThatThrownBy(() -> parser.parse("2024-03-15 10:22:33"))
                .hasMessage("cannot parse timestamp '2024-03-15 10:22:33' for column sold_at: "
                        + "matches none of the column's pinned patterns");
    }

    @Test
    void resolvesPinnedPatternsStrictly() {
        TimestampParser parser = TimestampColumnProfile.decide(List.of(),
                SOLD_AT.withPinnedPatterns(List.of("uuuu-MM-dd"))).parser();

        assertThatThrownBy(() -> parser.parse("2023-02-29"))
                .hasMessage("cannot parse timestamp '2023-02-29' for column sold_at: "
                        + "Invalid date 'February 29' as '2023' is not a leap year");
    }

    @Test
    void readsPinnedPatternsWithMonthNamesAndTheDefaultZone() throws Exception {
        TimestampParser parser = TimestampColumnProfile.decide(List.of(), SOLD_AT
                .withDefaultZone(java.time.ZoneId.of("Europe/Paris"))
                .withPinnedPatterns(List.of("d MMM yyyy h:mm a", "dd.MM.yyyy"))).parser();

        assertThat(parser.parse("15 mar 2024 3:04 pm")).isEqualTo("2024-03-15T14:04:00Z");
        assertThat(parser.parse("15.03.2024")).isEqualTo("2024-03-14T23:00:00Z");
    }

    @Test
    void refusesAnInvalidPinnedPatternWhenTheOptionsAreMade() {
        assertThatThrownBy(() -> SOLD_AT.withPinnedPatterns(List.of("yyyy-MM-dd {oops}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checksPlausibilityOfPinnedPatternValuesToo() {
        TimestampParser parser = TimestampColumnProfile.decide(List.of(), SOLD_AT
                .withPinnedPatterns(List.of("dd/MM/yyyy"))
                .withPlausibleRange(Instant.EPOCH, Instant.parse("2026-11-28T00:00:00Z"))).parser();

        assertThatThrownBy(() -> parser.parse("01/01/2091")).hasMessageStartingWith("implausible timestamp");
    }

    @Test
    void notesNoDayMonthOrderForAColumnWhoseValuesHaveNone() {
        TimestampColumnProfile iso = TimestampColumnProfile.decide(
                List.of("2024-03-15 10:22:00", "2024-03-16T08:00:00Z", "15 Mar 2024", "1710498120"), SOLD_AT);

        assertThat(iso.note()).isEqualTo("no dates in day/month order in the sample (year-first, epoch or named-month forms)");
    }

    @Test
    void notesTheOrderAndWhatDecidedIt() {
        assertThat(TimestampColumnProfile.decide(List.of("25/03/2024", "03/04/2024"), SOLD_AT).note())
                .isEqualTo("day-first dates (decided by 1 of 2 sample values)");
        assertThat(TimestampColumnProfile.decide(List.of("03/04/2024", "01/02/2024"), SOLD_AT).note())
                .isEqualTo("month-first dates (the default: 2 sample values read either way)");
        assertThat(TimestampColumnProfile.decide(List.of("15.03.2024"), SOLD_AT).note())
                .isEqualTo("dotted dates day-first (decided by 1 of 1 sample values)");
        assertThat(TimestampColumnProfile.decide(List.of("2024-03-15"), SOLD_AT.withPinnedOrder(DayMonthOrder.DAY_FIRST)).note())
                .isEqualTo("day-first dates (pinned by the contract)");
    }
}
