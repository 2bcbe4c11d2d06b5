package io.lakegate.validate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * The verdict on one file, written as {@code reason.json} beside a rejected file and printed by
 * {@code lakegate check}. {@code code} is {@code valid} or a {@link RejectCode}; the rest says what was
 * found, so a producer can fix the file without asking anyone.
 */
public record ValidationReport(
        String code,
        String message,
        String file,
        long size,
        Detected detected,
        List<String> header,
        List<MissingColumn> missingColumns,
        List<String> extraColumns,
        List<String> duplicateColumns,
        ContractRef contract,
        Instant validatedAt,
        Instant rejectedAt,
        String validatorVersion) {

    public static final String VALID = "valid";

    public record Detected(String encoding, String compression, String delimiter, String quote, String headerLine) {
    }

    public record MissingColumn(String column, List<String> closestHeaderNames) {
    }

    public record ContractRef(String id, String version) {
    }

    // Camel's simple language reads `${body.accepted}` through this bean-style getter; `code` already says it in JSON.
    @JsonIgnore
    public boolean isAccepted() {
        return VALID.equals(code);
    }
}
