package io.lakegate.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * {@link LakeStorage} over real HTTP to the embedded server through a {@link FaultProxy}. The client under test
 * does not retry on its own, so every request the proxy sees is one of storage's attempts.
 */
class LakeStorageFaultsTest {

    private static final int MB = 1 << 20;

    @TempDir
    Path folder;

    private EmbeddedLake lake;
    private FaultProxy proxy;
    private S3Client client;
    private LakeStorage storage;

    @BeforeEach
    void start() {
        lake = new EmbeddedLake(folder.resolve("lake-data"));
        proxy = new FaultProxy(lake.endpoint());
        client = S3Client.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test-secret")))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .endpointOverride(proxy.endpoint())
                .build();
        storage = storageFor("lake");
    }

    private LakeStorage storageFor(String bucket) {
        return new LakeStorage(client, bucket, key -> false,
                new StorageRetry(3, Duration.ofMillis(1), Duration.ofMillis(5), d -> Thread.sleep(d.toMillis())));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        proxy.close();
        lake.close();
    }

    @Test
    void readsAnObjectWholeThroughConnectionsThatBreakMidBody() throws IOException {
        byte[] content = randomBytes(3 * MB + 123);
        lake.storage().put("validated/big.bin", content, "application/octet-stream");
        // Two breaks in a row at one position (the cut at 700 000 bytes, then one at 0) stay within 3 attempts.
        proxy.cutBodies("/lake/validated/", MB, 700_000, 2).cutBodies("/lake/validated/", MB, 0, 1)
                .cutBodies("/lake/validated/", MB, 300_000, 1);

        try (InputStream in = storage.open("validated/big.bin")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(proxy.bodiesCut()).isEqualTo(4);
    }

    @Test
    void givesUpOnAReadThatMakesNoProgressSayingHowManyAttempts() throws IOException {
        lake.storage().put("validated/big.bin", randomBytes(2 * MB), "application/octet-stream");
        proxy.cutBodies("/lake/validated/", MB, 100_000, 1).cutBodies("/lake/validated/", MB, 0, Integer.MAX_VALUE);

        try (InputStream in = storage.open("validated/big.bin")) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
                    .hasMessageContaining("validated/big.bin").hasMessageContaining("after 3 attempts");
        }
        assertThat(proxy.bodiesCut()).isEqualTo(3);
    }

    @Test
    void anUploadAnsweredSlowDownIsSentAgainUntilItLands() throws IOException {
        Path file = Files.write(folder.resolve("part.parquet"), randomBytes(300_000));
        proxy.slowDownPuts("/lake/processed/", 1, 2);

        storage.upload("processed/part.parquet", file, "application/vnd.apache.parquet");

        assertThat(proxy.putsByPath()).containsEntry("/lake/processed/part.parquet", 3);
        assertThat(lake.file("processed/part.parquet")).hasSameBinaryContentAs(file);
    }

    @Test
    void aPutThatKeepsBeingRefusedGivesUpSayingHowManyAttempts() {
        proxy.slowDownPuts("/lake/rejected/", 1, Integer.MAX_VALUE);

        assertThatThrownBy(() -> storage.put("rejected/system/x.csv.reason.json", new byte[] {'{', '}'}, "application/json"))
                .isInstanceOf(StorageException.class).hasMessageContaining("after 3 attempts").hasMessageContaining("Status Code: 503");
        assertThat(proxy.putsByPath()).containsEntry("/lake/rejected/system/x.csv.reason.json", 3);
    }

    @Test
    void aRefusalThatIsAnAnswerIsNotRetried() {
        LakeStorage noSuchBucket = storageFor("no-such-bucket");

        assertThatThrownBy(() -> noSuchBucket.put("processed/x.json", new byte[] {'{', '}'}, "application/json"))
                .isInstanceOf(StorageException.class).hasMessageNotContaining("attempts");
        assertThat(proxy.putsByPath()).containsEntry("/no-such-bucket/processed/x.json", 1);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new SplittableRandom(size).nextBytes(bytes);
        return bytes;
    }
}
