package io.lakegate.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.Abortable;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The stream against a scripted object store: no S3, no sleeping (the waits are recorded instead). */
class ResumableObjectStreamTest {

    private static final String ETAG = "\"v1\"";

    private final byte[] content = randomBytes(200_000);
    private final List<Duration> waits = new ArrayList<>();
    private final StorageRetry retry = new StorageRetry(5, Duration.ofMillis(200), Duration.ofSeconds(1), waits::add);
    private final List<String> opens = new ArrayList<>();

    /** What the store does on each GET, in order; the last step repeats. */
    private interface Step {
        InputStream respond(long position) throws IOException;
    }

    private ResumableObjectStream.Opener store(Step... steps) {
        return (position, eTag) -> {
            opens.add(position + "@" + eTag);
            Step step = steps[Math.min(opens.size() - 1, steps.length - 1)];
            return new ResumableObjectStream.Opened(step.respond(position), ETAG, content.length);
        };
    }

    private Step delivers(long bytes, IOException then) {
        return position -> new BreakingBody(content, (int) position, (int) Math.min(content.length, position + bytes), then);
    }

    private Step whole() {
        return position -> new BreakingBody(content, (int) position, content.length, null);
    }

    @Test
    void resumesWhereTheConnectionBrokeOnTheSameVersionAndDeliversEveryByteOnce() throws IOException {
        ResumableObjectStream in = new ResumableObjectStream("validated/a.csv", store(
                delivers(50_000, new SocketException("Connection reset")),
                delivers(60_001, new IOException("Premature end of Content-Length delimited message body")),
                delivers(7, new SocketException("Connection reset")),
                whole()), retry);

        assertThat(in.readAllBytes()).isEqualTo(content);
        assertThat(opens).containsExactly("0@null", "50000@" + ETAG, "110001@" + ETAG, "110008@" + ETAG);
        assertThat(waits).as("each break came after progress, so each is a first failure")
                .containsExactly(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(200));
    }

    @Test
    void aResponseThatEndsEarlyWithoutAnErrorIsResumedToo() throws IOException {
        ResumableObjectStream in = new ResumableObjectStream("validated/a.csv", store(delivers(1_000, null), whole()), retry);

        assertThat(in.readAllBytes()).isEqualTo(content);
        assertThat(opens).containsExactly("0@null", "1000@" + ETAG);
    }

