package io.lakegate.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class StorageRetryTest {

    private final List<Duration> waits = new ArrayList<>();
    private final StorageRetry retry = new StorageRetry(4, Duration.ofMillis(100), Duration.ofMillis(300), waits::add);

    @Test
    void waitsDoubleUpToTheCap() {
        assertThat(List.of(retry.backoffAfter(1), retry.backoffAfter(2), retry.backoffAfter(3), retry.backoffAfter(30)))
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(300));
    }

    @Test
    void serverErrorsThrottlesAndBrokenConnectionsAreTransient() {
        assertThat(StorageRetry.isTransient(s3Error(500, "InternalError"))).isTrue();
        assertThat(StorageRetry.isTransient(s3Error(503, "SlowDown"))).isTrue();
        assertThat(StorageRetry.isTransient(s3Error(400, "RequestTimeout"))).isTrue();
        assertThat(StorageRetry.isTransient(new IOException("Connection reset"))).isTrue();
        assertThat(StorageRetry.isTransient(new SocketTimeoutException("Read timed out"))).isTrue();
        assertThat(StorageRetry.isTransient(new UncheckedIOException(new IOException("Broken pipe")))).isTrue();
        assertThat(StorageRetry.isTransient(SdkClientException.create("Unable to execute HTTP request",
                new IOException("Connection refused")))).isTrue();
    }

    @Test
    void answersAboutTheRequestAndInterruptsAreNot() {
        assertThat(StorageRetry.isTransient(s3Error(403, "AccessDenied"))).isFalse();
        assertThat(StorageRetry.isTransient(s3Error(404, "NoSuchKey"))).isFalse();
        assertThat(StorageRetry.isTransient(s3Error(412, "PreconditionFailed"))).isFalse();
        assertThat(StorageRetry.isTransient(new InterruptedIOException())).isFalse();
        assertThat(StorageRetry.isTransient(AbortedException.create("Thread was interrupted"))).isFalse();
        assertThat(StorageRetry.isTransient(SdkClientException.create("Unable to load credentials"))).isFalse();
    }

    @Test
    void aCallIsTriedAgainUntilItSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        String result = retry.call("put x", () -> {
            if (calls.incrementAndGet() < 3) {
                throw s3Error(503, "SlowDown");
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(3);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void aCallThatKeepsFailingGivesUpSayingHowManyAttemptsWereMade() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.call("upload processed/p.parquet", () -> {
            calls.incrementAndGet();
            throw s3Error(503, "SlowDown");
        })).isInstanceOf(StorageException.class)
                .hasMessageContaining("upload processed/p.parquet after 4 attempts").hasMessageContaining("SlowDown");
        assertThat(calls).hasValue(4);
        assertThat(waits).hasSize(3);
    }

    @Test
    void aCallRefusedForItsOwnSakeIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.call("put x", () -> {
            calls.incrementAndGet();
            throw s3Error(403, "AccessDenied");
        })).isInstanceOf(StorageException.class).hasMessageNotContaining("attempts");
        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
    }

    private static S3Exception s3Error(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status).message(code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }
}
