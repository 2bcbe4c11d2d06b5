package io.lakegate.validate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The verdict on one file, written as {@code reason.json} beside a rejected file and printed by
 * {@code lakegate check}. {@code code} is {@code valid} or a {@link RejectCode}; the rest says what was
 * found, so a producer can fix the file without asking anyone. A file no contract claims ({@code unknown_dataset})
 * also gets {@code source_keys} (the key patterns each contract takes) and {@code header_matches} (the contracts
 * whose columns its header holds, each with the header name → column mapping it would use).
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
        Map<String, List<String>> sourceKeys,
        List<HeaderMatch> headerMatches,
        Instant validatedAt,
        Instant rejectedAt,
        String validatorVersion) {

    public static final String VALID = "valid";

    /**
     * @param encodingConfidence how sure the encoding is, 0 to 100; null when the contract pinned it
     * @param encodingSource     how it was decided: {@code bom}, {@code utf8}, {@code pinned} or {@code detected}
     */
    public record Detected(String encoding, Integer encodingConfidence, String encodingSource, String compression,
            String delimiter, String quote, String headerLine) {
    }

    public record MissingColumn(String column, List<String> closestHeaderNames) {
    }

    public record ContractRef(String id, String version) {
    }

    public record HeaderMatch(String contract, Map<String, String> mapping) {
    }

    // Camel's simple language reads `${body.accepted}` through this bean-style getter; `code` already says it in JSON.
    @JsonIgnore
    public boolean isAccepted() {
        return VALID.equals(code);
    }
}
