package io.lakegate.gold;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetPartReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Splits a compaction's input files into groups that can be compacted on their own, so that groups run at once on
 * several cores and a group's rows usually fit in memory. Files that share a partition day are in one group, so each
 * day is written by exactly one group.
 * <p>
 * A key can still have rows in two groups: a transaction corrected onto another day. One pass over the key column
 * of every file finds such keys by a 44-bit hash of the key (a false match only sends a key down the exact path),
 * and the files that hold them; {@link CrossGroupWinners} then reads those files again to pick their winner across
 * groups. When those keys are more than the limit allows holding, the groups they link are merged instead, down to a
 * single group. The same pass finds the keys that have more than one row at all: only their rows need sorting by key
 * to find the latest.
 */
final class CompactionGroups {

    /** Low bits of a packed (hash, file) entry: up to a million files in one compaction. */
    private static final int FILE_BITS = 20;
    private static final long FILE_MASK = (1L << FILE_BITS) - 1;

    private final List<List<Integer>> filesOfGroup;
    private final int[] groupOfFile;
    private final KeyHashSet repeatedKeys;
    private final KeyHashSet crossGroupKeys;
    private final boolean[] holdsCrossGroupKeys;

    private CompactionGroups(List<List<Integer>> filesOfGroup, KeyHashSet repeatedKeys, KeyHashSet crossGroupKeys,
            boolean[] holdsCrossGroupKeys) {
        this.filesOfGroup = filesOfGroup;
        this.groupOfFile = new int[filesOfGroup.stream().mapToInt(List::size).sum()];
        for (int group = 0; group < filesOfGroup.size(); group++) {
            for (int file : filesOfGroup.get(group)) {
                groupOfFile[file] = group;
            }
        }
        this.repeatedKeys = repeatedKeys;
        this.crossGroupKeys = crossGroupKeys;
        this.holdsCrossGroupKeys = holdsCrossGroupKeys;
    }

    /**
     * @param memoryBytes   heap the key pass may take (8 bytes a row); with more rows than that, one group
     * @param crossKeyLimit how many keys with rows in several groups the caller can hold; beyond it groups merge
     * @param repeatedLimit how many keys with more than one row to list; beyond it, every key counts as repeated
     * @param heartbeat     called every {@code heartbeatRows} rows
     */
    static CompactionGroups of(List<Path> files, String keyColumn, ColumnType keyType, String eventTimeColumn,
            long memoryBytes, int crossKeyLimit, int repeatedLimit, Executor workers, Runnable heartbeat,
            int heartbeatRows) throws IOException {
        long maxRows = Math.max(1, memoryBytes / Long.BYTES);
        AtomicLong reserved = new AtomicLong();
        List<FileKeys> keysOfFile = EachFile.map(files, workers,
                (index, file) -> FileKeys.read(file, keyColumn, keyType, eventTimeColumn, reserved, maxRows, heartbeat,
                        heartbeatRows));
        if (keysOfFile.contains(null) || files.size() > FILE_MASK) {
            return single(files.size());
        }
        DaySets days = new DaySets(files.size());
        for (int file = 0; file < files.size(); file++) {
            for (int day : keysOfFile.get(file).days) {
                days.add(file, day);
            }
        }
        int[] groupOfFile = days.groupOfEachFile();
        long[] packed = new long[keysOfFile.stream().mapToInt(keys -> keys.hashes.length).sum()];
        int rows = 0;
        for (int file = 0; file < files.size(); file++) {
            for (long hash : keysOfFile.get(file).hashes) {
                packed[rows++] = hash << FILE_BITS | file;
            }
            keysOfFile.set(file, null);
        }
        Arrays.parallelSort(packed);
        int groups = 1 + Arrays.stream(groupOfFile).max().orElse(0);
        UnionFind merged = new UnionFind(groups);
        long[] repeated = repeatedHashes(packed, repeatedLimit);
        boolean[] holdsCross = new boolean[files.size()];
        long[] cross = crossGroupHashes(packed, groupOfFile, merged, holdsCross);
        if (cross.length > crossKeyLimit) {
            mergeLinkedGroups(packed, groupOfFile, merged, cross.length - crossKeyLimit);
            holdsCross = new boolean[files.size()];
            cross = crossGroupHashes(packed, groupOfFile, merged, holdsCross);
            if (cross.length > crossKeyLimit) {
                return single(files.size());
            }
        }
        return new CompactionGroups(filesByGroup(groupOfFile, merged, days, files.size()),
                repeated == null ? KeyHashSet.ALL : KeyHashSet.of(repeated), KeyHashSet.of(cross), holdsCross);
    }

