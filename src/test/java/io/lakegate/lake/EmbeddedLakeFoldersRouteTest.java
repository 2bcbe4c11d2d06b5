package io.lakegate.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lakegate.LakeRouteTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The embedded lake's folder as people use it: files copied into raw/ with the README's own command. */
class EmbeddedLakeFoldersRouteTest extends LakeRouteTest {

    private final ListAppender<ILoggingEvent> logLines = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLogs() {
        logLines.start();
        root.addAppender(logLines);
    }

    @AfterEach
    void stopCapturingLogs() {
        root.detachAppender(logLines);
    }

    private Path bucketFolder() {
        return storage.embedded().directoryPath().toAbsolutePath().normalize().resolve(bucket());
    }

    private void awaitArchived(String stem) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> keys().stream()
                .anyMatch(k -> k.matches(LakeLayout.ARCHIVE_VALIDATED + stem + "_\\d{8}T.*\\.csv")));
    }

    @Test
    void aSecondFileCopiedIntoRawAfterTheFirstLeftItIsProcessed() throws Exception {
        Path raw = bucketFolder().resolve("raw");
        assertThat(raw).as("made at start-up").isDirectory();

        // cp sales.csv lake-data/lake/raw/
        Files.copy(Path.of("src", "test", "resources", "intake", "sales.csv"), raw.resolve("sales.csv"));
        awaitArchived("sales");
        assertThat(raw).as("raw/ stays after its last file left").isDirectory();

        Files.copy(Path.of("src", "test", "resources", "intake", "sales_aliases.csv"), raw.resolve("sales_aliases.csv"));
        awaitArchived("sales_aliases");
        assertThat(raw).isDirectory();
        assertThat(keys()).noneMatch(k -> k.startsWith(LakeLayout.RAW) || k.startsWith(LakeLayout.VALIDATED));
    }

    @Test
    void keepsFoldersMadeByHandAndRemovesThoseMadeForUploadsOnceEmpty() throws Exception {
        String unique = Long.toString(System.nanoTime());
        Path byHand = Files.createDirectories(bucketFolder().resolve("raw/fact_sales/by_hand_" + unique));
        Files.write(byHand.resolve("sales.csv"), resource("sales.csv"));
        put("raw/fact_sales/by_s3_" + unique + "/sales.csv", resource("sales_aliases.csv"));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> keys().stream()
                .filter(k -> k.startsWith(LakeLayout.ARCHIVE_VALIDATED + "fact_sales/")).count() == 2);

        assertThat(byHand).as("a folder someone made stays").isDirectory().isEmptyDirectory();
        assertThat(bucketFolder().resolve("raw/fact_sales/by_s3_" + unique)).as("a folder made for an upload goes").doesNotExist();
        assertThat(bucketFolder().resolve("validated/fact_sales/by_hand_" + unique)).doesNotExist();
    }

    @Test
    void aFileAtTheTopOfTheBucketIsReportedOnceWithWhatToDo() throws Exception {
        Path stray = bucketFolder().resolve("sales-without-folder");
        try {
            // cp sales.csv lake-data/lake/sales-without-folder: a key in no folder, which no zone reads.
            Files.write(stray, resource("sales.csv"));
            putResource("raw/sales.csv", "sales.csv");
            awaitArchived("sales");
            putResource("raw/sales_aliases.csv", "sales_aliases.csv");
            awaitArchived("sales_aliases");

            List<String> warnings = new ArrayList<>(logLines.list).stream()
                    .filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("sales-without-folder"))
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(warnings).as("once, however many polls listed the bucket").singleElement().satisfies(line ->
                    assertThat(line).contains("is in no folder").contains("cp sales.csv " + bucketFolder().resolve("raw") + "/")
                            .contains("mv " + stray));
            assertThat(exists("sales-without-folder")).as("left where it is").isTrue();
        } finally {
            Files.deleteIfExists(stray);
        }
    }
}
