package io.lakegate.gold;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetPartReader;
import io.lakegate.parquet.RowView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * For each key with rows in more than one group ({@link CompactionGroups}), the row that wins it across all groups,
 * chosen before any group is written: a group keeps its own best row of such a key only if it is this one. Rows
 * compare as the compaction's latest-first order says ({@code ingest_ts}, {@code source_file}, {@code source_line},
 * {@code ingest_run_id}); rows equal on all of those in two groups (one source row read twice, with different
 * event days) go to the group of the earlier day. Also remembers in which group a key's replaced gold row is, so the
 * winning group counts the key as moved rather than inserted.
 */
final class CrossGroupWinners {

    private final CompactionGroups groups;
    private final Map<Object, Winner> winners;

    private CrossGroupWinners(CompactionGroups groups, Map<Object, Winner> winners) {
        this.groups = groups;
        this.winners = winners;
    }

    /**
     * @param orderColumns the columns of the latest-first order, the key first
     * @param latestFirst  encoders (one per thread) of the latest-first order over {@code orderColumns}, in that order,
     *                     the key alone making up the group
     * @param firstGold   index of the first replaced gold file in {@code files}; the files before it are processed parts
     */
    static CrossGroupWinners of(List<Path> files, int firstGold, CompactionGroups groups, List<String> orderColumns,
            String eventTimeColumn, ColumnType keyType, Supplier<SortRecordEncoder> latestFirst, Executor workers)
            throws IOException {
        if (groups.crossGroupKeys().isEmpty()) {
            return new CrossGroupWinners(groups, Map.of());
        }
        Crossing crossing = keysInSeveralGroups(files, groups, orderColumns.get(0), keyType, workers);
        if (crossing.keys().isEmpty()) {
            return new CrossGroupWinners(groups, Map.of());
        }
        List<String> columns = new ArrayList<>(orderColumns);
        columns.add(eventTimeColumn);
        int eventTime = orderColumns.size();
        List<List<Candidate>> candidatesOfFile = EachFile.map(files, workers, (index, file) -> {
            List<Candidate> candidates = new ArrayList<>();
            if (!crossing.files()[index]) {
                return candidates;
            }
            SortRecordEncoder encoder = latestFirst.get();
            try (ParquetPartReader reader = ParquetPartReader.open(file, columns)) {
                while (reader.next()) {
                    if (!reader.isNull(0) && !reader.isNull(eventTime)
                            && groups.crossGroupKeys().contains(KeyHash.of(reader, 0, keyType))) {
                        Object key = keyOf(reader, 0, keyType);
                        if (crossing.keys().contains(key)) {
                            candidates.add(new Candidate(key, encoder.encode(reader)));
                        }
                    }
                }
            }
            return candidates;
        });
        Map<Object, Winner> winners = new HashMap<>();
        for (int file = 0; file < files.size(); file++) {
            int group = groups.groupOf(file);
            for (Candidate candidate : candidatesOfFile.get(file)) {
                Winner winner = winners.computeIfAbsent(candidate.key(), k -> new Winner());
                winner.offer(candidate.record(), group);
                if (file >= firstGold) {
                    winner.goldGroup = group;
                }
            }
        }
        return new CrossGroupWinners(groups, winners);
    }

    /**
     * The keys whose hash is among the {@link CompactionGroups#crossGroupKeys()} and that really have rows in several
     * groups, and the files that hold them, from the key column alone: a hash two keys share (a few pairs among ten
     * million keys) would otherwise send every file that holds either through a read of the ordering columns.
     */
    private static Crossing keysInSeveralGroups(List<Path> files, CompactionGroups groups, String keyColumn,
            ColumnType keyType, Executor workers) throws IOException {
        List<List<Object>> keysOfFile = EachFile.map(files, workers, (index, file) -> {
            List<Object> keys = new ArrayList<>();
            if (!groups.holdsCrossGroupKeys(index)) {
                return keys;
            }
            try (ParquetPartReader reader = ParquetPartReader.open(file, List.of(keyColumn))) {
                while (reader.next()) {
                    if (!reader.isNull(0) && groups.crossGroupKeys().contains(KeyHash.of(reader, 0, keyType))) {
                        keys.add(keyOf(reader, 0, keyType));
                    }
                }
            }
            return keys;
        });
        Map<Object, Integer> groupOfKey = new HashMap<>();
        Set<Object> crossing = new HashSet<>();
        for (int file = 0; file < files.size(); file++) {
            int group = groups.groupOf(file);
            for (Object key : keysOfFile.get(file)) {
                Integer seen = groupOfKey.putIfAbsent(key, group);
                if (seen != null && seen != group) {
                    crossing.add(key);
                }
            }
        }
        boolean[] holders = new boolean[files.size()];
        for (int file = 0; file < files.size(); file++) {
            holders[file] = keysOfFile.get(file).stream().anyMatch(crossing::contains);
        }
        return new Crossing(crossing, holders);
    }

    /** Keys with rows in several groups, and which of the files hold them. */
    private record Crossing(Set<Object> keys, boolean[] files) {
    }

    /** A key's value as this class looks it up: its text, or its number. */
    static Object keyOf(RowView row, int column, ColumnType keyType) {
        return keyType == ColumnType.STRING ? row.getString(column) : (Object) row.getLong(column);
    }

    /** Whether a key with this {@link KeyHash} may have rows in several groups; if not, its group decides alone. */
    boolean mayHave(long keyHash) {
        return groups.crossGroupKeys().contains(keyHash);
    }

    /**
     * Whether {@code record}, the best row of its key within {@code group} (a latest-first sort record), is the
     * key's winner across groups; keys with rows in one group only always are.
     */
    boolean keeps(Object key, byte[] record, int group) {
        Winner winner = winners.get(key);
        return winner == null || winner.group == group && SortRecords.compareKeys(winner.record, record) == 0;
    }

    /** Whether the key's replaced gold row is in another group than {@code group}, so the key moved into it. */
    boolean movedInto(Object key, int group) {
        Winner winner = winners.get(key);
        return winner != null && winner.goldGroup >= 0 && winner.goldGroup != group;
    }

    int size() {
        return winners.size();
    }

    private record Candidate(Object key, byte[] record) {
    }

    private static final class Winner {
        byte[] record;
        int group;
        int goldGroup = -1;

        void offer(byte[] candidate, int candidateGroup) {
            int order = record == null ? -1 : SortRecords.compareKeys(candidate, record);
            if (order < 0 || order == 0 && candidateGroup < group) {
                record = candidate;
                group = candidateGroup;
            }
        }
    }
}
