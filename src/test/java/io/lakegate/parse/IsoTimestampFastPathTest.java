package io.lakegate.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimestampFastPathTest {

    private static final WallClockZone UTC = new WallClockZone(ZoneOffset.UTC);

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-15T10:22:33Z", "2024-03-15T10:22:33.1Z", "2024-03-15T10:22:33.123456Z",
        "2024-03-15T10:22:33.123456789Z", "2024-03-15T10:22:33+02:00", "2024-03-15T10:22:33-11:30",
        "1999-12-31T23:59:59+18:00", "2000-02-29T00:00:00-18:00", "1900-01-01T00:00:00Z",
        "2024-03-15T10:22Z", "0001-01-01T00:00:00Z"})
    void agreesWithJavaTimeOnValuesWithAnOffset(String value) {
        OffsetDateTime expected = OffsetDateTime.parse(value);

        assertThat(IsoTimestampFastPath.toEpochMicros(value, UTC))
                .isEqualTo(expected.toEpochSecond() * 1_000_000 + expected.getNano() / 1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-15T10:22:33", "2024-03-31T02:30:00", "2024-10-27T02:30:00",
        "2024-10-27T03:30:00", "2024-07-01T12:00:00.5", "1970-01-01T00:00:00"})
    void agreesWithJavaTimeOnLocalTimesInTheDefaultZone(String value) {
        ZoneId paris = ZoneId.of("Europe/Paris");
        var expected = LocalDateTime.parse(value).atZone(paris);

        assertThat(IsoTimestampFastPath.toEpochMicros(value, new WallClockZone(paris)))
                .isEqualTo(expected.toEpochSecond() * 1_000_000 + expected.getNano() / 1000);
        assertThat(IsoTimestampFastPath.toEpochMicros(value.replace('T', ' '), new WallClockZone(paris)))
                .isEqualTo(expected.toEpochSecond() * 1_000_000 + expected.getNano() / 1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-15", "2024-02-29", "1970-01-01"})
    void readsADateAloneAsTheStartOfItsDay(String value) {
        assertThat(IsoTimestampFastPath.toEpochMicros(value, UTC))
                .isEqualTo(LocalDate.parse(value).toEpochDay() * 86_400_000_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-03-15T24:00:00Z",
        "2024-03-15T10:60:00Z", "2024-03-15T10:22:60Z", "2024-03-15T10:22:33.Z", "2024-03-15T10:22:33.1234567891Z",
        "2024-03-15T10:22:33+19:00", "2024-03-15T10:22:33+02:0", "2024-03-15T10:22:33 +02:00",
        "2024-03-15T10:22:33[Europe/Paris]", "2024-3-15", "2024/03/15", "24-03-15", " 2024-03-15",
        "2024-03-15T1:22", "2024-03-15T10:22:33Zulu", "15/03/2024", "2024-03-15x"})
    void leavesEverythingElseToTheGeneralReader(String value) {
        assertThat(IsoTimestampFastPath.toEpochMicros(value, UTC)).isEqualTo(IsoTimestampFastPath.NO_MATCH);
    }
}
