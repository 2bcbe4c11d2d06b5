package io.lakegate.lake;

import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** The embedded S3 server over a temporary folder and a {@link LakeStorage} on it, for tests without Spring. */
public final class EmbeddedLake implements AutoCloseable {

    private final EmbeddedS3Server server;
    private final S3Client client;
    private final LakeStorage storage;

    public EmbeddedLake(Path directory) {
        StorageProperties.Embedded settings = new StorageProperties.Embedded(directory.toString(), "127.0.0.1", 0,
                "test", "test-secret");
        server = new EmbeddedS3Server(settings, "lake");
        client = S3Client.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test-secret")))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .endpointOverride(server.endpoint())
                .build();
        storage = new LakeStorage(client, "lake", EmbeddedS3Server::isTemporaryFile);
    }

    /** Where the server listens, for a client that reaches it another way (e.g. through a {@link FaultProxy}). */
    public URI endpoint() {
        return server.endpoint();
    }

    public LakeStorage storage() {
        return storage;
    }

    /** The local file behind a key. */
    public Path file(String key) {
        return server.directory().resolve("lake").resolve(key);
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.close();
    }
}
