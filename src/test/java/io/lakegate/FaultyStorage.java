package io.lakegate;

import io.lakegate.lake.EmbeddedS3Server;
import io.lakegate.lake.LakeObject;
import io.lakegate.lake.LakeStorage;
import io.lakegate.lake.ResumableObjectStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The real lake storage, with a switch that makes writes to chosen keys fail the way a crash or an S3
 * outage would, or wait the way a slow S3 would. Safe to flip while routes run on other threads.
 */
public class FaultyStorage extends LakeStorage {

    private volatile Predicate<String> failingKeys = key -> false;
    private volatile RuntimeException failure;
    private volatile Hold hold;
    private volatile Predicate<String> failingMoves = key -> false;
    private volatile Predicate<String> unreadableKeys = key -> false;
    private volatile RuntimeException readFailure;
    private final AtomicInteger writesFailed = new AtomicInteger();

    public FaultyStorage(S3Client s3, String bucket) {
        super(s3, bucket, EmbeddedS3Server::isTemporaryFile);
    }

    /** From now on, every upload, put or move whose target key starts with {@code prefix} throws {@code failure}. */
    public void failWritesTo(String prefix, RuntimeException failure) {
        this.failure = failure;
        this.failingKeys = key -> key.startsWith(prefix);
    }

    /** From now on, every move whose target key starts with {@code prefix} throws {@code failure}; puts there succeed. */
    public void failMovesTo(String prefix, RuntimeException failure) {
        this.failure = failure;
        this.failingMoves = key -> key.startsWith(prefix);
    }

    /**
     * From now on, every read of an object whose key starts with {@code prefix} throws {@code failure}, and so does
     * every move of it (S3 reads the source of a copy), as S3 answers for an object in Glacier or under a KMS key
     * the service may not use. Listing it and asking for its metadata still work.
     */
    public void failReadsOf(String prefix, RuntimeException failure) {
        this.readFailure = failure;
        this.unreadableKeys = key -> key.startsWith(prefix);
    }

    /** From now on, every upload, put or move whose target key starts with {@code prefix} waits for {@link Hold#release}. */
    public Hold holdWritesTo(String prefix) {
        Hold held = new Hold(prefix);
        hold = held;
        return held;
    }

    public void heal() {
        writesFailed.set(0);
        failingKeys = key -> false;
        failingMoves = key -> false;
        unreadableKeys = key -> false;
        Hold held = hold;
        hold = null;
        if (held != null) {
            held.release();
        }
    }

    /** How many writes {@link #failWritesTo} has failed since the last {@link #heal}: what a test waits on. */
    public int writesFailed() {
        return writesFailed.get();
    }

    private void check(String key) {
        if (failingKeys.test(key)) {
            writesFailed.incrementAndGet();
            throw failure;
        }
        Hold held = hold;
        if (held != null && key.startsWith(held.prefix)) {
            held.reached.countDown();
            try {
                // Bounded, so a test that forgets to release fails instead of hanging the suite.
                if (!held.released.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("Write to " + key + " held for 60 s and never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while held", e);
            }
        }
    }

    /** Writes held under a prefix: {@link #reached} once one of them waits, until {@link #release}. */
    public static final class Hold {
        private final String prefix;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Hold(String prefix) {
            this.prefix = prefix;
        }

        public boolean reached() {
            return reached.getCount() == 0;
        }

        public void release() {
            released.countDown();
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
        checkRead(source.key());
        if (failingMoves.test(targetKey)) {
            throw failure;
        }
        check(targetKey);
        return super.move(source, targetKey);
    }

    @Override
    public byte[] readStart(String key, long length) {
        checkRead(key);
        return super.readStart(key, length);
    }

    @Override
    public ResumableObjectStream open(String key) {
        checkRead(key);
        return super.open(key);
    }

    @Override
    public void download(String key, Path file) {
        checkRead(key);
        super.download(key, file);
    }

    private void checkRead(String key) {
        if (unreadableKeys.test(key)) {
            throw readFailure;
        }
    }
}
