package io.lakegate.quality;

import java.util.Locale;

/** What a failed rule does to its row: {@code reject} sends it to rejects, {@code warn} keeps it and counts it. */
public enum Severity {
    REJECT, WARN;

    static Severity of(String contractValue) {
        return contractValue == null ? REJECT : valueOf(contractValue.toUpperCase(Locale.ROOT));
    }
}
