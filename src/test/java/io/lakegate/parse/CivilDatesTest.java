package io.lakegate.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CivilDatesTest {

    @Test
    void agreesWithLocalDateOnEveryDayFromYear1ToYear9999() {
        for (LocalDate date = LocalDate.of(1, 1, 1); date.getYear() < 10_000; date = date.plusDays(1)) {
            long epochDay = CivilDates.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth());
            if (epochDay != date.toEpochDay() || CivilDates.dayOfWeek(epochDay) != date.getDayOfWeek().getValue()
                    || CivilDates.daysInMonth(date.getYear(), date.getMonthValue()) != date.lengthOfMonth()) {
                throw new AssertionError("disagrees with java.time on " + date);
            }
        }
    }

    @Test
    void knowsWhichDatesExist() {
        assertThat(CivilDates.isValid(2024, 2, 29)).isTrue();
        assertThat(CivilDates.isValid(2023, 2, 29)).isFalse();
        assertThat(CivilDates.isValid(1900, 2, 29)).isFalse();
        assertThat(CivilDates.isValid(2000, 2, 29)).isTrue();
        assertThat(CivilDates.isValid(2024, 4, 31)).isFalse();
        assertThat(CivilDates.isValid(2024, 13, 1)).isFalse();
        assertThat(CivilDates.isValid(2024, 0, 1)).isFalse();
        assertThat(CivilDates.isValid(2024, 1, 0)).isFalse();
    }
}
