package io.lakegate.gold;

import static io.lakegate.gold.Sale.sale;
import static io.lakegate.gold.Sale.writePart;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.parquet.ColumnType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactionGroupsTest {

    private static final long MEMORY = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void filesThatShareADayAreOneGroupAndGroupsComeInDayOrder() throws Exception {
        List<Path> files = List.of(
                writePart(dir.resolve("a.parquet"), sale("A", "1.00").soldAt("2024-03-03T10:00:00Z")),
                writePart(dir.resolve("b.parquet"), sale("B", "1.00").soldAt("2024-03-01T10:00:00Z")),
                writePart(dir.resolve("c.parquet"), sale("C", "1.00").soldAt("2024-03-01T11:00:00Z")),
                // One file over two days joins the groups of both.
                writePart(dir.resolve("d.parquet"), sale("D", "1.00").soldAt("2024-03-03T12:00:00Z"),
                        sale("E", "1.00").soldAt("2024-03-04T12:00:00Z").line(3)),
                writePart(dir.resolve("e.parquet"), sale("F", "1.00").soldAt("2024-03-04T13:00:00Z")),
                writePart(dir.resolve("f.parquet"), sale("G", "1.00").soldAt("2024-03-02T13:00:00Z")));

        CompactionGroups groups = groupsOf(files, 100);

        assertThat(groups.filesOfGroup()).containsExactly(List.of(1, 2), List.of(5), List.of(0, 3, 4));
        assertThat(groups.repeatedKeys().isEmpty()).isTrue();
        assertThat(groups.crossGroupKeys().isEmpty()).isTrue();
    }

    @Test
    void findsKeysWithSeveralRowsAndThoseInSeveralGroups() throws Exception {
        List<Path> files = List.of(
                writePart(dir.resolve("march-1.parquet"), sale("TWICE", "1.00").soldAt("2024-03-01T10:00:00Z"),
                        sale("TWICE", "2.00").soldAt("2024-03-01T11:00:00Z").line(3),
                        sale("MOVED", "1.00").soldAt("2024-03-01T12:00:00Z").line(4),
                        sale("ONCE", "1.00").soldAt("2024-03-01T13:00:00Z").line(5)),
                writePart(dir.resolve("march-2.parquet"), sale("MOVED", "1.50").soldAt("2024-03-02T10:00:00Z")),
                writePart(dir.resolve("march-3.parquet"), sale("OTHER", "1.00").soldAt("2024-03-03T10:00:00Z")));

        CompactionGroups groups = groupsOf(files, 100);

        assertThat(groups.filesOfGroup()).containsExactly(List.of(0), List.of(1), List.of(2));
        assertThat(List.of(groups.holdsCrossGroupKeys(0), groups.holdsCrossGroupKeys(1), groups.holdsCrossGroupKeys(2)))
                .as("only the files with a key in several groups are read again for its winner")
                .containsExactly(true, true, false);
        assertThat(groups.repeatedKeys().contains(hash("TWICE"))).isTrue();
        assertThat(groups.repeatedKeys().contains(hash("MOVED"))).isTrue();
        assertThat(groups.repeatedKeys().contains(hash("ONCE"))).isFalse();
        assertThat(groups.crossGroupKeys().contains(hash("MOVED"))).isTrue();
        assertThat(groups.crossGroupKeys().contains(hash("TWICE"))).isFalse();
    }

    @Test
    void mergesTheGroupsThatShareTheMostKeysFirstUntilTheKeysInSeveralGroupsFit() throws Exception {
        List<Path> files = List.of(
                writePart(dir.resolve("march-1.parquet"), sale("K1", "1.00").soldAt("2024-03-01T10:00:00Z"),
                        sale("K2", "1.00").soldAt("2024-03-01T11:00:00Z").line(3)),
                writePart(dir.resolve("march-2.parquet"), sale("K1", "1.00").soldAt("2024-03-02T10:00:00Z"),
                        sale("K2", "1.00").soldAt("2024-03-02T11:00:00Z").line(3)),
                writePart(dir.resolve("march-3.parquet"), sale("K9", "1.00").soldAt("2024-03-03T10:00:00Z"),
                        sale("K3", "1.00").soldAt("2024-03-03T11:00:00Z").line(3)),
                writePart(dir.resolve("march-4.parquet"), sale("K3", "1.00").soldAt("2024-03-04T10:00:00Z")));

        // Three keys cross groups, one may: March 1 and 2 share two of them and merge; K3 still crosses.
        CompactionGroups groups = groupsOf(files, 1);

        assertThat(groups.filesOfGroup()).containsExactly(List.of(0, 1), List.of(2), List.of(3));
        assertThat(groups.crossGroupKeys().contains(hash("K1"))).isFalse();
        assertThat(groups.crossGroupKeys().contains(hash("K2"))).isFalse();
        assertThat(groups.crossGroupKeys().contains(hash("K3"))).isTrue();
        assertThat(groups.repeatedKeys().contains(hash("K1"))).isTrue();

        assertThat(groupsOf(files, 0).filesOfGroup()).containsExactly(List.of(0, 1), List.of(2, 3));
    }

    @Test
    void takesOneGroupAndSortsEveryRowWhenTheKeysDoNotFitItsMemory() throws Exception {
        List<Path> files = List.of(
                writePart(dir.resolve("march-1.parquet"), sale("K1", "1.00").soldAt("2024-03-01T10:00:00Z")),
                writePart(dir.resolve("march-2.parquet"), sale("K2", "1.00").soldAt("2024-03-02T10:00:00Z")));

        CompactionGroups groups = CompactionGroups.of(files, "transaction_id", ColumnType.STRING, "sold_at", 8, 100, 100,
                Runnable::run, () -> { }, 1024);

        assertThat(groups.filesOfGroup()).containsExactly(List.of(0, 1));
        assertThat(groups.repeatedKeys().contains(hash("K1"))).isTrue();
        assertThat(groups.repeatedKeys().size()).isEqualTo(-1);
    }

    private static CompactionGroups groupsOf(List<Path> files, int crossKeyLimit) throws Exception {
        return CompactionGroups.of(files, "transaction_id", ColumnType.STRING, "sold_at", MEMORY, crossKeyLimit, 1000,
                Runnable::run, () -> { }, 1024);
    }

    private static long hash(String key) {
        return KeyHash.of(sale(key, "1.00"), 0, ColumnType.STRING);
    }
}
