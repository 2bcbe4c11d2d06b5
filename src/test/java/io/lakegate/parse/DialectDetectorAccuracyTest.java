package io.lakegate.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Measures the detector on real files annotated by hand (P-CSVsniffer's test set: Pollock's benchmark,
 * CleverCSV's curated files and the W3C CSVW tests). Each file is decoded with its annotated encoding, as the
 * encoding detector would have done, and only its first 64 KiB are shown to the detector, as in the service.
 */
class DialectDetectorAccuracyTest {

    /** Tests run with the project as working directory; the shared corpora sit beside it. */
    private static final Path CORPUS = Path.of("..", "shared", "corpora", "dialects");
    private static final int SAMPLE_BYTES = 64 * 1024;
    private static final double REQUIRED_DELIMITER_ACCURACY = 0.95;

    private static final Map<String, Character> CHARACTER_WORDS = Map.of(
            "comma", ',', "semicolon", ';', "tab", '\t', "space", ' ', "vslash", '|', "nsign", '#',
            "colon", ':', "doublequote", '"', "singlequote", '\'', "quote", '\'');
    private static final Map<String, String> CHARSET_WORDS = Map.of(
            "utf8", "UTF-8", "ascii", "US-ASCII", "ansi", "windows-1252", "windows-1251", "windows-1251",
            "utf16", "UTF-16");

    private final DialectDetector detector = new DialectDetector();

    @Test
    void detectsTheAnnotatedDelimiterOfAtLeast95PercentOfRealFiles() throws IOException {
        assumeTrue(Files.isDirectory(CORPUS.resolve("ground_truth")),
                "../shared/corpora is absent (no " + CORPUS.toAbsolutePath().normalize() + "): accuracy test skipped");
        List<Annotation> annotations = annotationsOfPresentFiles();
        assertThat(annotations).isNotEmpty();

        int delimiterHits = 0;
        int dialectHits = 0;
        List<String> misses = new ArrayList<>();
        for (Annotation expected : annotations) {
            Optional<DetectedDialect> detected = detector.detect(sampleOf(expected), sizeOf(expected) <= SAMPLE_BYTES);
            CsvDialect dialect = detected.map(DetectedDialect::dialect).orElse(null);
            boolean delimiterRight = dialect != null && dialect.delimiter() == expected.delimiter();
            boolean quoteRight = delimiterRight && dialect.quote() == expected.quote();
            delimiterHits += delimiterRight ? 1 : 0;
            dialectHits += quoteRight ? 1 : 0;
            if (!quoteRight) {
                misses.add(String.format("  %-8s %s: expected %s, got %s", delimiterRight ? "quote" : "DELIM",
                        expected.file().getFileName(), describe(expected.delimiter(), expected.quote()),
                        dialect == null ? "nothing" : describe(dialect.delimiter(), dialect.quote())));
            }
        }
        double delimiterAccuracy = (double) delimiterHits / annotations.size();
        System.out.printf("Dialect detection on %d annotated files: delimiter %.2f%% (%d), delimiter+quote %.2f%% (%d)%n",
                annotations.size(), 100 * delimiterAccuracy, delimiterHits,
                100.0 * dialectHits / annotations.size(), dialectHits);
        misses.forEach(System.out::println);
        assertThat(delimiterAccuracy).as("delimiter accuracy").isGreaterThanOrEqualTo(REQUIRED_DELIMITER_ACCURACY);
    }

    private static String describe(char delimiter, char quote) {
        return new CsvDialect(delimiter, quote, CsvDialect.NONE).describeDelimiter()
                + "/" + (quote == CsvDialect.NONE ? "no quote" : String.valueOf(quote));
    }

    private static String sampleOf(Annotation annotation) throws IOException {
        try (InputStream in = Files.newInputStream(annotation.file())) {
            return new String(in.readNBytes(SAMPLE_BYTES), annotation.charset());
        }
    }

    private static long sizeOf(Annotation annotation) throws IOException {
        return Files.size(annotation.file());
    }

    /**
     * Reads every annotation file; W3C-CSVW's annotations describe the files of the folder of that name, the
     * others the files of CSV/. Annotated files that were not shipped are left out.
     */
    private static List<Annotation> annotationsOfPresentFiles() throws IOException {
        List<Annotation> annotations = new ArrayList<>();
        List<Path> groundTruths;
        try (Stream<Path> listing = Files.list(CORPUS.resolve("ground_truth"))) {
            groundTruths = listing.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        for (Path groundTruth : groundTruths) {
            Path folder = CORPUS.resolve(groundTruth.getFileName().toString().startsWith("W3C-CSVW") ? "W3C-CSVW" : "CSV");
            List<String> lines = Files.readAllLines(groundTruth).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .skip(1)
                    .toList();
            for (String line : lines) {
                String[] columns = line.split("\\|", -1);
                Path file = folder.resolve(columns[0]);
                if (Files.isRegularFile(file)) {
                    annotations.add(new Annotation(file, Charset.forName(CHARSET_WORDS.get(columns[1])),
                            CHARACTER_WORDS.get(columns[2]),
                            columns[3].isEmpty() ? CsvDialect.NONE : CHARACTER_WORDS.get(columns[3])));
                }
            }
        }
        return annotations;
    }

    private record Annotation(Path file, Charset charset, char delimiter, char quote) {
    }
}
