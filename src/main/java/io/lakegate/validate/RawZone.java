package io.lakegate.validate;

import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.LakeObject;
import io.lakegate.lake.LakeStorage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door of the lake: finds files waiting in raw/, has them judged, and moves each to validated/ or to
 * rejected/system/ with its reason. Moves are copy, verify, delete, so a failure leaves the file in raw/
 * to be decided again later (on the next poll, or when its notification is delivered again).
 */
public class RawZone {

    /** Exchange property holding the raw object being decided, whatever the body has become. */
    public static final String RAW_OBJECT = "rawObject";

    private static final Logger log = LoggerFactory.getLogger(RawZone.class);

    private final LakeStorage storage;
    private final FileValidator validator;
    private final IntakeProperties intake;
    private final Clock clock;

    public RawZone(LakeStorage storage, FileValidator validator, IntakeProperties intake, Clock clock) {
        this.storage = storage;
        this.validator = validator;
        this.intake = intake;
        this.clock = clock;
    }

    /** Objects in raw/ ready to be judged: producers' files, not still being written. */
    public List<LakeObject> listReady() {
        Instant settledBefore = clock.instant().minus(intake.settleTime());
        return storage.list(LakeLayout.RAW).stream()
                .filter(o -> isProducerFile(o.key()))
                .filter(o -> o.lastModified() == null || !o.lastModified().isAfter(settledBefore))
                .toList();
    }

    /** A key in raw/ that a producer means as a file: not a folder marker, not hidden. */
    public static boolean isProducerFile(String key) {
        return key.startsWith(LakeLayout.RAW) && !key.endsWith("/") && !LakeLayout.fileName(key).startsWith(".");
    }

    public Verdict validate(LakeObject object) {
        ValidationReport report = validator.validate(object.key(), object.size(), length -> storage.readStart(object.key(), length));
        return new Verdict(object, report);
    }

    /**
     * Moves an accepted file to validated/. If a different file of the same name still waits there to be
     * processed, this one stays in raw/ until that one is gone, rather than overwrite it. If the same bytes
     * are already there, an earlier move was cut short after its copy: only the delete is left to do.
     */
    public void promote(Verdict verdict) {
        LakeObject source = verdict.object();
        String target = LakeLayout.validatedKeyFor(source.key());
        Optional<LakeObject> waiting = storage.head(target);
        if (waiting.isPresent() && waiting.get().sameContentAs(source)) {
            storage.delete(source.key());
            log.info("{}: the same bytes already wait in {} (an interrupted move, or the same upload twice); removed from raw/", source.key(), target);
            return;
        }
        if (waiting.isPresent()) {
            log.warn("{} is valid but {} still waits to be processed; it stays in raw/ until then", source.key(), target);
            return;
        }
        if (storage.move(source, target)) {
            log.info("{} accepted for contract {}: moved to {}", source.key(), verdict.report().contract().id(), target);
        }
    }

    /** Moves a refused file, byte-identical, to rejected/system/ with its reason beside it. */
    public void reject(Verdict verdict) {
        LakeObject source = verdict.object();
        if (storage.moveToSystemRejects(source, verdict.report())) {
            log.warn("{} rejected ({}): {}", source.key(), verdict.report().code(), verdict.report().message());
        }
    }

    /** A failure no check anticipated (a bug, not bad input) still decides the file rather than leaving it stuck. */
    public void rejectUnexpected(@ExchangeProperty(RAW_OBJECT) LakeObject object,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        log.error("Validating {} failed unexpectedly; rejecting it as {}", object.key(), RejectCode.VALIDATION_FAILED.code(), failure);
        reject(new Verdict(object, validator.internalError(object.key(), object.size(), failure)));
    }
}