    @Test
    void givesUpWhenOnePositionFailsMaxAttemptsTimesInARowSayingHowManyAndWhere() throws IOException {
        ResumableObjectStream in = new ResumableObjectStream("validated/a.csv", store(
                delivers(1_000, new SocketException("Connection reset")),
                delivers(0, new SocketException("Connection reset"))), retry);

        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
                .hasMessageContaining("validated/a.csv stopped arriving at byte 1000 of 200000")
                .hasMessageContaining("gave up after 5 attempts").hasMessageContaining("Connection reset");
        assertThat(opens).containsExactly("0@null", "1000@" + ETAG, "1000@" + ETAG, "1000@" + ETAG, "1000@" + ETAG);
        assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800),
                Duration.ofSeconds(1));
    }

    @Test
    void anObjectThatChangedSinceReadingBeganFailsAtOnce() throws IOException {
        ResumableObjectStream in = new ResumableObjectStream("validated/a.csv", store(
                delivers(1_000, new SocketException("Connection reset")),
                position -> {
                    throw s3Error(412, "PreconditionFailed");
                }), retry);

        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
                .hasMessageContaining("validated/a.csv changed while it was being read").hasMessageContaining(ETAG);
        assertThat(opens).hasSize(2);
        assertThat(waits).hasSize(1);
    }

    @Test
    void aStoreThatIgnoresIfMatchStillCannotResumeOnAnotherVersion() throws IOException {
        List<String> versions = new ArrayList<>(List.of(ETAG, "\"v2\""));
        ResumableObjectStream in = new ResumableObjectStream("validated/a.csv", (position, eTag) -> {
            opens.add(position + "@" + eTag);
            Step step = opens.size() == 1 ? delivers(1_000, new SocketException("Connection reset")) : whole();
            return new ResumableObjectStream.Opened(step.respond(position), versions.get(Math.min(opens.size(), 2) - 1),
                    content.length);
        }, retry);

        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
                .hasMessageContaining("validated/a.csv changed while it was being read").hasMessageContaining("\"v2\"");
        assertThat(opens).as("no retry after the version changed").hasSize(2);
    }

    @Test
    void anAnswerThatIsNotTransientIsNotRetried() throws IOException {
        ResumableObjectStream in = new ResumableObjectStream("validated/a.csv", store(
                delivers(1_000, new SocketException("Connection reset")),
                position -> {
                    throw s3Error(403, "AccessDenied");
                }), retry);

        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("AccessDenied");
        assertThat(opens).hasSize(2);
    }

    @Test
    void theFirstOpenIsRetriedWhileTheStoreIsUnreachable() throws IOException {
        IOException refused = new IOException("Connection refused");
        ResumableObjectStream in = new ResumableObjectStream("validated/a.csv", store(
                position -> {
                    throw SdkClientException.create("Unable to execute HTTP request", refused);
                },
                position -> {
                    throw s3Error(503, "SlowDown");
                },
                whole()), retry);

        assertThat(in.readAllBytes()).isEqualTo(content);
        assertThat(opens).containsExactly("0@null", "0@null", "0@null");
        assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void aMissingObjectFailsAtOnce() {
        assertThatThrownBy(() -> new ResumableObjectStream("validated/a.csv", store(position -> {
            throw s3Error(404, "NoSuchKey");
        }), retry)).isInstanceOf(IOException.class).hasMessageContaining("NoSuchKey");
        assertThat(waits).isEmpty();
    }

    @Test
    void responsesNotReadToTheirEndAreAbortedNotDrained() throws IOException {
        List<BreakingBody> bodies = new ArrayList<>();
        ResumableObjectStream in = new ResumableObjectStream("validated/a.csv", store(
                position -> track(bodies, (BreakingBody) delivers(10, new SocketException("Connection reset")).respond(position)),
                position -> track(bodies, (BreakingBody) whole().respond(position))), retry);

        in.readNBytes(100);
        in.close();

        assertThat(bodies).extracting(b -> b.aborted).containsExactly(true, true);
        assertThat(bodies).extracting(b -> b.closed).containsExactly(true, true);
    }

    @Test
    void aResponseReadToItsEndIsClosedForReuse() throws IOException {
        List<BreakingBody> bodies = new ArrayList<>();
        ResumableObjectStream in = new ResumableObjectStream("validated/a.csv",
                store(position -> track(bodies, (BreakingBody) whole().respond(position))), retry);

        in.readAllBytes();
        in.close();

        assertThat(bodies).extracting(b -> b.aborted).containsExactly(false);
        assertThat(bodies).extracting(b -> b.closed).containsExactly(true);
    }

    private static BreakingBody track(List<BreakingBody> bodies, BreakingBody body) {
        bodies.add(body);
        return body;
    }

    private static S3Exception s3Error(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status).message(code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new SplittableRandom(7).nextBytes(bytes);
        return bytes;
    }

    /** A response body: bytes {@code from} to {@code to}, then the failure (or a clean end when null). */
    private static final class BreakingBody extends InputStream implements Abortable {
        private final ByteArrayInputStream bytes;
        private final IOException failure;
        boolean aborted;
        boolean closed;

        BreakingBody(byte[] content, int from, int to, IOException failure) {
            this.bytes = new ByteArrayInputStream(content, from, to - from);
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = bytes.read(buffer, offset, Math.min(length, 4096));
            if (n < 0 && failure != null) {
                throw failure;
            }
            return n;
        }

        @Override
        public void abort() {
            aborted = true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
