package io.lakegate.process;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code reason.json} beside a validated file that processing refused whole: a system failure, too many
 * rejected rows, a limit reached (a row too large, the work folder's budget), or a byte-identical re-upload.
 * Same shape of {@code code} and {@code message} as the validator's reasons, so one consumer reads both.
 */
public record ProcessingReport(
        String code,
        String message,
        String file,
        long size,
        String ingestRunId,
        String stage,
        String earlierIngestRunId,
        String contract,
        Long rowsRead,
        Long rowsRejected,
        Map<String, Long> rejectsByRule,
        List<String> sampleReasons,
        Instant rejectedAt,
        String processorVersion) {

    public static final String PROCESSING_FAILED = "processing_failed";
    public static final String TOO_MANY_REJECTS = "too_many_rejects";
    public static final String DUPLICATE_FILE = "duplicate_file";
    /** String values look decoded wrong before they reached Lakegate, and the contract says source.suspectEncoding: reject. */
    public static final String SUSPECT_ENCODING = "suspect_encoding";
    /** S3 refuses to let the file be read (403, an archived storage class, a customer key): retrying cannot help. */
    public static final String UNREADABLE_OBJECT = "unreadable_object";
    /** One row (or the header) is longer than a row may be: the file cannot be read as rows at all. */
    public static final String ROW_TOO_LARGE = "row_too_large";
    /** The run's local files (parts before upload, rejected rows, date spill) outgrew lakegate.processing.work-folder-budget. */
    public static final String WORK_FOLDER_BUDGET_EXCEEDED = "work_folder_budget_exceeded";
}
