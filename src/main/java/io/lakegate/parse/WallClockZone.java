package io.lakegate.parse;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Turns wall-clock times of one zone into UTC. For a fixed-offset zone that is a subtraction. For a zone
 * with daylight saving time it remembers the span of wall-clock time, around the last value looked up, in
 * which the zone has one single offset: consecutive rows of a file nearly always fall in the same span, so
 * only a row outside it pays for a {@link ZoneRules} lookup.
 * <p>
 * A wall-clock time skipped by a spring-forward gap moves forward by the length of the gap, and one that
 * occurs twice in an autumn overlap takes the earlier offset, i.e. its first occurrence: both are what
 * {@link LocalDateTime#atZone} does, so this class and java.time never disagree.
 * <p>
 * Thread-safe: the remembered span is immutable, and a thread that races another for it at worst looks it
 * up again.
 */
final class WallClockZone {

    private final ZoneId zone;
    private final ZoneRules rules;
    private final boolean fixedOffset;
    private final int fixedOffsetSeconds;
    private OffsetSpan lastSpan;

    WallClockZone(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.fixedOffset = rules.isFixedOffset();
        this.fixedOffsetSeconds = rules.getOffset(Instant.EPOCH).getTotalSeconds();
    }

    /** @param wallClockSecond seconds since 1970-01-01T00:00 on this zone's clocks */
    long toEpochSecond(long wallClockSecond) {
        if (fixedOffset) {
            return wallClockSecond - fixedOffsetSeconds;
        }
        OffsetSpan span = lastSpan;
        if (span != null && span.contains(wallClockSecond)) {
            return wallClockSecond - span.offsetSeconds();
        }
        long epochSecond = toEpochSecond(wallClockSecond, zone);
        lastSpan = spanAround(Instant.ofEpochSecond(epochSecond));
        return epochSecond;
    }

    static long toEpochSecond(long wallClockSecond, ZoneId zone) {
        return LocalDateTime.ofEpochSecond(wallClockSecond, 0, ZoneOffset.UTC).atZone(zone).toEpochSecond();
    }

    /**
     * The wall-clock span between the transitions on either side of the instant, less any gap or overlap
     * at its ends, where a wall-clock time has no offset or two.
     */
    private OffsetSpan spanAround(Instant instant) {
        // previousTransition excludes a transition at exactly the instant; one second later includes it
        ZoneOffsetTransition previous = rules.previousTransition(instant.plusSeconds(1));
        ZoneOffsetTransition next = rules.nextTransition(instant);
        long from = previous == null ? Long.MIN_VALUE
                : previous.toEpochSecond() + Math.max(offsetBefore(previous), offsetAfter(previous));
        long until = next == null ? Long.MAX_VALUE
                : next.toEpochSecond() + Math.min(offsetBefore(next), offsetAfter(next));
        return new OffsetSpan(from, until, rules.getOffset(instant).getTotalSeconds());
    }

    private static int offsetBefore(ZoneOffsetTransition transition) {
        return transition.getOffsetBefore().getTotalSeconds();
    }

    private static int offsetAfter(ZoneOffsetTransition transition) {
        return transition.getOffsetAfter().getTotalSeconds();
    }

    private record OffsetSpan(long from, long until, int offsetSeconds) {

        boolean contains(long wallClockSecond) {
            return wallClockSecond >= from && wallClockSecond < until;
        }
    }
}
