package io.lakegate.lake;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible endpoint over a local folder, served in this process, so the service runs with no
 * cloud account and no Docker. A bucket is a sub-folder: key {@code raw/a.csv} of bucket {@code lake} is
 * the file {@code <directory>/lake/raw/a.csv}, and a file copied there is an object like any other.
 */
public class EmbeddedS3Server implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3Server.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    // S3Proxy writes an object to "<key>-<random UUID>" and renames it when complete; listings show both.
    private static final Pattern TEMPORARY_FILE = Pattern.compile(".*-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private final S3Proxy proxy;
    private final Path directory;
    private final String host;

    public EmbeddedS3Server(StorageProperties.Embedded settings, String bucket) {
        this.directory = settings.directoryPath().toAbsolutePath().normalize();
        this.host = settings.host();
        Path rawZone = directory.resolve(bucket).resolve(LakeLayout.RAW);
        try {
            // A file where raw/ belongs is reported, and the service runs without the folder until it is moved.
            Files.createDirectories(Files.isRegularFile(rawZone) ? rawZone.getParent() : rawZone);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the lake folder " + directory + ": " + e.getMessage(), e);
        }
        FolderKeepingBlobStore store = new FolderKeepingBlobStore(
                new FileCopyBlobStore(new FilesystemNio2BlobStore(directory.toString()), directory), directory);
        store.reportStrayFiles(bucket);
        this.proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://" + host + ":" + settings.port()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, settings.accessKey(), settings.secretKey())
                .build();
        start();
    }

    private void start() {
        try {
            proxy.start();
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (!"STARTED".equals(proxy.getState())) {
                if (Instant.now().isAfter(deadline) || "FAILED".equals(proxy.getState())) {
                    throw new IllegalStateException("Embedded S3 server did not start (state " + proxy.getState() + ")");
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the embedded S3 server", e);
        } catch (Exception e) {
            throw new IllegalStateException("Embedded S3 server failed to start on " + host + ": " + e.getMessage(), e);
        }
        log.debug("Embedded S3 server listening on {} over {}", endpoint(), directory);
    }

    /** Whether a listed key is a file the server is still writing, not an object. */
    public static boolean isTemporaryFile(String key) {
        return TEMPORARY_FILE.matcher(key).matches();
    }

    public URI endpoint() {
        return URI.create("http://" + host + ":" + proxy.getPort());
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
