package io.lakegate.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WallClockZoneTest {

    /** Every quarter hour over two years, crossing each zone's transitions, in order and shuffled. */
    @ParameterizedTest
    @ValueSource(strings = {"Europe/Paris", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe",
        "Asia/Kolkata", "UTC", "America/Sao_Paulo"})
    void agreesWithJavaTimeAcrossDaylightSavingTransitions(String zoneId) {
        ZoneId zone = ZoneId.of(zoneId);
        long start = LocalDateTime.parse("2023-01-01T00:00").toEpochSecond(ZoneOffset.UTC);
        List<Long> wallClockSeconds = new ArrayList<>();
        for (long second = start; second < start + 2 * 366 * 86_400L; second += 900) {
            wallClockSeconds.add(second);
        }
        assertAgreement(new WallClockZone(zone), zone, wallClockSeconds);
        Collections.shuffle(wallClockSeconds, new Random(42));
        assertAgreement(new WallClockZone(zone), zone, wallClockSeconds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Paris", "America/Sao_Paulo"})
    void agreesWithJavaTimeOnHistoricalDates(String zoneId) {
        ZoneId zone = ZoneId.of(zoneId);
        long start = LocalDateTime.parse("1890-01-01T00:00").toEpochSecond(ZoneOffset.UTC);
        List<Long> wallClockSeconds = new ArrayList<>();
        for (long second = start; second < start + 150 * 365 * 86_400L; second += 3 * 3_600 + 17) {
            wallClockSeconds.add(second);
        }
        assertAgreement(new WallClockZone(zone), zone, wallClockSeconds);
    }

    @Test
    void staysCorrectWhenThreadsShareIt() throws Exception {
        ZoneId zone = ZoneId.of("Europe/Paris");
        WallClockZone shared = new WallClockZone(zone);
        long start = LocalDateTime.parse("2024-01-01T00:00").toEpochSecond(ZoneOffset.UTC);
        List<Long> wallClockSeconds = new ArrayList<>();
        for (long second = start; second < start + 366 * 86_400L; second += 600) {
            wallClockSeconds.add(second);
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int seed = 0; seed < 4; seed++) {
                List<Long> shuffled = new ArrayList<>(wallClockSeconds);
                Collections.shuffle(shuffled, new Random(seed));
                runs.add(threads.submit(() -> assertAgreement(shared, zone, shuffled)));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            threads.shutdown();
        }
    }

    private static void assertAgreement(WallClockZone wallClock, ZoneId zone, List<Long> wallClockSeconds) {
        for (long second : wallClockSeconds) {
            long expected = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC).atZone(zone).toEpochSecond();
            assertThat(wallClock.toEpochSecond(second))
                    .as("%s in %s", LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC), zone)
                    .isEqualTo(expected);
        }
    }
}
