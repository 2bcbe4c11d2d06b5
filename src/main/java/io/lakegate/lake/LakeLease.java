package io.lakegate.lake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A lease on a piece of work (a validated file, a gold date) held as an object in the lake itself, created
 * with an S3 conditional write ({@code If-None-Match: *}), so that of several replicas exactly one does the
 * work at a time, with no infrastructure beyond the bucket. A lease left behind by a crashed replica expires
 * and is taken over with {@code If-Match} on the stale version, so two replicas cannot both take it over.
 * A holder whose work outlasts the time-to-live renews the lease, again with {@code If-Match}.
 */
public final class LakeLease implements AutoCloseable {

    private static final int MAX_LEASE_BYTES = 4096;

    private final LakeStorage storage;
    private final String key;
    private final String owner;
    private final Duration ttl;
    private final Clock clock;
    private Instant renewedAt;

    private LakeLease(LakeStorage storage, String key, String owner, Duration ttl, Clock clock, Instant at) {
        this.storage = storage;
        this.key = key;
        this.owner = owner;
        this.ttl = ttl;
        this.clock = clock;
        this.renewedAt = at;
    }

    /** Takes the lease, or says who holds it and until when. */
    public static Acquisition acquire(LakeStorage storage, String key, String owner, Duration ttl, Clock clock) {
        Instant now = clock.instant();
        byte[] body = body(owner, now, now.plus(ttl));
        LakeLease lease = new LakeLease(storage, key, owner, ttl, clock, now);
        if (storage.putIfAbsent(key, body, "application/json")) {
            return new Acquisition(Optional.of(lease), null);
        }
        Optional<LakeObject> current = storage.head(key);
        if (current.isEmpty()) {
            // Released between the attempt and the look: one more try rather than waiting for the next poll.
            return storage.putIfAbsent(key, body, "application/json")
                    ? new Acquisition(Optional.of(lease), null)
                    : new Acquisition(Optional.empty(), "another worker took the lease " + key + " just now");
        }
        JsonNode held = storage.readJson(key, MAX_LEASE_BYTES);
        Instant expires = Instant.parse(held.path("expires_at").asText());
        if (now.isBefore(expires)) {
            return new Acquisition(Optional.empty(), held.path("owner").asText() + " holds the lease " + key + " until " + expires);
        }
        if (storage.replaceIfUnchanged(current.get(), body, "application/json")) {
            return new Acquisition(Optional.of(lease), null);
        }
        return new Acquisition(Optional.empty(), "another worker took over the expired lease " + key + " just now");
    }

    /**
     * Extends the lease once a third of its time has passed; cheap to call often. Throws when the lease was
     * lost (it expired and another worker took it), since the work must then stop.
     */
    public void renewIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(renewedAt.plus(ttl.dividedBy(3)))) {
            return;
        }
        Optional<LakeObject> current = storage.head(key);
        if (current.isEmpty() || !owner.equals(storage.readJson(key, MAX_LEASE_BYTES).path("owner").asText())
                || !storage.replaceIfUnchanged(current.get(), body(owner, now, now.plus(ttl)), "application/json")) {
            throw new LeaseLostException("Lease " + key + " was lost to another worker; stopping this work");
        }
        renewedAt = now;
    }

    /** Gives the lease back, unless it expired and someone else holds it by now. */
    @Override
    public void close() {
        if (storage.head(key).isPresent() && owner.equals(storage.readJson(key, MAX_LEASE_BYTES).path("owner").asText())) {
            storage.delete(key);
        }
    }

    public record Acquisition(Optional<LakeLease> lease, String refusal) {
    }

    private static byte[] body(String owner, Instant acquired, Instant expires) {
        Map<String, Object> lease = new LinkedHashMap<>();
        lease.put("owner", owner);
        lease.put("acquired_at", acquired.toString());
        lease.put("expires_at", expires.toString());
        return LakeJson.pretty(lease);
    }
}
