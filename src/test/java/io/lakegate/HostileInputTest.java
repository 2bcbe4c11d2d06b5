package io.lakegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Hostile files and names, generated: huge lines, very many columns, very wide rows, control characters in
 * names and content, truncated gzip, mixed encodings, binary, long names. Dropped into raw/ (judged by intake)
 * and into validated/ (straight to processing) beside an ordinary file, every one of them must end decided:
 * nothing stays in raw/ or validated/, each leaves one outcome (an archived source or a refusal with its
 * reason), no local work file is left behind, and the ordinary file is ingested meanwhile.
 */
class HostileInputTest extends LakeRouteTest {

    private static final String HEADER = "transaction_id,store_id,sku,quantity,unit_price,amount,currency,customer_id,sold_at,payment_method";
    private static final int FILES = 14;

    private record Hostile(String name, String kind, byte[] content) {
    }

    @Test
    void everyHostileFileEndsDecidedAndTheServiceGoesOnDecidingOthers() throws Exception {
        List<Path> workFilesBefore = workFiles();
        // Sampled outside a jqwik property: the Spring context comes from JUnit Jupiter's extension.
        List<Hostile> files = hostile().sampleStream().limit(FILES).toList();
        // In every name, so that the outcomes counted are this run's, whatever an earlier run left.
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        Map<String, String> dropped = new LinkedHashMap<>();
        List<String> refusedByStore = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Hostile file = files.get(i);
            String zone = i % 2 == 0 ? "raw/" : "validated/";
            String key = zone + "sales_" + run + "_" + i + "_" + file.name() + (file.kind().equals("truncated gzip") ? ".csv.gz" : ".csv");
            try {
                put(key, file.content());
                dropped.put(key, file.kind() + " (" + file.content().length + " bytes)");
            } catch (SdkException e) {
                // The store itself refused the name (the producer's upload fails): nothing reached the service.
                refusedByStore.add(key);
            }
        }
        put("raw/sales_ordinary.csv", resource("sales_mixed.csv"));

        String story = "dropped " + dropped + ", refused by the store " + refusedByStore;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(keys()).as(story).noneMatch(k -> k.startsWith("raw/") || k.startsWith("validated/")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(keys()).as(story).anyMatch(k -> k.startsWith("audit/ingest/date=")));
        List<String> outcomes = keys().stream().filter(k -> k.contains("sales_" + run + "_")).filter(k -> k.startsWith("archive/")
                || (k.startsWith("rejected/system/") && k.endsWith("reason.json"))).toList();
        assertThat(outcomes).as(story).hasSize(dropped.size());
        assertThat(dropped).as(story).hasSizeGreaterThan(FILES / 2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(workFiles()).as("work files left: " + story).isSubsetOf(workFilesBefore));
    }

    private static List<Path> workFiles() throws IOException {
        Path work = Path.of("target", "test-work");
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(work)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static Arbitrary<Hostile> hostile() {
        return Combinators.combine(names(), Arbitraries.of("huge line", "many columns", "wide rows", "control characters",
                "truncated gzip", "mixed encodings", "binary", "empty", "ragged")).as(HostileInputTest::file);
    }

    private static Arbitrary<String> names() {
        Arbitrary<String> plain = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> hostile = Arbitraries.strings().withChars('\u0001', '\n', '\t', ' ', '%', '+', '"', '\'', 'é', '\u0627',
                '\u2028', '#', '?', '&', '.').ofMinLength(1).ofMaxLength(8).map(s -> "x" + s + "x");
        Arbitrary<String> longName = Arbitraries.integers().between(150, 215).map("n"::repeat);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, plain), net.jqwik.api.Tuple.of(3, hostile), net.jqwik.api.Tuple.of(2, longName));
    }

    private static Hostile file(String name, String kind) {
        Random random = new Random(name.hashCode() * 31L + kind.hashCode());
        return new Hostile(name, kind, switch (kind) {
            case "huge line" -> csv(rows(200), "T-x," + "y".repeat(3_000_000 + random.nextInt(2_000_000)) + "\n", rows(50));
            case "many columns" -> csv("c,".repeat(20_000 + random.nextInt(80_000)) + "c\n", "1,2,3\n".repeat(500));
            case "wide rows" -> csv(HEADER + "\n", ("T-1,S1,SKU," + "9".repeat(20_000) + ",1.00,1.00,EUR,,2024-03-01T10:00:00Z,card\n")
                    .repeat(30 + random.nextInt(30)));
            case "control characters" -> csv(HEADER + "\n", "T-1,S\u0001,SKU\u0000,1,1.00,1.00,EUR,\u001b[31m,2024-03-01T10:00:00Z,card\n",
                    rows(20));
            case "truncated gzip" -> truncatedGzip(csv(HEADER + "\n", rows(3000)), random);
            case "mixed encodings" -> mixed(random);
            case "binary" -> bytes(random, 1 + random.nextInt(200_000));
            case "empty" -> new byte[0];
            default -> csv(HEADER + "\n", rows(10), "T-9,S1\n", "T-10,S1,SKU,1,1.00,1.00,EUR,,2024-03-01T10:00:00Z,card,extra,more\n");
        });
    }

    private static String rows(int count) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < count; i++) {
            rows.append("T-").append(i).append(",S1,SKU-1,2,1.50,3.00,EUR,C-1,2024-03-01T10:00:00Z,card\n");
        }
        return rows.toString();
    }

    private static byte[] csv(String... parts) {
        return String.join("", parts).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] truncatedGzip(byte[] content, Random random) {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] whole = gzip.toByteArray();
        return Arrays.copyOf(whole, 20 + random.nextInt(whole.length - 20));
    }

    private static byte[] mixed(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        List<Charset> charsets = new ArrayList<>(List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1,
                Charset.forName("windows-1251"), StandardCharsets.UTF_16LE));
        for (int i = 0; i < 200; i++) {
            Charset charset = charsets.get(random.nextInt(charsets.size()));
            out.writeBytes(("T-" + i + ",Zürich участок,SKU,1,1.00,1.00,EUR,,2024-03-01T10:00:00Z,card\n").getBytes(charset));
        }
        return out.toByteArray();
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
