package io.lakegate.gold;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall time of a run's steps, in the order they ran, for the audit and the bench. */
final class StepTimes {

    private final Map<String, Long> millis = new LinkedHashMap<>();
    private long stepStart = System.nanoTime();

    /** Ends the step under way, naming it, and starts the next. */
    void lap(String step) {
        long now = System.nanoTime();
        millis.merge(step, (now - stepStart) / 1_000_000, Long::sum);
        stepStart = now;
    }

    /**
     * Ends the step under way, which timed its own parts: records those, and the rest of the step's time under its
     * name.
     */
    void lap(String step, Map<String, Long> parts) {
        long now = System.nanoTime();
        long rest = (now - stepStart) / 1_000_000;
        for (Map.Entry<String, Long> part : parts.entrySet()) {
            millis.merge(part.getKey(), part.getValue(), Long::sum);
            rest -= part.getValue();
        }
        millis.merge(step, Math.max(0, rest), Long::sum);
        stepStart = now;
    }

    Map<String, Long> millis() {
        return millis;
    }
}
