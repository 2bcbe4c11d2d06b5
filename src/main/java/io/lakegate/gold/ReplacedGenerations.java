package io.lakegate.gold;

import io.lakegate.contract.ContractRegistry;
import io.lakegate.contract.DataContract;
import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.LakeObject;
import io.lakegate.lake.LakeStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes gold generations no reader needs any more: those replaced longer ago than the retention, and
 * those a crashed compaction left unfinished (never named by a manifest, untouched for longer than a lease
 * can last). The generation a manifest names is never removed.
 */
public class ReplacedGenerations {

    private static final Logger log = LoggerFactory.getLogger(ReplacedGenerations.class);
    private static final int MAX_MARKER_BYTES = 4096;

    private final LakeStorage storage;
    private final ContractRegistry contracts;
    private final CompactionProperties settings;
    private final Clock clock;

    public ReplacedGenerations(LakeStorage storage, ContractRegistry contracts, CompactionProperties settings, Clock clock) {
        this.storage = storage;
        this.contracts = contracts;
        this.settings = settings;
        this.clock = clock;
    }

    /** Returns the number of objects removed. */
    public int sweep() {
        int removed = 0;
        for (DataContract contract : contracts.all()) {
            if (contract.goldTable().isPresent()) {
                removed += sweep(contract.id());
            }
        }
        return removed;
    }

    private int sweep(String dataset) {
        Map<String, Generation> generations = new TreeMap<>();
        for (LakeObject object : storage.list(LakeLayout.goldDatasetPrefix(dataset))) {
            Optional<String> generation = LakeLayout.goldGeneration(object.key());
            Optional<LocalDate> date = LakeLayout.partitionDate(object.key());
            if (generation.isPresent() && date.isPresent()) {
                generations.computeIfAbsent(LakeLayout.goldGenerationPrefix(dataset, date.get(), generation.get()),
                        k -> new Generation(date.get(), generation.get(), new ArrayList<>())).objects().add(object);
            }
        }
        int removed = 0;
        Instant now = clock.instant();
        for (Generation generation : generations.values()) {
            if (expired(dataset, generation, now) && !current(dataset, generation)) {
                generation.objects().forEach(o -> storage.delete(o.key()));
                removed += generation.objects().size();
                log.info("Gold {} date {}: generation {} removed", dataset, generation.date(), generation.id());
            }
        }
        return removed;
    }

    private boolean expired(String dataset, Generation generation, Instant now) {
        String marker = LakeLayout.goldReplacedMarkerKey(dataset, generation.date(), generation.id());
        Optional<LakeObject> replaced = generation.objects().stream().filter(o -> o.key().equals(marker)).findFirst();
        if (replaced.isPresent()) {
            Instant replacedAt = Instant.parse(storage.readJson(marker, MAX_MARKER_BYTES).path("replaced_at").asText());
            return replacedAt.plus(settings.retainReplaced()).isBefore(now);
        }
        Instant newest = generation.objects().stream().map(LakeObject::lastModified).max(Instant::compareTo).orElse(now);
        return newest.plus(settings.leaseTtl()).isBefore(now);
    }

    private boolean current(String dataset, Generation generation) {
        return GoldManifest.current(storage, dataset, generation.date())
                .map(m -> m.generation().equals(generation.id())).orElse(false);
    }

    private record Generation(LocalDate date, String id, List<LakeObject> objects) {
    }
}
