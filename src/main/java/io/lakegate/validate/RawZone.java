package io.lakegate.validate;

import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.LakeObject;
import io.lakegate.lake.LakeStorage;
import io.lakegate.lake.StorageException;
import io.lakegate.lake.SystemRejects;
import io.lakegate.observe.FileLogContext;
import io.lakegate.observe.LakeMetrics;
import io.lakegate.lake.LogSafe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door of the lake: finds files waiting in raw/, has them judged, and moves each to validated/ or to
 * rejected/system/raw/ with its reason. Moves are copy, verify, delete, so a failure leaves the file in raw/
 * to be decided again later (on the next poll, or when its notification is delivered again). A file S3 will
 * never let be read or moved is decided once and quarantined (see {@link SystemRejects}).
 */
public class RawZone {

    private static final Logger log = LoggerFactory.getLogger(RawZone.class);

    private final LakeStorage storage;
    private final FileValidator validator;
    private final IntakeProperties intake;
    private final Clock clock;
    private final LakeMetrics metrics;
    private final SystemRejects rejects;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    public RawZone(LakeStorage storage, FileValidator validator, IntakeProperties intake, Clock clock, LakeMetrics metrics) {
        this.storage = storage;
        this.rejects = new SystemRejects(storage, clock);
        this.validator = validator;
        this.intake = intake;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Objects in raw/ ready to be judged: producers' files, not still being written, not quarantined. */
    public List<LakeObject> listReady() {
        Instant settledBefore = clock.instant().minus(intake.settleTime());
        List<LakeObject> waiting = storage.list(LakeLayout.RAW).stream()
                .filter(o -> isProducerFile(o.key()))
                .toList();
        metrics.filesWaiting(LakeLayout.RAW, waiting.size());
        return rejects.withoutQuarantined(LakeLayout.RAW, waiting).stream()
                .filter(o -> o.lastModified() == null || !o.lastModified().isAfter(settledBefore))
                .toList();
    }

    /**
     * The objects of {@link #listReady} that this replica has not queued yet; from now on they count as queued
     * until {@link #dequeued}, so polling goes on while files are judged and a quick file is taken by an idle
     * worker instead of waiting behind a slow one.
     */
    public List<LakeObject> listNotQueued() {
        return listReady().stream().filter(o -> queued.add(o.key())).toList();
    }

    /** The file left the queue, decided or not; a later listing may queue it again if it is still there. */
    public void dequeued(LakeObject file) {
        queued.remove(file.key());
    }

    /** A key in raw/ that a producer means as a file: not a folder marker, not hidden. */
    public static boolean isProducerFile(String key) {
        return key.startsWith(LakeLayout.RAW) && !key.endsWith("/") && !LakeLayout.fileName(key).startsWith(".");
    }

    /** Judges a file; the log lines from here until it is promoted or rejected carry its key. */
    public Verdict validate(LakeObject object) {
        FileLogContext.file(object.key());
        long start = System.nanoTime();
        ValidationReport report;
        try {
            report = validator.validate(object.key(), object.size(), length -> storage.readStart(object.key(), length));
        } catch (StorageException e) {
            String code = e.objectErrorCode().orElseThrow(() -> e);
            report = validator.unreadable(object.key(), object.size(), code);
        }
        metrics.stageTook(LakeMetrics.Stage.VALIDATE, Duration.ofNanos(System.nanoTime() - start));
        return new Verdict(object, report);
    }

    /**
     * Moves an accepted file to validated/. If a different file of the same name still waits there to be
     * processed, this one stays in raw/ until that one is gone, rather than overwrite it. If the same bytes
     * are already there, an earlier move was cut short after its copy: only the delete is left to do.
     */
    public void promote(Verdict verdict) {
        moveToValidated(verdict);
        FileLogContext.end();
    }

    private void moveToValidated(Verdict verdict) {
        LakeObject source = verdict.object();
        String target = LakeLayout.validatedKeyFor(source.key());
        Optional<LakeObject> waiting = storage.head(target);
        if (waiting.isPresent() && waiting.get().sameContentAs(source)) {
            storage.delete(source.key());
            log.info("{}: the same bytes already wait in {} (an interrupted move, or the same upload twice); removed from raw/", LogSafe.key(source.key()), LogSafe.key(target));
            return;
        }
        if (waiting.isPresent()) {
            log.warn("{} is valid but {} still waits to be processed; it stays in raw/ until then", LogSafe.key(source.key()), LogSafe.key(target));
            return;
        }
        if (storage.move(source, target)) {
            String dataset = verdict.report().contract().id();
            log.info("{} accepted for contract {}: moved to {}", LogSafe.key(source.key()), dataset, LogSafe.key(target));
            metrics.fileAccepted(dataset);
        }
    }

    /** Moves a refused file, byte-identical, to rejected/system/raw/ with its reason beside it, or quarantines it. */
    public void reject(Verdict verdict) {
        LakeObject source = verdict.object();
        ValidationReport report = verdict.report();
        SystemRejects.Outcome outcome = rejects.refuse(source, report);
        if (outcome == SystemRejects.Outcome.MOVED) {
            log.warn("{} rejected ({}): {}", LogSafe.key(source.key()), report.code(), report.message());
        } else if (outcome == SystemRejects.Outcome.QUARANTINED) {
            log.warn("{} rejected ({}) but it cannot be moved, so it stays in raw/ and is not decided again; see {}: {}",
                    LogSafe.key(source.key()), report.code(), LogSafe.key(LakeLayout.quarantineKeyFor(source)), report.message());
        }
        if (outcome != SystemRejects.Outcome.ALREADY_REFUSED) {
            metrics.fileRejected(report.contract() == null ? null : report.contract().id(), report.code());
        }
        FileLogContext.end();
    }

    /** A failure no check anticipated (a bug, not bad input) still decides the file rather than leaving it stuck. */
    public void rejectUnexpected(LakeObject object, Exception failure) {
        FileLogContext.file(object.key());
        log.error("Validating {} failed unexpectedly; rejecting it as {}", LogSafe.key(object.key()), RejectCode.VALIDATION_FAILED.code(), failure);
        reject(new Verdict(object, validator.internalError(object.key(), object.size(), failure)));
    }
}
