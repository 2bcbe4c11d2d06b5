package io.lakegate.cli;

import io.lakegate.lake.LakeJson;
import io.lakegate.parse.CsvDialect;
import io.lakegate.parse.DetectedDialect;
import io.lakegate.validate.DecodedSample;
import io.lakegate.validate.FileSniffer;
import io.lakegate.validate.HeaderHeuristic;
import io.lakegate.validate.Rejection;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code sniff FILE...}: one JSON line per file with its encoding (how sure, and how decided), dialect and header. */
final class SniffCommand implements CommandLine.Command {

    record Sniffed(String file, String encoding, Integer encodingConfidence, String encodingSource, String compression,
            String delimiter, String quote, Boolean hasHeader, List<String> header, String error, String message) {
    }

    @Override
    public String usage() {
        return "usage: lakegate sniff FILE...";
    }

    @Override
    public String summary() {
        return "one JSON line per file: its encoding (with its confidence and source), compression, CSV dialect and header";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0) {
            throw new CommandLine.UsageException(usage());
        }
        FileSniffer sniffer = new FileSniffer(ServiceSettings.load().validation());
        int failures = 0;
        for (String arg : args) {
            Path file = Path.of(arg);
            Sniffed result = sniff(sniffer, file);
            failures += result.error() == null ? 0 : 1;
            out.println(LakeJson.line(result));
        }
        return failures == 0 ? 0 : 1;
    }

    private static Sniffed sniff(FileSniffer sniffer, Path file) throws Exception {
        String compression = file.toString().endsWith(".gz") ? "gzip" : null;
        DecodedSample text = null;
        try {
            // No contract is known here, so no source.encoding: the statistics decide, or refuse to.
            text = sniffer.readText(compression != null, Files.size(file), length -> LocalFile.readStart(file, length), List.of());
            DetectedDialect detected = sniffer.detectDialect(text);
            List<String> firstRow = FileSniffer.firstRow(text, detected);
            boolean hasHeader = HeaderHeuristic.hasHeader(firstRow);
            CsvDialect dialect = detected.dialect();
            return new Sniffed(file.toString(), text.encodingName(), text.confidence(), text.source().code(), compression,
                    String.valueOf(dialect.delimiter()), dialect.quote() == CsvDialect.NONE ? null : String.valueOf(dialect.quote()),
                    hasHeader, hasHeader ? firstRow : null, null, null);
        } catch (Rejection r) {
            return new Sniffed(file.toString(), text == null ? null : text.encodingName(), text == null ? null : text.confidence(),
                    text == null ? null : text.source().code(), compression, null, null, null, null, r.code().code(), r.getMessage());
        }
    }
}
