package io.lakegate.lake;

import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.Abortable;

/**
 * An object's bytes as one stream that survives its connection breaking: when a read fails with a transient
 * error (connection reset, a body that ends early, a 5xx) the broken response is dropped and the object is
 * opened again from the byte where it broke, pinned to the ETag of the first response, after a backoff;
 * Hadoop's S3A input stream reopens the same way. Each read position gets {@link StorageRetry#maxAttempts()}
 * attempts, so a long file that breaks now and then still arrives while a connection that never delivers
 * another byte is given up on. If the object changed meanwhile, the bytes would not belong together: that
 * fails at once.
 */
public final class ResumableObjectStream extends InputStream {

    private static final Logger log = LoggerFactory.getLogger(ResumableObjectStream.class);

    /** One GET of the object from {@code position} on; {@code eTag}, once a response named one, is the one it must still have. */
    @FunctionalInterface
    public interface Opener {
        Opened open(long position, String eTag) throws IOException;
    }

    /** A response: its body, the object's ETag, and the object's whole length (-1: not told). */
    public record Opened(InputStream body, String eTag, long objectLength) {
    }

    private final String key;
    private final Opener opener;
    private final StorageRetry retry;
    private final byte[] single = new byte[1];
    private InputStream current;
    private String eTag;
    private long length = -1;
    private long position;
    private int failuresHere;
    private boolean closed;

    /** Opens the object; failures to reach it are retried like breaks later on. */
    public ResumableObjectStream(String key, Opener opener, StorageRetry retry) throws IOException {
        this.key = key;
        this.opener = opener;
        this.retry = retry;
        while (current == null) {
            try {
                reopen();
            } catch (IOException | SdkException e) {
                recover(e);
            }
        }
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (closed) {
            throw new IOException(key + " is closed");
        }
        if (count == 0) {
            return 0;
        }
        while (true) {
            try {
                if (length >= 0 && position >= length) {
                    return -1;
                }
                if (current == null) {
                    reopen();
                }
                int n = current.read(buffer, offset, count);
                if (n < 0) {
                    if (length < 0) {
                        return -1;
                    }
                    // The HTTP client checks Content-Length too; this also holds for a server that closes cleanly.
                    throw new IOException("the response ended at byte " + position + " of " + length);
                }
                position += n;
                failuresHere = 0;
                return n;
            } catch (IOException | SdkException e) {
                recover(e);
            }
        }
    }

    @Override
    public int available() throws IOException {
        return current == null ? 0 : current.available();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            drop(length < 0 || position < length);
        }
    }

    private void reopen() throws IOException {
        Opened opened = opener.open(position, eTag);
        if (eTag != null && opened.eTag() != null && !eTag.equals(opened.eTag())) {
            // A store that does not honour If-Match on a ranged GET still names the version it sent.
            opened.body().close();
            throw new ObjectChangedException(key + " changed while it was being read (its ETag is no longer " + eTag
                    + ", it is " + opened.eTag() + "); reading does not resume on other bytes");
        }
        current = opened.body();
        if (position == 0 && eTag == null) {
            eTag = opened.eTag();
            length = opened.objectLength();
        }
    }

    // Gives up with the failure when it is not transient or this position's attempts are spent; otherwise drops
    // the broken response and waits, so the next read reopens.
    private void recover(Exception failure) throws IOException {
        drop(true);
        if (failure instanceof ObjectChangedException changed) {
            throw changed;
        }
        if (failure instanceof SdkServiceException service && service.statusCode() == 412) {
            throw new IOException(key + " changed while it was being read (its ETag is no longer " + eTag + "); reading "
                    + "does not resume on other bytes", failure);
        }
        failuresHere++;
        if (!StorageRetry.isTransient(failure)) {
            throw failure instanceof IOException io ? io
                    : new IOException(key + " could not be read from byte " + position + ": " + failure.getMessage(), failure);
        }
        if (failuresHere >= retry.maxAttempts()) {
            throw new IOException(key + " stopped arriving at byte " + position + (length < 0 ? "" : " of " + length)
                    + "; gave up after " + failuresHere + " attempts: " + failure.getMessage(), failure);
        }
        log.warn("Reading {} broke at byte {} (attempt {} of {}), resuming in {} ms: {}", key, position, failuresHere,
                retry.maxAttempts(), retry.backoffAfter(failuresHere).toMillis(), failure.toString());
        retry.pause(failuresHere);
    }

    // A response not read to its end is aborted: closing it would make the HTTP client drain the rest to reuse
    // the connection, which for a broken one fails and for a large object reads it all.
    private void drop(boolean abort) throws IOException {
        InputStream broken = current;
        current = null;
        if (broken == null) {
            return;
        }
        if (abort && broken instanceof Abortable abortable) {
            abortable.abort();
        }
        try {
            broken.close();
        } catch (IOException e) {
            if (!abort) {
                throw e;
            }
            // A broken connection often fails to close as well; the reopened one is what counts.
        }
    }

    /** The object is no longer the version reading began on: no retry can make its bytes continue the old ones. */
    private static final class ObjectChangedException extends IOException {
        ObjectChangedException(String message) {
            super(message);
        }
    }
}
