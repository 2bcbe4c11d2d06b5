package io.lakegate;

import io.lakegate.lake.EmbeddedS3Server;
import io.lakegate.lake.LakeObject;
import io.lakegate.lake.LakeStorage;
import java.nio.file.Path;
import java.util.function.Predicate;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The real lake storage, with a switch that makes writes to chosen keys fail the way a crash or an S3
 * outage would. Safe to flip while routes run on other threads.
 */
public class FaultyStorage extends LakeStorage {

    private volatile Predicate<String> failingKeys = key -> false;
    private volatile RuntimeException failure;

    public FaultyStorage(S3Client s3, String bucket) {
        super(s3, bucket, EmbeddedS3Server::isTemporaryFile);
    }

    /** From now on, every upload, put or move whose target key starts with {@code prefix} throws {@code failure}. */
    public void failWritesTo(String prefix, RuntimeException failure) {
        this.failure = failure;
        this.failingKeys = key -> key.startsWith(prefix);
    }

    public void heal() {
        failingKeys = key -> false;
    }

    private void check(String key) {
        if (failingKeys.test(key)) {
            throw failure;
        }
    }

    @Override
    public void upload(String key, Path file, String contentType) {
        check(key);
        super.upload(key, file, contentType);
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        check(key);
        super.put(key, content, contentType);
    }

    @Override
    public boolean move(LakeObject source, String targetKey) {
        check(targetKey);
        return super.move(source, targetKey);
    }
}
