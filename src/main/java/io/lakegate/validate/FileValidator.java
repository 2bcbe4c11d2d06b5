package io.lakegate.validate;

import io.lakegate.contract.DataContract;
import io.lakegate.contract.HeaderMapping;
import io.lakegate.contract.HeaderMatch;
import io.lakegate.lake.LakeLayout;
import io.lakegate.parse.CsvDialect;
import io.lakegate.parse.CsvReader;
import io.lakegate.parse.DetectedDialect;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Decides whether a file may enter the lake, from its name, its size and its first bytes only, so the
 * cost does not grow with the file. Each check either passes or ends the decision with a {@link Rejection}.
 */
public final class FileValidator {

    private static final List<String> TEXT_EXTENSIONS = List.of(".csv", ".tsv", ".txt");
    private static final int MAX_SAMPLED_ROWS = 10_000;
    private static final int MAX_HEADER_LINE_CHARS = 2_000;

    private final Function<String, Optional<DataContract>> contractForKey;
    private final Supplier<List<DataContract>> allContracts;
    private final ValidationSettings settings;
    private final FileSniffer sniffer;
    private final Clock clock;
    private final String version;

    /**
     * @param contractForKey the contract whose {@code source.keys} match a raw key
     * @param allContracts   every contract, for a file no key pattern matches: one may claim it by its header,
     *                       and the refusal names the keys each takes and the contracts its header matches
     */
    public FileValidator(Function<String, Optional<DataContract>> contractForKey, Supplier<List<DataContract>> allContracts,
            ValidationSettings settings, Clock clock, String version) {
        this.contractForKey = contractForKey;
        this.allContracts = allContracts;
        this.settings = settings;
        this.sniffer = new FileSniffer(settings);
        this.clock = clock;
        this.version = version;
    }

    public ValidationReport validate(String key, long size, FileSniffer.StartOfFile start) {
        Findings findings = new Findings();
        try {
            check(key, size, start, findings);
            return findings.report(ValidationReport.VALID, acceptedMessage(findings), key, size, true);
        } catch (Rejection rejection) {
            return findings.report(rejection.code().code(), rejection.getMessage(), key, size, false);
        }
    }

    public ValidationReport internalError(String key, long size, Exception failure) {
        return new Findings().report(RejectCode.VALIDATION_FAILED.code(), "Lakegate could not validate this file because "
                + "of an internal error (" + failure + "); re-upload it once the operators have looked into it.", key, size, false);
    }

    /** The report on an object S3 will not let be read, whatever its content: {@code code} is S3's error code. */
    public ValidationReport unreadable(String key, long size, String code) {
        return new Findings().report(RejectCode.UNREADABLE_OBJECT.code(), "S3 does not let Lakegate read this object ("
                + code + "): it may be in an archived storage class such as Glacier, encrypted with a customer-provided "
                + "key, or encrypted with a KMS key Lakegate may not use. Restore it or upload it again readable.", key, size, false);
    }

