package io.lakegate.process;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The audit record of one file's ingest, at {@code audit/ingest/date=.../<ingest_run_id>.json}. Writing it
 * is the run's commit: it lists exactly the parts the run published, and it proves the counts
 * ({@code rows_read = rows_good + rows_rejected}). {@code bytes_spilled} is what rows of dates beyond the open
 * parts took in the local spill file (0 when every date had a part open). {@code encoding_warnings} names the string
 * columns where more than 1% of the values look decoded wrong before they reached Lakegate (mojibake, U+FFFD).
 */
public record IngestAudit(
        String ingestRunId,
        String sourceFile,
        long sourceSize,
        String contentSha256,
        String archivedAs,
        ContractRef contract,
        Detected detected,
        Map<String, String> columnDecisions,
        Map<String, String> headerMapping,
        List<String> extraColumns,
        long rowsRead,
        long rowsGood,
        long rowsRejected,
        long rowsWarned,
        Map<String, Long> rejectsByRule,
        Map<String, Long> warningsByRule,
        Map<String, String> encodingWarnings,
        List<Partition> partitions,
        List<String> partFiles,
        List<String> rejectedRowFiles,
        long bytesIn,
        long bytesOut,
        long bytesSpilled,
        Map<String, Long> timingsMs,
        Instant ingestTs,
        Instant startedAt,
        Instant finishedAt,
        String processorVersion) {

    public record ContractRef(String id, String version) {
    }

    /**
     * @param encodingConfidence   how sure the encoding is, 0 to 100; null when the contract pinned it
     * @param encodingSource       how it was decided: {@code bom}, {@code utf8}, {@code pinned} or {@code detected}
     * @param encodingDecidedAtByte where the first byte that is not UTF-8 of a file that started in ASCII made the
     *                             detector decide the encoding of the rest; null when it was decided from the start
     */
    public record Detected(String encoding, Integer encodingConfidence, String encodingSource, String compression,
            String delimiter, String quote, Long encodingDecidedAtByte) {

        /** This, with the encoding the rest of the file was read in. */
        Detected readOnAs(LateEncodingReader.Decision decision) {
            return new Detected(decision.sample().encodingName(), decision.sample().confidence(),
                    decision.sample().source().code(), compression, delimiter, quote, decision.offset());
        }
    }

    public record Partition(LocalDate date, long rows) {
    }
}
