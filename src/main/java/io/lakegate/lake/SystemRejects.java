package io.lakegate.lake;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files refused whole, from raw/ or validated/: each goes to {@code rejected/system/<zone>/<path>} beside its
 * reason. A file that cannot be moved there (S3 will not let it be read or copied, or its name cannot be
 * addressed) is recorded in {@code _quarantine/<zone>/} instead and left alone by later polls, so it is decided
 * and logged once rather than on every poll.
 */
public class SystemRejects {

    /** What became of a refused file. */
    public enum Outcome {
        /** In rejected/system/ beside its reason. */
        MOVED,
        /** Someone else moved this same version there first. */
        ALREADY_REFUSED,
        /** Left where it is, with a quarantine record that keeps it from being decided again. */
        QUARANTINED
    }

    private static final Logger log = LoggerFactory.getLogger(SystemRejects.class);

    private final LakeStorage storage;
    private final Clock clock;

    public SystemRejects(LakeStorage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /**
     * Writes the reason, then moves the file beside it. If the move fails, the reason is removed again, so no
     * reason is left without its file; the file stays where it was and a retry writes the pair anew under the
     * same keys. A failure S3 will answer the same way every time quarantines the file instead of throwing.
     */
    public Outcome refuse(LakeObject source, Object reason) {
        String target = LakeLayout.systemRejectKeyFor(source.key());
        String reasonKey = LakeLayout.reasonKeyFor(target);
        storage.put(reasonKey, LakeJson.pretty(reason), "application/json");
        boolean moved;
        try {
            moved = storage.move(source, target);
        } catch (StorageException e) {
            deleteReason(reasonKey);
            Optional<String> code = e.objectErrorCode();
            if (code.isEmpty()) {
                throw e;
            }
            quarantine(source, reason, "S3 refused to copy it (" + code.get() + "): " + e.getMessage());
            return Outcome.QUARANTINED;
        }
        if (moved) {
            return Outcome.MOVED;
        }
        if (storage.head(target).filter(copy -> copy.sameContentAs(source)).isPresent()) {
            return Outcome.ALREADY_REFUSED;
        }
        // Listed, yet neither there to copy nor refused by anyone: replaced since the listing (the new version
        // has a record key of its own and is decided anew), or a name the store cannot address.
        deleteReason(reasonKey);
        quarantine(source, reason, "it could not be copied: the store no longer finds this version under its name");
        return Outcome.QUARANTINED;
    }

    /**
     * The objects of a zone's listing that are not quarantined. Records whose object is no longer listed (an
     * operator removed it, or a new version replaced it) are deleted, so the records stay few and a re-upload is
     * decided on its own.
     */
    public List<LakeObject> withoutQuarantined(String zone, List<LakeObject> listed) {
        List<LakeObject> records = storage.list(LakeLayout.quarantinePrefix(zone));
        if (records.isEmpty()) {
            return listed;
        }
        Set<String> recorded = new HashSet<>();
        records.forEach(record -> recorded.add(record.key()));
        Set<String> current = new HashSet<>();
        List<LakeObject> open = new ArrayList<>();
        for (LakeObject object : listed) {
            String record = LakeLayout.quarantineKeyFor(object);
            current.add(record);
            if (!recorded.contains(record)) {
                open.add(object);
            }
        }
        for (LakeObject record : records) {
            if (!current.contains(record.key())) {
                storage.delete(record.key());
            }
        }
        return open;
    }

    private void quarantine(LakeObject source, Object reason, String notMoved) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("file", source.key());
        record.put("size", source.size());
        record.put("etag", source.eTag());
        record.put("not_moved", notMoved);
        record.put("recorded_at", clock.instant());
        record.put("reason", reason);
        storage.put(LakeLayout.quarantineKeyFor(source), LakeJson.pretty(record), "application/json");
    }

    private void deleteReason(String reasonKey) {
        try {
            storage.delete(reasonKey);
        } catch (StorageException e) {
            // The retry that follows writes the reason again under the same key, so the pair still converges.
            log.warn("The reason {} of a refusal that did not complete could not be removed: {}", LogSafe.key(reasonKey), e.getMessage());
        }
    }
}
