package io.lakegate.record;

/**
 * Why a row was rejected or flagged: which rule, on which column (null for row-level reasons), a stable
 * machine code, and a sentence with the offending value.
 */
public record RowReason(String rule, String column, String code, String message) {
}
