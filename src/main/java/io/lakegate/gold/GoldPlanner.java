package io.lakegate.gold;

import io.lakegate.contract.DataContract;
import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.LakeObject;
import io.lakegate.lake.LakeStorage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which dates of a gold table need compacting: those whose processed parts changed since the table
 * was last compacted from them. Untouched dates are planned too, with the reason they are skipped.
 * Only parts of committed ingest runs count: a run uploads parts before its audit record commits it, and
 * a run that is then refused or fails removes them again, so gold must never read them before the commit.
 */
public final class GoldPlanner {

    // Part of every date's fingerprint: raise it when the gold file layout or row_hash changes, so that
    // every date is rewritten once in the new form.
    static final String GOLD_FORMAT = "gold-iceberg-v1";

    private final LakeStorage storage;
    private final CompactionProperties settings;
    // A run, once committed, stays committed: remembered so each plan asks S3 only about newer runs.
    private final Set<String> committedRuns = ConcurrentHashMap.newKeySet();

    public GoldPlanner(LakeStorage storage, CompactionProperties settings) {
        this.storage = storage;
        this.settings = settings;
    }

    /**
     * Every date with processed data, or only {@code date} when given.
     *
     * @param compacted what each date was last compacted from (the table's record), empty for a new table
     */
    public DatasetPlan plan(DataContract contract, Optional<LocalDate> date, Map<LocalDate, String> compacted) {
        DataContract.Gold gold = contract.goldTable().orElseThrow(() -> new IllegalArgumentException(
                "Contract " + contract.id() + " declares no gold table"));
        String prefix = date.map(d -> LakeLayout.processedPartitionPrefix(contract.id(), d))
                .orElse(LakeLayout.processedDatasetPrefix(contract.id()));
        Map<LocalDate, List<LakeObject>> parts = new TreeMap<>();
        for (LakeObject object : storage.list(prefix)) {
            Optional<String> run = LakeLayout.processedPartRunId(object.key());
            if (run.isPresent() && committed(run.get())) {
                LakeLayout.partitionDate(object.key())
                        .ifPresent(d -> parts.computeIfAbsent(d, k -> new ArrayList<>()).add(object));
            }
        }
        List<PartitionPlan> plans = new ArrayList<>();
        if (date.isPresent() && !parts.containsKey(date.get())) {
            plans.add(new PartitionPlan(contract, date.get(), List.of(), null, compacted.get(date.get()),
                    "no processed data for this date"));
        }
        for (Map.Entry<LocalDate, List<LakeObject>> entry : parts.entrySet()) {
            List<LakeObject> inputs = entry.getValue().stream().sorted(Comparator.comparing(LakeObject::key)).toList();
            String fingerprint = fingerprint(gold, inputs);
            String previous = compacted.get(entry.getKey());
            String skip = fingerprint.equals(previous) ? "unchanged: no new processed data since inputs " + fingerprint : null;
            plans.add(new PartitionPlan(contract, entry.getKey(), inputs, fingerprint, previous, skip));
        }
        return new DatasetPlan(contract, plans);
    }

    private boolean committed(String runId) {
        if (committedRuns.contains(runId)) {
            return true;
        }
        boolean committed = storage.head(LakeLayout.ingestAuditKeyOf(runId)).isPresent();
        if (committed) {
            committedRuns.add(runId);
        }
        return committed;
    }

    private String fingerprint(DataContract.Gold gold, List<LakeObject> inputs) {
        MessageDigest sha = sha256();
        update(sha, GOLD_FORMAT, gold.key(), String.join(",", gold.sortByOrKey()),
                Long.toString(settings.targetFileSize().toBytes()), settings.codec());
        for (LakeObject input : inputs) {
            update(sha, input.key(), Long.toString(input.size()), String.valueOf(input.eTag()));
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }

    private static void update(MessageDigest sha, String... fields) {
        for (String field : fields) {
            sha.update(field.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        sha.update((byte) '\n');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
