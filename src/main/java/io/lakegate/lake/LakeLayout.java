package io.lakegate.lake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one place that knows the lake's zones and how keys are named inside them.
 * Every other class asks here instead of concatenating key strings.
 */
public final class LakeLayout {

    public static final String RAW = "raw/";
    public static final String VALIDATED = "validated/";
    public static final String REJECTED_SYSTEM = "rejected/system/";
    public static final String PROCESSED = "processed/";
    public static final String REJECTED_DATA_QUALITY_JSON = "rejected/data_quality/json/";
    public static final String REJECTED_DATA_QUALITY_CSV = "rejected/data_quality/csv/";
    public static final String ARCHIVE_VALIDATED = "archive/validated/";
    public static final String AUDIT_INGEST = "audit/ingest/";

    private static final String REASON_SUFFIX = ".reason.json";
    private static final String DATE_PARTITION = "date=";
    private static final DateTimeFormatter COMPACT_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private LakeLayout() {
    }

    /** The part of a key below its zone: {@code raw/fact_sales/a.csv} → {@code fact_sales/a.csv}. */
    public static String pathInZone(String key, String zone) {
        if (!key.startsWith(zone)) {
            throw new IllegalArgumentException("Key " + key + " is not in zone " + zone);
        }
        return key.substring(zone.length());
    }

    /** The last path segment of a key: the file name a producer gave. */
    public static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    public static String validatedKeyFor(String rawKey) {
        return VALIDATED + pathInZone(rawKey, RAW);
    }

    public static String systemRejectKeyFor(String key) {
        return REJECTED_SYSTEM + pathInZone(key, zoneOf(key));
    }

    public static String reasonKeyFor(String rejectKey) {
        return rejectKey + REASON_SUFFIX;
    }

    /** Where one file's good rows for one date go: one part per run, date and sequence number. */
    public static String processedPartKey(String dataset, LocalDate date, String runId, int sequence) {
        return String.format("%s%s/%s%s/part-%s-%05d.parquet", PROCESSED, dataset, DATE_PARTITION, date, runId, sequence);
    }

    public static String processedDatasetPrefix(String dataset) {
        return PROCESSED + dataset + "/";
    }

    public static String dataQualityRejectsJsonKey(String dataset, LocalDate ingestDate, String runId) {
        return REJECTED_DATA_QUALITY_JSON + dataset + "/" + DATE_PARTITION + ingestDate + "/" + runId + ".ndjson";
    }

    public static String dataQualityRejectsCsvKey(String dataset, LocalDate ingestDate, String runId) {
        return REJECTED_DATA_QUALITY_CSV + dataset + "/" + DATE_PARTITION + ingestDate + "/" + runId + ".csv";
    }

    /** {@code archive/validated/<file>_<ts>_<ingest_run_id>}, the source file kept as it was received. */
    public static String archiveKey(String validatedKey, Instant ingestedAt, String runId) {
        return ARCHIVE_VALIDATED + pathInZone(validatedKey, VALIDATED) + "_" + COMPACT_TIMESTAMP.format(ingestedAt) + "_" + runId;
    }

    public static String ingestAuditKey(LocalDate ingestDate, String runId) {
        return AUDIT_INGEST + DATE_PARTITION + ingestDate + "/" + runId + ".json";
    }

    /** The record that content with this SHA-256 was ingested, so a byte-identical re-upload is recognised. */
    public static String ingestedContentKey(String sha256) {
        return AUDIT_INGEST + "content/" + sha256 + ".json";
    }

    /** An ingest run's id: the time its file was accepted plus a short hash of the file's identity. */
    public static String ingestRunId(Instant acceptedAt, String identityHash) {
        return COMPACT_TIMESTAMP.format(acceptedAt) + "-" + identityHash;
    }

    /** A zone key as it appears on the command line, where a local file stands in for {@code raw/<name>}. */
    public static String rawKeyForFile(String fileName) {
        return RAW + fileName;
    }

    private static String zoneOf(String key) {
        for (String zone : new String[] {RAW, VALIDATED}) {
            if (key.startsWith(zone)) {
                return zone;
            }
        }
        throw new IllegalArgumentException("Key " + key + " is not in an intake zone");
    }
}
