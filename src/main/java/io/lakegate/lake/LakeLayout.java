package io.lakegate.lake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

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
    public static final String GOLD = "gold/";
    public static final String AUDIT_GOLD_COMPACTION = "audit/gold_compaction/";
    /** Leases replicas take on work so that one piece is never done twice at once; see LakeLease. */
    public static final String LEASES = "_leases/";

    private static final String REASON_SUFFIX = ".reason.json";
    private static final String GENERATION = "gen=";
    private static final String PART_PREFIX = "part-";
    private static final String PARQUET = ".parquet";
    private static final Pattern RUN_ID = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-z]+");
    // Delta Lake's name for the same idea, so Athena and Presto users recognise it.
    private static final String MANIFESTS = "_symlink_format_manifest/";
    private static final String DATE_PARTITION = "date=";
    private static final DateTimeFormatter COMPACT_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter COMPACT_TIMESTAMP_MILLIS =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

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
        return String.format("%s%s%s-%05d%s", processedPartitionPrefix(dataset, date), PART_PREFIX, runId, sequence, PARQUET);
    }

    /** The ingest run that wrote a processed part: {@code …/part-<run>-00002.parquet} → {@code <run>}. */
    public static Optional<String> processedPartRunId(String partKey) {
        String name = fileName(partKey);
        int sequence = name.lastIndexOf('-');
        if (!name.startsWith(PART_PREFIX) || sequence <= PART_PREFIX.length() || !name.endsWith(PARQUET)) {
            return Optional.empty();
        }
        String runId = name.substring(PART_PREFIX.length(), sequence);
        return RUN_ID.matcher(runId).matches() ? Optional.of(runId) : Optional.empty();
    }

    /** Where the audit record of an ingest run is: its date is the day its id starts with. */
    public static String ingestAuditKeyOf(String runId) {
        LocalDate date = LocalDate.parse(runId.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE);
        return ingestAuditKey(date, runId);
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

    /** All processed parts of one date: the input of that date's gold compaction. */
    public static String processedPartitionPrefix(String dataset, LocalDate date) {
        return processedDatasetPrefix(dataset) + DATE_PARTITION + date + "/";
    }

    /** The date of a key inside a {@code date=YYYY-MM-DD/} partition, if it is in one. */
    public static Optional<LocalDate> partitionDate(String key) {
        int at = key.indexOf("/" + DATE_PARTITION);
        if (at < 0) {
            return Optional.empty();
        }
        int start = at + 1 + DATE_PARTITION.length();
        int end = key.indexOf('/', start);
        try {
            return Optional.of(LocalDate.parse(end < 0 ? key.substring(start) : key.substring(start, end)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static String goldDatasetPrefix(String dataset) {
        return GOLD + dataset + "/";
    }

    /**
     * One generation of a gold partition: {@code gold/<ds>/date=D/gen=<id>/}. A compaction writes a new
     * generation beside the current one and then switches the partition's manifest to it.
     */
    public static String goldGenerationPrefix(String dataset, LocalDate date, String generation) {
        return goldPartitionPrefix(dataset, date) + GENERATION + generation + "/";
    }

    public static String goldPartitionPrefix(String dataset, LocalDate date) {
        return goldDatasetPrefix(dataset) + DATE_PARTITION + date + "/";
    }

    public static String goldFileKey(String dataset, LocalDate date, String generation, int sequence) {
        return String.format("%spart-%05d.parquet", goldGenerationPrefix(dataset, date, generation), sequence);
    }

    /** The generation a gold file belongs to: {@code gold/<ds>/date=D/gen=<id>/part-…} → {@code <id>}. */
    public static Optional<String> goldGeneration(String key) {
        int at = key.indexOf("/" + GENERATION);
        if (at < 0) {
            return Optional.empty();
        }
        int start = at + 1 + GENERATION.length();
        int end = key.indexOf('/', start);
        return end < 0 ? Optional.empty() : Optional.of(key.substring(start, end));
    }

    /** Left in a generation once readers were switched away from it; it says since when. */
    public static String goldReplacedMarkerKey(String dataset, LocalDate date, String generation) {
        return goldGenerationPrefix(dataset, date, generation) + "_replaced.json";
    }

    /** A gold compaction run's id: when it started plus the generation it makes. */
    public static String compactionRunId(Instant startedAt, String generation) {
        return COMPACT_TIMESTAMP.format(startedAt) + "-" + generation;
    }

    /** Where Athena's symlink table finds each gold partition's current files: one manifest per date. */
    public static String goldManifestsPrefix(String dataset) {
        return goldDatasetPrefix(dataset) + MANIFESTS;
    }

    public static String goldManifestKey(String dataset, LocalDate date) {
        return goldManifestsPrefix(dataset) + DATE_PARTITION + date + "/manifest";
    }

    /** The object a compaction holds while it works on one date, so replicas never compact a date twice at once. */
    public static String goldLeaseKey(String dataset, LocalDate date) {
        return LEASES + goldDatasetPrefix(dataset) + DATE_PARTITION + date + ".json";
    }

    /** The object a replica holds while it processes a validated file. */
    public static String processingLeaseKey(String validatedKey) {
        return LEASES + VALIDATED + pathInZone(validatedKey, VALIDATED) + ".json";
    }

    /** The latest compaction of a date; every run is also kept under {@code runs/}. */
    public static String goldCompactionMetricsKey(LocalDate date) {
        return AUDIT_GOLD_COMPACTION + DATE_PARTITION + date + "/metrics.json";
    }

    public static String goldCompactionRunKey(LocalDate date, String runId) {
        return AUDIT_GOLD_COMPACTION + DATE_PARTITION + date + "/runs/" + runId + ".json";
    }

    /** The summary of one compaction run over all dates: what it did with each, and why it skipped the others. */
    public static String goldCompactionReportKey(Instant finishedAt, String replica) {
        return AUDIT_GOLD_COMPACTION + "runs/" + COMPACT_TIMESTAMP_MILLIS.format(finishedAt) + "-" + replica + ".json";
    }

    /** {@code s3://bucket/key}, as Athena manifests and DDL name objects. */
    public static String s3Uri(String bucket, String key) {
        return "s3://" + bucket + "/" + key;
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
