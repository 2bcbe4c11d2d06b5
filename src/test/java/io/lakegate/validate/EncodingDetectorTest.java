package io.lakegate.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lakegate.validate.DecodedSample.EncodingSource;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Known text (src/test/resources/encodings, sales rows written in each language) saved in each code page a
 * producer may use: the detector reads it right or refuses it as ambiguous, and never reads it wrong.
 */
class EncodingDetectorTest {

    private static final Path TEXTS = Path.of("src", "test", "resources", "encodings");
    /** Tests run with the project as working directory; the shared corpora sit beside it. */
    private static final Path CORPUS = Path.of("..", "shared", "corpora", "dialects");
    private static final int SAMPLE_BYTES = 64 * 1024;

    private static final List<String[]> CODE_PAGES = List.of(
            new String[] {"ru", "windows-1251"}, new String[] {"ru", "KOI8-R"}, new String[] {"ru", "ISO-8859-5"},
            new String[] {"ru", "UTF-16LE"}, new String[] {"ru", "UTF-16BE"},
            new String[] {"cs", "windows-1250"}, new String[] {"cs", "ISO-8859-2"},
            new String[] {"pl", "windows-1250"}, new String[] {"pl", "ISO-8859-2"},
            new String[] {"el", "windows-1253"}, new String[] {"el", "ISO-8859-7"}, new String[] {"tr", "windows-1254"},
            new String[] {"ja", "Shift_JIS"}, new String[] {"ja", "EUC-JP"}, new String[] {"zh-cn", "GB18030"},
            new String[] {"zh-tw", "Big5"}, new String[] {"ko", "EUC-KR"},
            new String[] {"de", "windows-1252"}, new String[] {"de", "UTF-16LE"}, new String[] {"de", "UTF-16BE"});

    private final EncodingDetector detector = new EncodingDetector(List.of(Charset.forName("windows-1252")));

    private record Sample(String language, Charset charset, String shape, String text) {
        byte[] bytes() {
            return text.getBytes(charset);
        }
    }

    @Test
    void readsEveryScriptRightFromAFewKilobytes() throws IOException, Rejection {
        for (String[] page : CODE_PAGES) {
            Sample whole = samples(page[0], Charset.forName(page[1])).get(0);

            DecodedSample decoded = decode(whole, List.of());

            assertThat(decoded.text()).as("%s in %s", whole.language(), whole.charset()).isEqualTo(whole.text());
            assertThat(decoded.source()).isEqualTo(EncodingSource.DETECTED);
        }
    }

    @Test
    void readsShortAndSparseSamplesRightOrRefusesThemButNeverMisreads() throws IOException {
        Map<String, int[]> outcomes = new TreeMap<>();
        List<String> misreads = new ArrayList<>();
        for (String[] page : CODE_PAGES) {
            for (Sample sample : samples(page[0], Charset.forName(page[1]))) {
                int[] counts = outcomes.computeIfAbsent(sample.shape(), shape -> new int[3]);
                try {
                    DecodedSample decoded = decode(sample, List.of());
                    if (decoded.text().equals(sample.text())) {
                        counts[0]++;
                    } else {
                        counts[2]++;
                        misreads.add(sample.language() + " " + sample.shape() + " in " + sample.charset() + " read as "
                                + decoded.charset() + " (" + decoded.confidence() + ")");
                    }
                } catch (Rejection rejection) {
                    assertThat(rejection.code()).as(rejection.getMessage()).isEqualTo(RejectCode.AMBIGUOUS_ENCODING);
                    counts[1]++;
                }
            }
        }
        outcomes.forEach((shape, counts) -> System.out.printf("Encoding of %-26s right %2d, refused %2d, misread %d%n",
                shape, counts[0], counts[1], counts[2]));
        assertThat(misreads).isEmpty();
    }

    @Test
    void keepsReadingWindows1252AsWindows1252() throws IOException, Rejection {
        Sample german = samples("de", Charset.forName("windows-1252")).get(0);

        DecodedSample decoded = decode(german, List.of());

        assertThat(decoded.charset().name()).isEqualTo("windows-1252");
        assertThat(decoded.confidence()).isGreaterThanOrEqualTo(EncodingDetector.SURE);
    }

