package io.lakegate.notification;

import io.lakegate.lake.LakeObject;
import io.lakegate.lake.LakeStorage;
import io.lakegate.lake.LogSafe;
import io.lakegate.validate.RawZone;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a queue message into the raw/ files it asks to decide, and tells when they are all decided, so the
 * message may be deleted. Everything else a message may say (S3's test event, removals, other buckets or
 * zones, a body that is no S3 event at all) is logged and needs no work.
 */
public class NotifiedRawFiles {

    private static final Logger log = LoggerFactory.getLogger(NotifiedRawFiles.class);

    private final LakeStorage storage;

    public NotifiedRawFiles(LakeStorage storage) {
        this.storage = storage;
    }

    /** The objects the message names that are still in raw/, as they are now. */
    public List<LakeObject> waitingIn(String messageBody) {
        S3EventMessage message;
        try {
            message = S3EventParser.parse(messageBody);
        } catch (IllegalArgumentException e) {
            // Delivering it again would not make it readable; a dead-letter queue would only collect it.
            log.warn("Dropping a queue message that is not an S3 event notification ({}): {}", e.getMessage(), abbreviated(messageBody));
            return List.of();
        }
        if (message.testEvent()) {
            log.info("S3 test event received: the bucket's event notifications reach the intake queue");
            return List.of();
        }
        return message.records().stream()
                .filter(this::asksForADecision)
                .map(S3ObjectEvent::key)
                .distinct()
                .map(this::stillInRaw)
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * Whether every object has left raw/. One still there was kept on purpose (storage failed, or a file of
     * the same name still waits in validated/): the message must come back after its visibility timeout.
     */
    public boolean allLeftRaw(List<LakeObject> objects) {
        List<String> remaining = objects.stream()
                .map(LakeObject::key)
                .filter(key -> storage.head(key).isPresent())
                .toList();
        if (!remaining.isEmpty()) {
            log.info("{} still in raw/; the notification is kept and will be delivered again", remaining.stream().map(LogSafe::key).toList());
        }
        return remaining.isEmpty();
    }

    private boolean asksForADecision(S3ObjectEvent event) {
        if (!event.objectCreated()) {
            log.info("Ignoring {} of {} (only created objects are decided)", event.eventName(), LogSafe.key(event.key()));
            return false;
        }
        if (!event.bucket().equals(storage.bucket())) {
            log.info("Ignoring {} in bucket {}: the lake is bucket {}", LogSafe.key(event.key()), event.bucket(), storage.bucket());
            return false;
        }
        if (!RawZone.isProducerFile(event.key())) {
            log.info("Ignoring {}: not a file in raw/ (limit the bucket notification to the prefix raw/)", LogSafe.key(event.key()));
            return false;
        }
        return true;
    }

    // Duplicate and late notifications are normal (S3 delivers at least once; another replica or the start-up sweep may have been first).
    private Optional<LakeObject> stillInRaw(String key) {
        Optional<LakeObject> object = storage.head(key);
        if (object.isEmpty()) {
            log.info("{} is no longer in raw/: already decided", LogSafe.key(key));
        }
        return object;
    }

    private static String abbreviated(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }
}
