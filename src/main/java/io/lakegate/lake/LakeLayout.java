package io.lakegate.lake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
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
    /** Records of objects refused but impossible to move, so they are not decided again on every poll. */
    public static final String QUARANTINE = "_quarantine/";

    /** S3's limit on a key, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;
    /**
     * The longest path segment of a key the lake writes, in UTF-8 bytes. The embedded server stores a key as a
     * file path, where a name may have 255 bytes (ext4 and most others), and writes each object first as
     * {@code <name>-<UUID>} (37 bytes more) before renaming it. One limit for every store, so the keys of a
     * lake do not depend on where it is kept.
     */
    public static final int MAX_SEGMENT_BYTES = 255 - 37;
    // A shortened segment ends in this mark and 16 hex digits of the SHA-256 of what it stands for.
    private static final char SHORTENED = '~';
    private static final int HASH_HEX = 16;
    private static final int MAX_KEPT_EXTENSION = 10;

    private static final String REASON_SUFFIX = ".reason.json";
    private static final String GOLD_DATA = "data/";
    private static final String PART_PREFIX = "part-";
    private static final String PARQUET = ".parquet";
    private static final Pattern RUN_ID = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-z]+");
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

    /**
     * Why a raw key cannot enter the lake, or empty when it can. A file keeps its path from raw/ to validated/,
     * so that path must be a key the lake can write: valid UTF-8, no segment over {@link #MAX_SEGMENT_BYTES}, the
     * validated key within {@link #MAX_KEY_BYTES}. Keys derived from it (archive, lease, reject) are shortened
     * as needed and never make a name unsupported.
     */
    public static Optional<String> unsupportedName(String rawKey) {
        String path = pathInZone(rawKey, RAW);
        if (!isClean(path)) {
            return Optional.of("the name holds bytes that are not UTF-8 text, or characters that are not allowed");
        }
        for (String segment : path.split("/", -1)) {
            int bytes = utf8Length(segment);
            if (bytes > MAX_SEGMENT_BYTES) {
                return Optional.of("the name '" + abbreviated(segment) + "' is " + bytes + " bytes long; the lake allows "
                        + MAX_SEGMENT_BYTES + " bytes per folder or file name");
            }
        }
        int validatedBytes = utf8Length(validatedKeyFor(rawKey));
        if (validatedBytes > MAX_KEY_BYTES) {
            return Optional.of("its key would be " + validatedBytes + " bytes long in validated/; S3 allows " + MAX_KEY_BYTES);
        }
        return Optional.empty();
    }

    /**
     * Where a file refused whole goes: {@code rejected/system/<zone>/<path>}, so a refusal in raw/ and one in
     * validated/ of the same path never overwrite each other. Long names are shortened, leaving room for the
     * reason beside it ({@link #reasonKeyFor}).
     */
    public static String systemRejectKeyFor(String key) {
        String zone = zoneOf(key);
        return fitted(REJECTED_SYSTEM + zone, pathInZone(key, zone), "", REASON_SUFFIX.length());
    }

    /** The reason beside a reject; {@link #systemRejectKeyFor} keeps room for its suffix. */
    public static String reasonKeyFor(String rejectKey) {
        return rejectKey + REASON_SUFFIX;
    }

    /** Where objects of a zone that could be neither read nor moved are recorded: {@code _quarantine/<zone>}. */
    public static String quarantinePrefix(String zone) {
        return QUARANTINE + zone;
    }

    /**
     * The record of one version of an object that was refused but could not be moved. The version is in the key,
     * so listing the records tells which objects to leave alone, and a new upload of the same name is decided.
     */
    public static String quarantineKeyFor(LakeObject object) {
        String zone = zoneOf(object.key());
        String version = hash(object.eTag() + "|" + object.size()).substring(0, 8);
        return fitted(quarantinePrefix(zone), pathInZone(object.key(), zone), "." + version + ".json", 0);
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

    /**
     * {@code rejected/data_quality/json/<ds>/date=<d>/<file>_<ingest_run_id>.ndjson}: the rows of one file that failed
     * the contract, named after the file they came from ({@code <file>} is its name without the extension).
     */
    public static String dataQualityRejectsJsonKey(String dataset, LocalDate ingestDate, String sourceKey, String runId) {
        return dataQualityRejectsKey(REJECTED_DATA_QUALITY_JSON, dataset, ingestDate, sourceKey, runId, ".ndjson");
    }

    /** The same rows as {@link #dataQualityRejectsJsonKey}, as CSV for people: {@code …/<file>_<ingest_run_id>.csv}. */
    public static String dataQualityRejectsCsvKey(String dataset, LocalDate ingestDate, String sourceKey, String runId) {
        return dataQualityRejectsKey(REJECTED_DATA_QUALITY_CSV, dataset, ingestDate, sourceKey, runId, ".csv");
    }

    private static String dataQualityRejectsKey(String zone, String dataset, LocalDate ingestDate, String sourceKey,
            String runId, String extension) {
        String name = fileName(sourceKey);
        String stem = name.substring(0, name.length() - extensionOf(name).length());
        return fitted(zone + dataset + "/" + DATE_PARTITION + ingestDate + "/", stem, "_" + runId + extension, 0);
    }

    /**
     * {@code archive/validated/<path>_<ingest_run_id>.<ext>}: the source file kept as it was received, under its own
     * path and extension. The run id starts with the time the file was accepted.
     */
    public static String archiveKey(String validatedKey, String runId) {
        String path = pathInZone(validatedKey, VALIDATED);
        String extension = extensionOf(fileName(path));
        return fitted(ARCHIVE_VALIDATED, path.substring(0, path.length() - extension.length()), "_" + runId + extension, 0);
    }

    /** A file name's extension, with {@code .gz} and the one before it together: {@code .csv}, {@code .csv.gz}, or empty. */
    static String extensionOf(String name) {
        int dot = name.lastIndexOf('.');
        if (dot > 0 && name.substring(dot).equalsIgnoreCase(".gz")) {
            int inner = name.lastIndexOf('.', dot - 1);
            dot = inner > 0 ? inner : dot;
        }
        return dot > 0 ? name.substring(dot) : "";
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

    /** Where a gold table's Iceberg data and metadata live: {@code s3://bucket/gold/<ds>}. */
    public static String goldTableLocation(String bucket, String dataset) {
        return s3Uri(bucket, GOLD + dataset);
    }

    /**
     * A gold data file: {@code gold/<ds>/data/<partition>/<runId>-<n>.parquet}, where the partition folder is
     * Iceberg's own ({@code sold_at_day=2024-05-01}), so the table's files look as any Iceberg writer lays them out.
     */
    public static String goldDataFileKey(String dataset, String partitionPath, String runId, int sequence) {
        return String.format("%s%s%s/%s-%05d.parquet", goldDatasetPrefix(dataset), GOLD_DATA, partitionPath, runId, sequence);
    }

    /** Where a gold table's data files live; a file here that no snapshot names is an orphan of a failed run. */
    public static String goldDataPrefix(String dataset) {
        return goldDatasetPrefix(dataset) + GOLD_DATA;
    }

    /** A gold compaction run's id: when it started plus a few random characters, unique across replicas. */
    public static String compactionRunId(Instant startedAt, String suffix) {
        return COMPACT_TIMESTAMP.format(startedAt) + "-" + suffix;
    }

    /** The object a compaction holds while it works on a gold table, so replicas never compact it twice at once. */
    public static String goldLeaseKey(String dataset) {
        return LEASES + GOLD + dataset + ".json";
    }

    /** The object a replica holds while it processes a validated file. */
    public static String processingLeaseKey(String validatedKey) {
        return fitted(LEASES + VALIDATED, pathInZone(validatedKey, VALIDATED), ".json", 0);
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

    /** {@code s3://bucket/key}, as Iceberg metadata and DDL name objects. */
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

    /**
     * {@code prefix + path + suffix}, with every segment within {@link #MAX_SEGMENT_BYTES} and the key within
     * {@link #MAX_KEY_BYTES}, each less {@code reserve} bytes that a caller appends later. A segment that does not
     * fit, or holds characters a key should not, is shortened; a path too long even so becomes one segment.
     */
    private static String fitted(String prefix, String path, String suffix, int reserve) {
        String[] segments = path.split("/", -1);
        StringBuilder key = new StringBuilder(prefix);
        for (int i = 0; i < segments.length - 1; i++) {
            key.append(fittedSegment(segments[i], "", 0)).append('/');
        }
        key.append(fittedSegment(segments[segments.length - 1], suffix, reserve));
        if (utf8Length(key) + reserve <= MAX_KEY_BYTES) {
            return key.toString();
        }
        // Hashed over the whole path, so two deep paths ending in the same name still get distinct keys.
        return prefix + shortened(segments[segments.length - 1], path, suffix, reserve);
    }

    private static String fittedSegment(String segment, String suffix, int reserve) {
        if (isClean(segment) && utf8Length(segment) + utf8Length(suffix) + reserve <= MAX_SEGMENT_BYTES) {
            return segment + suffix;
        }
        return shortened(segment, segment, suffix, reserve);
    }

    /**
     * A readable start of {@code name} (characters a key should not hold made {@code _}), {@code ~}, a hash of
     * {@code identity}, the name's extension and the suffix: deterministic, and distinct for distinct identities.
     */
    private static String shortened(String name, String identity, String suffix, int reserve) {
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_KEPT_EXTENSION && isClean(name.substring(dot))
                ? name.substring(dot) : "";
        String tail = SHORTENED + hash(identity).substring(0, HASH_HEX) + extension + suffix;
        int budget = MAX_SEGMENT_BYTES - reserve - utf8Length(tail);
        String stem = name.substring(0, name.length() - extension.length());
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < stem.length(); ) {
            int c = stem.codePointAt(i);
            i += Character.charCount(c);
            String character = isCleanCodePoint(c) ? new String(Character.toChars(c)) : "_";
            bytes += utf8Length(character);
            if (bytes > budget) {
                break;
            }
            kept.append(character);
        }
        return kept + tail;
    }

    // Unpaired surrogates cannot be written as UTF-8; U+FFFD stands for bytes that were not UTF-8 to begin with.
    private static boolean isClean(String text) {
        return text.codePoints().allMatch(LakeLayout::isCleanCodePoint);
    }

    private static boolean isCleanCodePoint(int c) {
        return c != 0xFFFD && c != 0 && Character.getType(c) != Character.SURROGATE;
    }

    private static int utf8Length(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static String abbreviated(String segment) {
        return segment.codePointCount(0, segment.length()) <= 40 ? segment
                : segment.substring(0, segment.offsetByCodePoints(0, 40)) + "…";
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256", e);
        }
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