    private void check(String key, long size, FileSniffer.StartOfFile start, Findings findings) throws Rejection {
        Optional<String> unsupportedName = LakeLayout.unsupportedName(key);
        if (unsupportedName.isPresent()) {
            throw new Rejection(RejectCode.UNSUPPORTED_FILE_NAME, "Lakegate cannot take a file under this name: "
                    + unsupportedName.get() + ". Upload it again under a shorter name in UTF-8.");
        }
        String name = LakeLayout.fileName(key).toLowerCase(Locale.ROOT);
        boolean gzip = name.endsWith(".gz");
        checkFileType(gzip ? name.substring(0, name.length() - 3) : name);
        if (size > settings.maxFileSize().toBytes()) {
            throw new Rejection(RejectCode.FILE_TOO_LARGE, "The file is " + humanBytes(size) + "; the limit is "
                    + humanBytes(settings.maxFileSize().toBytes()) + ". Split it into smaller files.");
        }
        Optional<DataContract> byKey = contractForKey.apply(key);
        byKey.ifPresent(contract -> findings.contract = contract);
        DecodedSample text;
        List<Row> rows;
        try {
            if (size == 0) {
                throw new Rejection(RejectCode.EMPTY_FILE, "The file is empty (0 bytes).");
            }
            text = sniffer.readText(gzip, size, start, byKey.map(c -> c.source().encodings()).orElse(List.of()));
            rows = sampleRows(text, gzip, findings);
        } catch (Rejection unreadable) {
            if (byKey.isPresent()) {
                throw unreadable;
            }
            // Unsure of the encoding without a contract: one that claims files by their header may name it.
            Optional<DecodedSample> claimed = unreadable.code() == RejectCode.AMBIGUOUS_ENCODING
                    ? sniffer.readTextForHeaderClaim(gzip, size, start, allContracts.get()) : Optional.empty();
            if (claimed.isEmpty()) {
                // Without a contract the dataset is the first thing to fix, whatever else is wrong with the file.
                throw unknownDataset(key, List.of(), findings);
            }
            text = claimed.get();
            rows = sampleRows(text, gzip, findings);
        }
        if (byKey.isEmpty()) {
            List<String> firstRow = rows.get(0).fields();
            findings.contract = HeaderMatch.claiming(allContracts.get(), firstRow)
                    .orElseThrow(() -> unknownDataset(key, firstRow, findings));
            findings.claimedByHeader = true;
            DecodedSample claimedText = sniffer.inClaimingContractsEncoding(text, findings.contract, gzip, size, start);
            if (claimedText != text) {
                rows = sampleRows(claimedText, gzip, findings);
            }
        }
        Row header = rows.get(0);
        DataContract contract = findings.contract;
        if (header.fields().size() > settings.maxColumns()) {
            throw new Rejection(RejectCode.TOO_MANY_COLUMNS, String.format(Locale.ROOT, "The header has %s%,d columns, more"
                    + " than the %,d a file may have (lakegate.validation.max-columns); check the delimiter, or split the"
                    + " file.", rows.size() == 1 ? "at least " : "", header.fields().size(), settings.maxColumns()));
        }
        findings.header = header.fields();
        HeaderMapping mapping = HeaderMapping.resolve(contract, header.fields());
        findings.mapping = mapping;
        checkHeader(contract, header, mapping);
        checkRowWidths(rows, header.fields().size());
    }

    /**
     * The refusal of a file no contract claims, saying what to do: the key patterns each contract takes, and the
     * contracts whose columns the header holds, with the mapping each would use.
     */
    private Rejection unknownDataset(String key, List<String> header, Findings findings) {
        List<DataContract> contracts = allContracts.get();
        findings.sourceKeys = new LinkedHashMap<>();
        contracts.forEach(contract -> findings.sourceKeys.put(contract.id(), contract.source().keys()));
        List<HeaderMatch> matches = header.isEmpty() ? List.of() : HeaderMatch.among(contracts, header);
        findings.header = header.isEmpty() ? null : header;
        findings.headerMatches = matches.stream()
                .map(m -> new ValidationReport.HeaderMatch(m.contract().id(), m.columnsByHeaderName())).toList();
        String patterns = contracts.stream()
                .map(contract -> contract.id() + " takes " + String.join(", ", contract.source().keys()))
                .collect(Collectors.joining("; "));
        String byHeader = matches.isEmpty()
                ? (header.isEmpty() ? "" : " Its header matches the columns of no contract either.")
                : " Its header matches the columns of " + matches.stream()
                        .map(m -> "contract " + m.contract().id() + " (" + describe(m.columnsByHeaderName()) + ")")
                        .collect(Collectors.joining(" and of ")) + ": upload it under a key that contract takes, or set "
                        + "source.matchHeader: true in the contract to let it claim files by their header.";
        return new Rejection(RejectCode.UNKNOWN_DATASET, "No data contract's source.keys matches " + key + ", so Lakegate "
                + "does not know which dataset it belongs to. Keys each contract takes: " + patterns + "." + byHeader);
    }

