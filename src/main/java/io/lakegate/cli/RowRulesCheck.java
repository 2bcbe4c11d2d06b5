package io.lakegate.cli;

import io.lakegate.contract.DataContract;
import io.lakegate.contract.HeaderMapping;
import io.lakegate.parse.CsvDialect;
import io.lakegate.parse.CsvReader;
import io.lakegate.process.ColumnReaders;
import io.lakegate.process.RawBatch;
import io.lakegate.quality.QualityRules;
import io.lakegate.record.RecordSchema;
import io.lakegate.record.RowReason;
import io.lakegate.record.TypedRecord;
import io.lakegate.validate.DecodedSample;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The row rules of {@code check --rows}: every row of a local file read into the contract's types by processing's
 * own column readers and put through the contract's quality rules, counted as processing counts them, without a
 * lake and without Parquet. As in processing, each column's reading is decided once from the first batch.
 */
final class RowRulesCheck {

    /** The first rejected rows shown, as processing keeps the first ones as the sample of a refused file. */
    static final int FIRST_REJECTS = 5;

    record RejectedRow(long line, String original, List<RowReason> reasons) {
    }

    /** What processing would count; {@code wouldBeRefused} when the rejects exceed the contract's maxRejectedPercent. */
    record RowsReport(String contract, long rowsRead, long rowsGood, long rowsRejected, long rowsWarned,
            Map<String, Long> rejectsByRule, Map<String, Long> warningsByRule, Double maxRejectedPercent,
            boolean wouldBeRefused, List<RejectedRow> firstRejects, Map<String, String> columnDecisions) {
    }

    private RowRulesCheck() {
    }

    static RowsReport run(Path file, DecodedSample sample, CsvDialect dialect, DataContract contract,
            int batchRows) throws IOException {
        Path spill = Files.createTempDirectory("lakegate-check");
        try (CsvReader reader = open(file, sample, dialect)) {
            reader.captureRaw(true);
            if (!reader.next()) {
                throw new IOException(file + " has no header line");
            }
            List<String> header = new ArrayList<>(List.of(reader.fields()));
            header.set(0, header.get(0).replace("\uFEFF", ""));
            HeaderMapping mapping = HeaderMapping.resolve(contract, header);
            RecordSchema schema = RecordSchema.of(contract);
            Tally tally = new Tally();
            RawBatch batch = new RawBatch(batchRows);
            TypedRecord typed = new TypedRecord(schema.size());
            ColumnReaders readers = null;
            try (QualityRules rules = QualityRules.compile(contract, schema, spill)) {
                for (int sequence = 0; fill(batch, sequence, reader); sequence++) {
                    if (readers == null) {
                        readers = ColumnReaders.decide(contract, schema, mapping, header.size(), batch, Instant.now());
                    }
                    for (int i = 0; i < batch.size(); i++) {
                        readers.read(batch, i, typed);
                        rules.apply(typed);
                        tally.count(typed);
                    }
                }
            }
            Double limit = contract.qualityOrDefault().maxRejectedPercent();
            return new RowsReport(contract.id(), tally.read, tally.read - tally.rejected, tally.rejected, tally.warned,
                    tally.rejectsByRule, tally.warningsByRule, limit,
                    limit != null && tally.rejected * 100.0 > limit * tally.read, tally.firstRejects,
                    readers == null ? Map.of() : readers.decisions());
        } finally {
            try (Stream<Path> files = Files.walk(spill)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Refills the batch with the next rows; false when the file has none left. */
    private static boolean fill(RawBatch batch, int sequence, CsvReader reader) throws IOException {
        batch.refill(sequence);
        while (!batch.full() && reader.next()) {
            batch.add(reader);
        }
        return batch.size() > 0;
    }

    private static CsvReader open(Path file, DecodedSample sample, CsvDialect dialect) throws IOException {
        InputStream content = Files.newInputStream(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            content = new GZIPInputStream(content, 1 << 16);
        }
        return new CsvReader(new InputStreamReader(content, sample.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), dialect);
    }

    private static final class Tally {
        long read;
        long rejected;
        long warned;
        final Map<String, Long> rejectsByRule = new TreeMap<>();
        final Map<String, Long> warningsByRule = new TreeMap<>();
        final List<RejectedRow> firstRejects = new ArrayList<>();

        void count(TypedRecord row) {
            read++;
            if (row.rejected()) {
                rejected++;
                row.rejectReasons().forEach(reason -> rejectsByRule.merge(reason.rule(), 1L, Long::sum));
                if (firstRejects.size() < FIRST_REJECTS) {
                    firstRejects.add(new RejectedRow(row.sourceLine(), row.sourceText(), List.copyOf(row.rejectReasons())));
                }
            } else if (!row.warnings().isEmpty()) {
                warned++;
            }
            row.warnings().forEach(reason -> warningsByRule.merge(reason.rule(), 1L, Long::sum));
        }
    }
}
