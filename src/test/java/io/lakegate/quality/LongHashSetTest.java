package io.lakegate.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.quality.LongHashSet.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LongHashSetTest {

    @TempDir
    Path spill;

    @Test
    void findsEveryRepeatedKeyAndNoOtherWhileMovingFromHeapToMemoryToDisk() throws Exception {
        try (LongHashSet set = new LongHashSet(1 << 17, 1 << 18, spill)) {
            SplittableRandom random = new SplittableRandom(7);
            long[] keys = new long[400_000];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = random.nextLong();
                assertThat(set.add(keys[i])).isTrue();
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
            for (long key : keys) {
                assertThat(set.add(key)).isFalse();
            }
            assertThat(set.add(0)).isTrue();
            assertThat(set.add(0)).isFalse();
        }
        try (var files = Files.list(spill)) {
            assertThat(files.count()).as("the mapped table is removed on close").isZero();
        }
    }

    @Test
    void staysInTheHeapWhileSmall() {
        try (LongHashSet set = new LongHashSet(1 << 20, 1 << 21, spill)) {
            for (long key = 1; key <= 10_000; key++) {
                set.add(key);
            }
            assertThat(set.storage()).isEqualTo(Storage.HEAP);
        }
    }

    @Test
    void aTableReservedForAMillionKeysStartsOutsideTheHeapAndFindsRepeats() {
        try (LongHashSet set = new LongHashSet(1 << 16, 1 << 22, spill)) {
            set.reserve(1_000_000);
            assertThat(set.storage()).as("a million keys need 2M slots, beyond the heap's share").isEqualTo(Storage.MEMORY);
            for (long key = 1; key <= 1_000_000; key++) {
                assertThat(set.add(key * 31)).isTrue();
            }
            assertThat(set.add(31 * 500_000)).isFalse();
            assertThat(set.add(7)).isTrue();
        }
    }
}
