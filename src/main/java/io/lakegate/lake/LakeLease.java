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
 * The holder knows the version it wrote: renewing replaces exactly that version and giving the lease back
 * deletes exactly that version ({@code If-Match} on its ETag), so a holder that lost its lease to another
 * worker can neither extend nor remove the other's.
 */
public final class LakeLease implements AutoCloseable {

    private static final int MAX_LEASE_BYTES = 4096;

    private final LakeStorage storage;
    private final String key;
    private final String owner;
    private final Duration ttl;
    private final Clock clock;
    private final int takeovers;
    private LakeObject held;
    private Instant renewedAt;

    private LakeLease(LakeStorage storage, String key, String owner, Duration ttl, Clock clock, int takeovers, LakeObject held,
            Instant at) {
        this.storage = storage;
        this.key = key;
        this.owner = owner;
        this.ttl = ttl;
        this.clock = clock;
        this.takeovers = takeovers;
        this.held = held;
        this.renewedAt = at;
    }

    /** Takes the lease, or says who holds it and until when. */
    public static Acquisition acquire(LakeStorage storage, String key, String owner, Duration ttl, Clock clock) {
        Instant now = clock.instant();
        byte[] body = body(owner, now, now.plus(ttl), 0);
        Optional<LakeObject> created = storage.putIfAbsent(key, body, "application/json");
        if (created.isPresent()) {
            return taken(storage, key, owner, ttl, clock, 0, created.get(), now);
        }
        Optional<LakeObject> current = storage.head(key);
        if (current.isEmpty()) {
            // Released between the attempt and the look: one more try rather than waiting for the next poll.
            return storage.putIfAbsent(key, body, "application/json")
                    .map(lease -> taken(storage, key, owner, ttl, clock, 0, lease, now))
                    .orElseGet(() -> new Acquisition(Optional.empty(), "another worker took the lease " + key + " just now"));
        }
        JsonNode lease = storage.readJson(key, MAX_LEASE_BYTES);
        Instant expires = Instant.parse(lease.path("expires_at").asText());
        if (now.isBefore(expires)) {
            return new Acquisition(Optional.empty(), lease.path("owner").asText() + " holds the lease " + key + " until " + expires);
        }
        // The holder let its lease run out without giving it back: it died (killed, out of memory) mid-work.
        int takeovers = lease.path("takeovers").asInt(0) + 1;
        return storage.replaceIfUnchanged(current.get(), body(owner, now, now.plus(ttl), takeovers), "application/json")
                .map(taken -> taken(storage, key, owner, ttl, clock, takeovers, taken, now))
                .orElseGet(() -> new Acquisition(Optional.empty(), "another worker took over the expired lease " + key + " just now"));
    }

    private static Acquisition taken(LakeStorage storage, String key, String owner, Duration ttl, Clock clock, int takeovers,
            LakeObject held, Instant now) {
        return new Acquisition(Optional.of(new LakeLease(storage, key, owner, ttl, clock, takeovers, held, now)), null);
    }

    /** How many holders before this one let the lease expire without giving it back, each dying mid-work. */
    public int takeovers() {
        return takeovers;
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
        held = storage.replaceIfUnchanged(held, body(owner, now, now.plus(ttl), takeovers), "application/json")
                .orElseThrow(() -> new LeaseLostException("Lease " + key + " was lost to another worker; stopping this work"));
        renewedAt = now;
    }

    /** Gives the lease back, unless it expired and someone else holds it by now. */
    @Override
    public void close() {
        storage.deleteIfUnchanged(held);
    }

    public record Acquisition(Optional<LakeLease> lease, String refusal) {
    }

    private static byte[] body(String owner, Instant acquired, Instant expires, int takeovers) {
        Map<String, Object> lease = new LinkedHashMap<>();
        lease.put("owner", owner);
        lease.put("acquired_at", acquired.toString());
        lease.put("expires_at", expires.toString());
        lease.put("takeovers", takeovers);
        return LakeJson.pretty(lease);
    }
}