    /** The files of each group, groups in the order of their first day. */
    List<List<Integer>> filesOfGroup() {
        return filesOfGroup;
    }

    /** The group the file at this index of the files given is in. */
    int groupOf(int file) {
        return groupOfFile[file];
    }

    /**
     * The keys (by {@link KeyHash}) that may have more than one row among all the files; a row of any other key is
     * its key's only row, and wins it without a sort.
     */
    KeyHashSet repeatedKeys() {
        return repeatedKeys;
    }

    /** The keys (by {@link KeyHash}) that may have rows in more than one group. */
    KeyHashSet crossGroupKeys() {
        return crossGroupKeys;
    }

    /** Whether the file at this index has a row of a {@link #crossGroupKeys() key that may be in several groups}. */
    boolean holdsCrossGroupKeys(int file) {
        return holdsCrossGroupKeys[file];
    }

    private static CompactionGroups single(int files) {
        List<Integer> all = new ArrayList<>();
        for (int file = 0; file < files; file++) {
            all.add(file);
        }
        return new CompactionGroups(List.of(all), KeyHashSet.ALL, KeyHashSet.EMPTY, new boolean[files]);
    }

    /** Hashes that more than one entry has; null when they are more than {@code limit}. */
    private static long[] repeatedHashes(long[] packed, int limit) {
        LongList repeated = new LongList();
        for (int i = 1; i < packed.length; i++) {
            long hash = packed[i] >>> FILE_BITS;
            boolean firstRepeat = hash == packed[i - 1] >>> FILE_BITS && (i == 1 || hash != packed[i - 2] >>> FILE_BITS);
            if (firstRepeat) {
                if (repeated.size() == limit) {
                    return null;
                }
                repeated.add(hash);
            }
        }
        return repeated.toArray();
    }

    /**
     * Hashes whose entries, sorted, are in files of more than one group once groups are merged as {@code merged}
     * says; marks the files that hold them in {@code holders}.
     */
    private static long[] crossGroupHashes(long[] packed, int[] groupOfFile, UnionFind merged, boolean[] holders) {
        LongList cross = new LongList();
        int start = 0;
        while (start < packed.length) {
            long hash = packed[start] >>> FILE_BITS;
            int group = merged.find(groupOfFile[(int) (packed[start] & FILE_MASK)]);
            boolean crosses = false;
            int end = start + 1;
            while (end < packed.length && packed[end] >>> FILE_BITS == hash) {
                crosses |= merged.find(groupOfFile[(int) (packed[end] & FILE_MASK)]) != group;
                end++;
            }
            if (crosses) {
                cross.add(hash);
                for (int i = start; i < end; i++) {
                    holders[(int) (packed[i] & FILE_MASK)] = true;
                }
            }
            start = end;
        }
        return cross.toArray();
    }