    @Test
    void keepsReadingAFewAccentedLatinWordsAsWindows1252() throws Rejection {
        for (String text : List.of("id,name\n1,Café\n", "id,name\n1,Müller\n", "id,name\n1,José García\n2,Ørsted\n")) {
            DecodedSample decoded = detector.decode(text.getBytes(Charset.forName("windows-1252")), true, List.of());

            assertThat(decoded.text()).isEqualTo(text);
        }
    }

    @Test
    void refusesAFewCyrillicWordsAsAmbiguousShowingALineReadEachWay() {
        byte[] bytes = "id;city;amount\n1;Тверь;10\n".getBytes(Charset.forName("windows-1251"));

        assertThatThrownBy(() -> detector.decode(bytes, true, List.of()))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo(RejectCode.AMBIGUOUS_ENCODING))
                .hasMessageContaining("windows-1251").hasMessageContaining("windows-1252")
                .hasMessageContaining("as windows-1251: \"1;Тверь;10\"")
                .hasMessageContaining("source.encoding");
    }

    @Test
    void readsTheEncodingTheContractPinsWithoutStatistics() throws Rejection {
        byte[] bytes = "id;city;amount\n1;Тверь;10\n".getBytes(Charset.forName("windows-1251"));

        DecodedSample decoded = detector.decode(bytes, true, List.of(Charset.forName("windows-1251")));

        assertThat(decoded.text()).contains("Тверь");
        assertThat(decoded.source()).isEqualTo(EncodingSource.PINNED);
        assertThat(decoded.confidence()).isNull();
    }

    @Test
    void pinsTheEncodingOfAnAsciiSampleSoTheRestOfTheFileIsReadInIt() throws Rejection {
        DecodedSample decoded = detector.decode("id;amount\n1;10\n".getBytes(StandardCharsets.US_ASCII), false,
                List.of(Charset.forName("KOI8-R")));

        assertThat(decoded.charset().name()).isEqualTo("KOI8-R");
        assertThat(decoded.source()).isEqualTo(EncodingSource.PINNED);
    }

    @Test
    void readsValidUtf8AsUtf8WhateverTheContractPins() throws Rejection {
        DecodedSample decoded = detector.decode("id;city\n1;Тверь\n".getBytes(StandardCharsets.UTF_8), true,
                List.of(Charset.forName("windows-1251")));

        assertThat(decoded.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(decoded.source()).isEqualTo(EncodingSource.UTF8);
    }

    @Test
    void refusesBytesThePinnedEncodingDoesNotDefine() {
        byte[] bytes = {'i', 'd', '\n', '1', (byte) 0x98, '\n'};

        assertThatThrownBy(() -> detector.decode(bytes, true, List.of(Charset.forName("windows-1251"))))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo(RejectCode.INVALID_ENCODING))
                .hasMessageContaining("not valid windows-1251, the encoding its contract's source.encoding names");
    }

    @Test
    void choosesOnlyAmongTheEncodingsTheContractLists() throws IOException, Rejection {
        Sample czech = samples("cs", Charset.forName("windows-1250")).get(0);

        DecodedSample decoded = detector.decode(czech.bytes(), true,
                List.of(Charset.forName("windows-1252"), Charset.forName("windows-1250")));
        assertThat(decoded.charset().name()).isEqualTo("windows-1250");
        assertThatThrownBy(() -> detector.decode(czech.bytes(), true,
                List.of(Charset.forName("windows-1252"), Charset.forName("windows-1251"))))
                .isInstanceOf(Rejection.class);
    }

    @Test
    void tellsUtf16WithoutByteOrderMarkFromBinaryContent() throws Rejection {
        DecodedSample decoded = detector.decode("id,city\n1,Тверь\n".getBytes(StandardCharsets.UTF_16BE), true, List.of());

        assertThat(decoded.text()).isEqualTo("id,city\n1,Тверь\n");
        assertThat(decoded.source()).isEqualTo(EncodingSource.DETECTED);
        assertThatThrownBy(() -> detector.decode(new byte[] {'a', 0, 0, 'b', 'c', 0, 0, 'd'}, true, List.of()))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo(RejectCode.BINARY_CONTENT));
    }

    @Test
    void tellsHowEachEncodingWasDecided() throws Rejection {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', '\n'};

        assertThat(detector.decode(bom, true, List.of()).source()).isEqualTo(EncodingSource.BOM);
        assertThat(detector.decode("a\n".getBytes(StandardCharsets.US_ASCII), true, List.of()).source())
                .isEqualTo(EncodingSource.UTF8);
    }

    @ParameterizedTest
    @CsvSource({"2_18-05-2011-17-21-59_0.csv", "alfa_example.csv", "load_fund_structure_data.csv"})
    void readsTheWindows1251FilesOfTheSharedCorporaRightOrRefusesThem(String name) throws IOException {
        Path file = CORPUS.resolve("CSV").resolve(name);
        assumeTrue(Files.isRegularFile(file), file.toAbsolutePath().normalize() + " is absent: corpus file skipped");
        byte[] bytes;
        try (var in = Files.newInputStream(file)) {
            bytes = in.readNBytes(SAMPLE_BYTES);
        }
        boolean whole = Files.size(file) <= SAMPLE_BYTES;

        try {
            DecodedSample decoded = detector.decode(bytes, whole, List.of());
            assertThat(decoded.charset().name()).isEqualTo("windows-1251");
        } catch (Rejection rejection) {
            assertThat(rejection.code()).as(rejection.getMessage()).isEqualTo(RejectCode.AMBIGUOUS_ENCODING);
        }
    }

    @ParameterizedTest
    @CsvSource({"ESCC-payment-data-Q2281011.csv", "mth-10-january-2014.csv"})
    void readsTheAnsiFilesOfTheSharedCorporaAsWindows1252AsBefore(String name) throws IOException, Rejection {
        Path file = CORPUS.resolve("W3C-CSVW").resolve(name);
        assumeTrue(Files.isRegularFile(file), file.toAbsolutePath().normalize() + " is absent: corpus file skipped");
        byte[] bytes;
        try (var in = Files.newInputStream(file)) {
            bytes = in.readNBytes(SAMPLE_BYTES);
        }

        DecodedSample decoded = detector.decode(bytes, Files.size(file) <= SAMPLE_BYTES, List.of());

        assertThat(decoded.charset().name()).isEqualTo("windows-1252");
    }

    @Test
    void readsPoundSignsAsWindows1252ThoughShiftJisReadsThemToo() throws Rejection {
        String text = "supplier,amount\nBT PLC,£512\nAcme Ltd,£1200\n";

        assertThat(detector.decode(text.getBytes(Charset.forName("windows-1252")), true, List.of()).text()).isEqualTo(text);
    }

    private DecodedSample decode(Sample sample, List<Charset> declared) throws Rejection {
        return detector.decode(sample.bytes(), true, declared);
    }

    /**
     * The language's rows in four shapes: the whole file (about 1.5-2.5 KB); English columns with the city as the
     * only text in the language; its first two lines; and only the number, date and city of each row, as in the
     * extracts that carry little text.
     */
    private static List<Sample> samples(String language, Charset charset) throws IOException {
        List<String> lines = Files.readAllLines(TEXTS.resolve(language + ".csv"), StandardCharsets.UTF_8);
        String delimiter = lines.get(0).contains(";") ? ";" : ",";
        String sparse = lines.stream()
                .map(line -> String.join(delimiter, Arrays.asList(line.split(delimiter)).subList(0, 3)))
                .collect(Collectors.joining("\n", "", "\n"));
        String englishColumns = lines.stream().skip(1)
                .map(line -> "T-" + line.split(delimiter)[0] + ",S01,SKU-1,1,2.00,2.00,EUR," + line.split(delimiter)[2]
                        + ",2024-05-01T10:00:00Z,card")
                .collect(Collectors.joining("\n", "transaction_id,store_id,sku,quantity,unit_price,amount,currency,"
                        + "customer_id,sold_at,payment_method\n", "\n"));
        return List.of(
                new Sample(language, charset, "whole file", String.join("\n", lines) + "\n"),
                new Sample(language, charset, "English columns, city", englishColumns),
                new Sample(language, charset, "first 2 lines", String.join("\n", lines.subList(0, 2)) + "\n"),
                new Sample(language, charset, "number, date, city", sparse));
    }
}
