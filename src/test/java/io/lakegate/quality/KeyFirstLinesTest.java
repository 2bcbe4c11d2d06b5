package io.lakegate.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.quality.KeyFirstLines.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFirstLinesTest {

    @TempDir
    Path spill;

    @Test
    void findsEveryRepeatedKeyAndNoOtherWhileMovingFromHeapToMemoryToDisk() throws Exception {
        try (KeyFirstLines set = new KeyFirstLines(1 << 17, 1 << 18, spill)) {
            SplittableRandom random = new SplittableRandom(7);
            long[] keys = new long[400_000];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = random.nextLong();
                assertThat(set.add(keys[i], i + 2)).isEqualTo(KeyFirstLines.ADDED);
                if (i == 80_000) {
                    assertThat(set.storage()).isEqualTo(Storage.HEAP);
                } else if (i == 150_000) {
                    assertThat(set.storage()).isEqualTo(Storage.MEMORY);
                }
            }
            assertThat(set.storage()).isEqualTo(Storage.FILE);
            try (var files = Files.list(spill)) {
                assertThat(files.count()).isEqualTo(1);
            }
            for (int i = 0; i < keys.length; i++) {
                assertThat(set.add(keys[i], 1_000_000)).as("the line it was first seen on").isEqualTo(i + 2);
            }
            assertThat(set.add(0, 5)).isEqualTo(KeyFirstLines.ADDED);
            assertThat(set.add(0, 9)).isEqualTo(5);
        }
        try (var files = Files.list(spill)) {
            assertThat(files.count()).as("the mapped table is removed on close").isZero();
        }
    }

    @Test
    void staysInTheHeapWhileSmall() {
        try (KeyFirstLines set = new KeyFirstLines(1 << 20, 1 << 21, spill)) {
            for (long key = 1; key <= 10_000; key++) {
                set.add(key, key);
            }
            assertThat(set.storage()).isEqualTo(Storage.HEAP);
        }
    }

    @Test
    void aTableReservedForAMillionKeysStartsOutsideTheHeapAndFindsRepeats() {
        try (KeyFirstLines set = new KeyFirstLines(1 << 16, 1 << 22, spill)) {
            set.reserve(1_000_000);
            assertThat(set.storage()).as("a million keys need 2M slots, beyond the heap's share").isEqualTo(Storage.MEMORY);
            for (long key = 1; key <= 1_000_000; key++) {
                assertThat(set.add(key * 31, key + 1)).isEqualTo(KeyFirstLines.ADDED);
            }
            assertThat(set.add(31 * 500_000, 2_000_000)).isEqualTo(500_001);
            assertThat(set.add(7, 2_000_001)).isEqualTo(KeyFirstLines.ADDED);
        }
    }

    @Test
    void aKeyFirstSeenPastTheLinesAnIntHoldsIsStillFoundWithoutItsLine() {
        try (KeyFirstLines set = new KeyFirstLines(1 << 16, 1 << 17, spill)) {
            assertThat(set.add(42, 3_000_000_000L)).isEqualTo(KeyFirstLines.ADDED);
            assertThat(set.add(42, 3_000_000_001L)).isEqualTo(KeyFirstLines.LINE_NOT_RECORDED);
        }
    }
}