    private static String describe(Map<String, String> columnsByHeaderName) {
        return columnsByHeaderName.entrySet().stream()
                .map(e -> e.getKey().equals(e.getValue()) ? e.getKey() : e.getKey() + " → " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static void checkFileType(String nameWithoutGz) throws Rejection {
        if (TEXT_EXTENSIONS.stream().noneMatch(nameWithoutGz::endsWith)) {
            int dot = nameWithoutGz.lastIndexOf('.');
            String type = dot < 0 ? "without an extension" : "named *" + nameWithoutGz.substring(dot);
            throw new Rejection(RejectCode.UNSUPPORTED_FILE_TYPE, "Files " + type + " are not accepted; send delimited "
                    + "text named .csv, .tsv or .txt, optionally gzip-compressed as .gz.");
        }
    }

    private record Row(List<String> fields, long line) {
    }

    private List<Row> sampleRows(DecodedSample text, boolean gzip, Findings findings) throws Rejection {
        findings.compression = gzip ? "gzip" : null;
        findings.encoding = text.encodingName();
        findings.encodingSource = text.source();
        findings.encodingConfidence = text.confidence();
        DetectedDialect dialect = sniffer.detectDialect(text);
        findings.dialect = dialect;
        return readRows(text, dialect, findings);
    }

    private List<Row> readRows(DecodedSample text, DetectedDialect dialect, Findings findings) throws Rejection {
        checkQuotesClose(text, dialect.dialect());
        List<Row> rows = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(text.text()), dialect.dialect())) {
            reader.captureRaw(true);
            while (rows.size() < MAX_SAMPLED_ROWS && reader.next()) {
                if (rows.isEmpty()) {
                    findings.headerLine = truncate(reader.rawRecord());
                }
                rows.add(new Row(List.of(reader.fields()), reader.lineNumber()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Reading an in-memory sample failed", e);
        }
        if (rows.isEmpty()) {
            throw new Rejection(RejectCode.EMPTY_FILE, "The file holds no rows.");
        }
        boolean lastRowMayBeCut = !text.wholeFile() && rows.size() > 1;
        return lastRowMayBeCut ? rows.subList(0, rows.size() - 1) : rows;
    }

    /**
     * A quote that opens and never closes swallows the rest of the file into one field. When the detector
     * settled on "no quoting" because of exactly such a quote, parsing with double quotes shows it. A quoted
     * field still open at the end of a cut sample is only suspicious when it covers most of the sample.
     */
    private void checkQuotesClose(DecodedSample text, CsvDialect dialect) throws Rejection {
        CsvDialect quoted = dialect.quote() == CsvDialect.NONE ? new CsvDialect(dialect.delimiter(), '"', CsvDialect.NONE) : dialect;
        try (CsvReader reader = new CsvReader(new StringReader(text.text()), quoted)) {
            reader.captureRaw(true);
            long line = 0;
            String raw = "";
            boolean open = false;
            while (reader.next()) {
                line = reader.lineNumber();
                raw = reader.rawRecord();
                open = reader.endedInsideQuotes();
            }
            if (open && (text.wholeFile() || raw.length() > text.text().length() / 2)) {
                throw new Rejection(RejectCode.UNCLOSED_QUOTE, "A quoted field opened on line " + line + " is never closed"
                        + (text.wholeFile() ? "" : " within the first " + humanBytes(settings.sampleSize().toBytes()))
                        + "; every opening " + quoted.quote() + " needs a closing one.");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Reading an in-memory sample failed", e);
        }
    }

    private static void checkHeader(DataContract contract, Row header, HeaderMapping mapping) throws Rejection {
        if (!mapping.matchesAnyColumn() && HeaderHeuristic.looksLikeData(header.fields())) {
            throw new Rejection(RejectCode.MISSING_HEADER, "The first line holds values, not column names; add a header "
                    + "line naming the columns, e.g. " + String.join(", ", contract.requiredColumns()) + ".");
        }
        if (!mapping.duplicateColumns().isEmpty()) {
            throw new Rejection(RejectCode.DUPLICATE_COLUMN_NAME, "The header names " + quoteAll(mapping.duplicateColumns())
                    + " more than once (names are compared after normalization and alias mapping); each column must appear once.");
        }
        if (!mapping.missingRequired().isEmpty()) {
            String missing = mapping.missingRequired().stream()
                    .map(m -> "'" + m.column() + "'" + (m.closest().isEmpty() ? "" : " (closest in header: " + quoteAll(m.closest()) + ")"))
                    .collect(Collectors.joining(", "));
            throw new Rejection(RejectCode.MISSING_REQUIRED_COLUMNS, "Required column" + (mapping.missingRequired().size() > 1 ? "s " : " ")
                    + missing + " missing from the header of contract " + contract.id() + "; rename the column or add an alias to the contract.");
        }
        if (contract.source().strictColumns() && !mapping.extraColumns().isEmpty()) {
            throw new Rejection(RejectCode.UNEXPECTED_COLUMNS, "The header has column(s) " + quoteAll(mapping.extraColumns())
                    + " that contract " + contract.id() + " does not declare, and the contract is strict about columns.");
        }
    }

    private void checkRowWidths(List<Row> rows, int headerWidth) throws Rejection {
        List<Row> data = rows.subList(1, rows.size());
        List<Row> ragged = data.stream().filter(r -> r.fields().size() != headerWidth).toList();
        if (!ragged.isEmpty() && ragged.size() > data.size() * settings.raggedRowsLimit()) {
            String examples = ragged.stream().limit(3)
                    .map(r -> "line " + r.line() + " has " + r.fields().size())
                    .collect(Collectors.joining(", "));
            throw new Rejection(RejectCode.RAGGED_ROWS, ragged.size() + " of " + data.size() + " sampled rows do not have the "
                    + "header's " + headerWidth + " fields (" + examples + "); check the delimiter and quoting.");
        }
    }

    private static String acceptedMessage(Findings findings) {
        String claimed = findings.claimedByHeader ? " No contract's source.keys matches its key; the contract claims it by"
                + " its header (source.matchHeader)." : "";
        String extra = findings.mapping.extraColumns().isEmpty() ? ""
                : " Columns the contract does not declare are ignored: " + quoteAll(findings.mapping.extraColumns()) + ".";
        return "The file is valid for contract " + findings.contract.id() + "." + claimed + extra;
    }

    private static String quoteAll(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }

    private static String truncate(String line) {
        return line.length() <= MAX_HEADER_LINE_CHARS ? line : line.substring(0, MAX_HEADER_LINE_CHARS) + "…";
    }

    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    }

    /** What the checks learned before deciding, reported whatever the verdict. */
    private final class Findings {
        DataContract contract;
        String encoding;
        DecodedSample.EncodingSource encodingSource;
        Integer encodingConfidence;
        String compression;
        DetectedDialect dialect;
        String headerLine;
        List<String> header;
        HeaderMapping mapping;
        boolean claimedByHeader;
        Map<String, List<String>> sourceKeys;
        List<ValidationReport.HeaderMatch> headerMatches;

        ValidationReport report(String code, String message, String key, long size, boolean accepted) {
            ValidationReport.Detected detected = encoding == null ? null : new ValidationReport.Detected(
                    encoding, encodingConfidence, encodingSource.code(), compression,
                    dialect == null ? null : String.valueOf(dialect.dialect().delimiter()),
                    dialect == null ? null : quoteName(dialect),
                    headerLine);
            List<ValidationReport.MissingColumn> missing = mapping == null ? null : mapping.missingRequired().stream()
                    .map(m -> new ValidationReport.MissingColumn(m.column(), m.closest())).toList();
            var now = clock.instant();
            return new ValidationReport(code, message, key, size, detected, header, missing,
                    mapping == null ? null : mapping.extraColumns(),
                    mapping == null ? null : mapping.duplicateColumns(),
                    contract == null ? null : new ValidationReport.ContractRef(contract.id(), contract.version()),
                    sourceKeys, headerMatches, accepted ? now : null, accepted ? null : now, version);
        }

        private String quoteName(DetectedDialect d) {
            return d.dialect().quote() == CsvDialect.NONE ? null : String.valueOf(d.dialect().quote());
        }
    }
}