    /** Merges the pairs of groups that share the most keys first, until about {@code excess} keys no longer cross. */
    private static void mergeLinkedGroups(long[] packed, int[] groupOfFile, UnionFind merged, long excess) {
        Map<Long, Long> sharedKeys = new HashMap<>();
        for (int i = 1; i < packed.length; i++) {
            long a = groupOfFile[(int) (packed[i - 1] & FILE_MASK)];
            long b = groupOfFile[(int) (packed[i] & FILE_MASK)];
            if (packed[i - 1] >>> FILE_BITS == packed[i] >>> FILE_BITS && a != b) {
                sharedKeys.merge(Math.min(a, b) << 32 | Math.max(a, b), 1L, Long::sum);
            }
        }
        List<Map.Entry<Long, Long>> links = new ArrayList<>(sharedKeys.entrySet());
        links.sort(Map.Entry.<Long, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry::getKey));
        long removed = 0;
        for (Map.Entry<Long, Long> link : links) {
            if (removed >= excess) {
                break;
            }
            if (merged.union((int) (link.getKey() >>> 32), (int) (link.getKey() & 0xFFFFFFFFL))) {
                removed += link.getValue();
            }
        }
    }

    private static List<List<Integer>> filesByGroup(int[] groupOfFile, UnionFind merged, DaySets days, int files) {
        Map<Integer, List<Integer>> byFirstDay = new TreeMap<>();
        Map<Integer, Integer> firstDayOfRoot = new HashMap<>();
        for (int file = 0; file < files; file++) {
            firstDayOfRoot.merge(merged.find(groupOfFile[file]), days.firstDay(file), Math::min);
        }
        for (int file = 0; file < files; file++) {
            byFirstDay.computeIfAbsent(firstDayOfRoot.get(merged.find(groupOfFile[file])), d -> new ArrayList<>()).add(file);
        }
        return List.copyOf(byFirstDay.values());
    }

    /** The key hashes of a file's rows, and the days they fall on. */
    private record FileKeys(long[] hashes, int[] days) {

        /** Null when the rows of all files would take more than {@code maxRows} hashes. */
        static FileKeys read(Path file, String keyColumn, ColumnType keyType, String eventTimeColumn, AtomicLong reserved,
                long maxRows, Runnable heartbeat, int heartbeatRows) throws IOException {
            try (ParquetPartReader reader = ParquetPartReader.open(file, List.of(keyColumn, eventTimeColumn))) {
                long fileRows = reader.rowCount();
                if (reserved.addAndGet(fileRows) > maxRows) {
                    return null;
                }
                long[] hashes = new long[Math.toIntExact(fileRows)];
                int rows = 0;
                Set<Integer> days = new TreeSet<>();
                int lastDay = Integer.MIN_VALUE;
                while (reader.next()) {
                    if (reader.isNull(0) || reader.isNull(1)) {
                        continue; // refused with its line when the group reads it
                    }
                    int day = GoldDays.ofMicros(reader.getLong(1));
                    if (day != lastDay) {
                        days.add(day);
                        lastDay = day;
                    }
                    hashes[rows++] = KeyHash.of(reader, 0, keyType);
                    if (rows % heartbeatRows == 0) {
                        heartbeat.run();
                    }
                }
                return new FileKeys(rows == hashes.length ? hashes : Arrays.copyOf(hashes, rows),
                        days.stream().mapToInt(Integer::intValue).toArray());
            }
        }
    }

    /** The first day of each file's rows, and files joined into groups by the days they share. */
    private static final class DaySets {

        private final Map<Integer, Integer> fileOfDay = new HashMap<>();
        private final int[] firstDay;
        private final UnionFind joined;

        DaySets(int files) {
            firstDay = new int[files];
            Arrays.fill(firstDay, Integer.MAX_VALUE);
            joined = new UnionFind(files);
        }

        void add(int file, int day) {
            firstDay[file] = Math.min(firstDay[file], day);
            Integer other = fileOfDay.putIfAbsent(day, file);
            if (other != null) {
                joined.union(other, file);
            }
        }

        int firstDay(int file) {
            return firstDay[file];
        }

        /** Group numbers 0.. for each file, in the order of the groups' first days; a file without rows joins group 0. */
        int[] groupOfEachFile() {
            int files = firstDay.length;
            Map<Integer, Integer> firstDayOfRoot = new HashMap<>();
            for (int file = 0; file < files; file++) {
                firstDayOfRoot.merge(joined.find(file), firstDay[file], Math::min);
            }
            List<Integer> roots = new ArrayList<>(firstDayOfRoot.keySet());
            roots.sort(Comparator.comparing(firstDayOfRoot::get));
            Map<Integer, Integer> groupOfRoot = new HashMap<>();
            roots.forEach(root -> groupOfRoot.put(root, groupOfRoot.size()));
            int[] groups = new int[files];
            for (int file = 0; file < files; file++) {
                groups[file] = firstDay[file] == Integer.MAX_VALUE ? 0 : groupOfRoot.get(joined.find(file));
            }
            return groups;
        }
    }

    private static final class UnionFind {

        private final int[] parent;

        UnionFind(int size) {
            parent = new int[size];
            for (int i = 0; i < size; i++) {
                parent[i] = i;
            }
        }

        int find(int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        boolean union(int a, int b) {
            int rootA = find(a);
            int rootB = find(b);
            if (rootA == rootB) {
                return false;
            }
            parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
            return true;
        }
    }
}
