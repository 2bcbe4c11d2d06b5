package io.lakegate.process;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.lakegate.lake.LakeJson;
import io.lakegate.record.RowReason;
import io.lakegate.record.TypedRecord;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes one file's rejected rows twice, streaming to local files: NDJSON for machines (the original line,
 * the fields by header name, every reason) and CSV for people (the original columns plus the reasons, made
 * safe to open in a spreadsheet).
 */
final class RejectedRowsWriter implements Closeable {

    private static final int SAMPLE_REASONS = 20;

    private final Path jsonFile;
    private final Path csvFile;
    private final String sourceFile;
    private final List<String> header;
    private JsonGenerator json;
    private BufferedWriter csv;
    private long rows;
    private final List<String> sampleReasons = new ArrayList<>();

    RejectedRowsWriter(Path workDirectory, String runId, String sourceFile, List<String> header) {
        this.jsonFile = workDirectory.resolve(runId + "-rejects.ndjson");
        this.csvFile = workDirectory.resolve(runId + "-rejects.csv");
        this.sourceFile = sourceFile;
        this.header = header;
    }

    void write(TypedRecord row) throws IOException {
        if (json == null) {
            open();
        }
        String[] fields = row.sourceFields();
        writeJson(row, fields);
        writeCsv(row, fields);
        rows++;
        if (sampleReasons.size() < SAMPLE_REASONS) {
            sampleReasons.add("line " + row.sourceLine() + ": " + row.rejectReasons().get(0).message());
        }
    }

    long rows() {
        return rows;
    }

    /** The first rejected rows' first reasons, for a file refused whole. */
    List<String> sampleReasons() {
        return sampleReasons;
    }

    Path jsonFile() {
        return jsonFile;
    }

    Path csvFile() {
        return csvFile;
    }

    private void open() throws IOException {
        json = LakeJson.mapper().getFactory().createGenerator(Files.newBufferedWriter(jsonFile, StandardCharsets.UTF_8));
        json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
        csv = Files.newBufferedWriter(csvFile, StandardCharsets.UTF_8);
        for (String name : header) {
            writeCsvCell(csv, name);
            csv.write(',');
        }
        csv.write("source_line,reject_reasons\r\n");
    }

    private void writeJson(TypedRecord row, String[] fields) throws IOException {
        JsonGenerator g = json;
        g.writeStartObject();
        g.writeStringField("source_file", sourceFile);
        g.writeNumberField("line", row.sourceLine());
        g.writeStringField("original", row.sourceText());
        g.writeObjectFieldStart("fields");
        for (int i = 0; i < fields.length; i++) {
            g.writeStringField(i < header.size() ? header.get(i) : "column_" + (i + 1), fields[i]);
        }
        g.writeEndObject();
        g.writeArrayFieldStart("reasons");
        for (RowReason reason : row.rejectReasons()) {
            g.writeStartObject();
            g.writeStringField("rule", reason.rule());
            g.writeStringField("column", reason.column());
            g.writeStringField("code", reason.code());
            g.writeStringField("message", reason.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void writeCsv(TypedRecord row, String[] fields) throws IOException {
        for (int i = 0; i < header.size(); i++) {
            writeCsvCell(csv, i < fields.length ? fields[i] : "");
            csv.write(',');
        }
        csv.write(Long.toString(row.sourceLine()));
        csv.write(',');
        writeCsvCell(csv, row.rejectReasons().stream()
                .map(r -> r.code() + (r.column() == null ? "" : "(" + r.column() + ")") + ": " + r.message())
                .collect(Collectors.joining("; ")));
        csv.write("\r\n");
    }

    /** RFC 4180 quoting, after neutralising what a spreadsheet would run as a formula. */
    static void writeCsvCell(Writer out, String value) throws IOException {
        String safe = SpreadsheetSafety.neutralise(value);
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0;
        if (!quote) {
            out.write(safe);
            return;
        }
        out.write('"');
        out.write(safe.replace("\"", "\"\""));
        out.write('"');
    }

    @Override
    public void close() throws IOException {
        if (json != null) {
            json.writeRaw('\n');
            json.close();
            csv.close();
            json = null;
        }
    }

    void deleteFiles() throws IOException {
        close();
        Files.deleteIfExists(jsonFile);
        Files.deleteIfExists(csvFile);
    }
}
