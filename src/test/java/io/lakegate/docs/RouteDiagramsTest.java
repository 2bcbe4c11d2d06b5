package io.lakegate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.lake.LakeLayout;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/diagrams/} true to {@code routes/}: the route pages are regenerated in memory and must equal
 * the committed ones. With {@code -Dlakegate.diagrams.write=true} the test writes them instead.
 */
class RouteDiagramsTest {

    private static final Path ROUTES = Path.of("routes");
    private static final Path DIAGRAMS = Path.of("docs", "diagrams");

    @Test
    void committedDiagramsAreTheOnesTheRoutesDraw() throws IOException {
        Map<String, String> generated = RouteDiagrams.render(ROUTES);
        if (Boolean.getBoolean("lakegate.diagrams.write")) {
            write(generated);
            return;
        }
        List<String> outOfDate = new ArrayList<>();
        for (Map.Entry<String, String> page : generated.entrySet()) {
            Path file = DIAGRAMS.resolve(page.getKey());
            if (!Files.exists(file) || !Files.readString(file).equals(page.getValue())) {
                outOfDate.add(file.toString());
            }
        }
        for (Path left : strayPages(generated)) {
            outOfDate.add(left + " (no such route file any more)");
        }
        assertThat(outOfDate).as("docs/diagrams/ does not match routes/; rewrite it with:%n    %s%n", RouteDiagrams.REGENERATE)
                .isEmpty();
    }

    @Test
    void zoneDiagramNamesEveryZoneOfTheLake() throws IOException {
        String zones = Files.readString(DIAGRAMS.resolve(RouteDiagrams.ZONES_PAGE));
        List<String> prefixes = Arrays.stream(LakeLayout.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(RouteDiagramsTest::value)
                .toList();

        assertThat(prefixes).isNotEmpty().allSatisfy(prefix -> assertThat(zones).as("zones.md names %s", prefix).contains(prefix));
    }

    @Test
    void everyRouteAndErrorConfigurationIsDrawn() {
        Map<String, String> pages = RouteDiagrams.render(ROUTES);
        String all = String.join("\n", pages.values());

        assertThat(pages).containsKeys("validate-raw.md", "intake-errors.md", "process-validated.md", "processing-errors.md",
                "compact-gold.md", "compaction-errors.md");
        assertThat(all).contains("subgraph route_validate_raw", "subgraph route_ingest_rows", "subgraph route_compact_gold_table",
                "subgraph configuration_processing_errors", "onException StorageException", "deadLetterChannel");
        // The choice of validate-raw with both branches, and the dead-letter channel leading to its route.
        assertThat(pages.get("validate-raw.md")).contains("|\"${body.accepted}\"|", "|\"otherwise\"|", "rawZone.promote", "rawZone.reject");
        assertThat(pages.get("processing-errors.md")).containsPattern("n\\d+ -->\\|\"dead letter\"\\| n1\n");
    }

    /** Generated pages of route files that were deleted or renamed since. */
    private static List<Path> strayPages(Map<String, String> generated) throws IOException {
        try (Stream<Path> files = Files.list(DIAGRAMS)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".md"))
                    .filter(file -> !generated.containsKey(file.getFileName().toString()))
                    .filter(file -> !file.getFileName().toString().equals(RouteDiagrams.ZONES_PAGE))
                    .sorted().toList();
        }
    }

    private static void write(Map<String, String> generated) throws IOException {
        Files.createDirectories(DIAGRAMS);
        for (Path stray : strayPages(generated)) {
            Files.delete(stray);
        }
        for (Map.Entry<String, String> page : generated.entrySet()) {
            Files.writeString(DIAGRAMS.resolve(page.getKey()), page.getValue());
        }
    }

    private static String value(Field constant) {
        try {
            return (String) constant.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
