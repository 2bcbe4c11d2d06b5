package io.lakegate.lake;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * How often and how patiently storage calls are tried again when the failure is one that passes (a 5xx,
 * a throttle, a connection that broke), on top of the S3 client's own retries of each request: those give
 * up within a second or two and never cover a response body that breaks half-way. A 4xx such as 403, 404
 * or 412 is an answer, not a hiccup, and is never retried.
 *
 * @param maxAttempts    tries of one call (or of one read position), the first included
 * @param initialBackoff wait before the second try; it doubles for each further one
 * @param maxBackoff     cap of the wait
 */
public record StorageRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Sleeper sleeper) {

    private static final Logger log = LoggerFactory.getLogger(StorageRetry.class);

    /** Waits between tries; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public StorageRetry {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("lakegate.storage.retry.max-attempts must be at least 1, not " + maxAttempts);
        }
    }

    public static StorageRetry of(StorageProperties.Retry settings) {
        return new StorageRetry(settings.maxAttempts(), settings.initialBackoff(), settings.maxBackoff(),
                duration -> Thread.sleep(duration.toMillis()));
    }

    public static StorageRetry defaults() {
        return of(new StorageProperties.Retry(5, Duration.ofMillis(200), Duration.ofSeconds(5)));
    }

    /** The wait after the {@code failedAttempts}-th failure in a row. */
    public Duration backoffAfter(int failedAttempts) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /** Sleeps the backoff after a failure; an interrupt ends the waiting and the retrying. */
    void pause(int failedAttempts) throws InterruptedIOException {
        try {
            sleeper.sleep(backoffAfter(failedAttempts));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting to retry storage");
        }
    }

    /**
     * Runs one S3 call, again after a transient failure until {@link #maxAttempts} are spent. Failures come out
     * as {@link StorageException}; when retries were spent its message says how many attempts were made.
     */
    <T> T call(String what, Supplier<T> action) {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (SdkException e) {
                if (!isTransient(e)) {
                    throw new StorageException("Storage failed to " + what + ": " + e.getMessage(), e);
                }
                if (attempt >= maxAttempts) {
                    throw new StorageException("Storage failed to " + what + " after " + attempt + " attempts: "
                            + e.getMessage(), e);
                }
                log.warn("Storage failed to {} (attempt {} of {}), trying again in {} ms: {}", what, attempt, maxAttempts,
                        backoffAfter(attempt).toMillis(), e.getMessage());
                try {
                    pause(attempt);
                } catch (InterruptedIOException interrupted) {
                    throw new StorageException("Storage failed to " + what + ": interrupted while waiting to retry "
                            + "after " + attempt + " attempts", e);
                }
            }
        }
    }

    /** Whether trying the same request again may succeed: a 5xx or throttle, or the connection failing. */
    public static boolean isTransient(Throwable failure) {
        if (failure instanceof SdkServiceException service) {
            // S3's RequestTimeout is a 400: the server gave up waiting for a request body that stalled.
            return service.statusCode() >= 500 || service.isThrottlingException()
                    || (service instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                            && "RequestTimeout".equals(aws.awsErrorDetails().errorCode()));
        }
        if (failure instanceof AbortedException) {
            return false;
        }
        if (failure instanceof ApiCallAttemptTimeoutException || failure instanceof SocketTimeoutException) {
            return true;
        }
        if (failure instanceof InterruptedIOException) {
            return false;
        }
        if (failure instanceof IOException || failure instanceof UncheckedIOException) {
            return true;
        }
        return failure instanceof SdkClientException && failure.getCause() != null && isTransient(failure.getCause());
    }
}
