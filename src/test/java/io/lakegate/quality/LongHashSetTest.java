package io.lakegate.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LongHashSetTest {

    @TempDir
    Path spill;

    @Test
    void findsEveryRepeatedKeyAndNoOtherBeforeAndAfterMovingToDisk() throws Exception {
        try (LongHashSet set = new LongHashSet(1 << 17, spill)) {
            SplittableRandom random = new SplittableRandom(7);
            long[] keys = new long[400_000];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = random.nextLong();
                assertThat(set.add(keys[i])).isTrue();
            }
            assertThat(set.spilled()).isTrue();
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
        try (LongHashSet set = new LongHashSet(1 << 20, spill)) {
            for (long key = 1; key <= 10_000; key++) {
                set.add(key);
            }
            assertThat(set.spilled()).isFalse();
        }
    }
}
