package io.lakegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakegate.LakeRouteTest;
import io.lakegate.RecordedAwsCalls;
import io.lakegate.lake.LakeJson;
import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.StorageException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The IAM policy shipped for AWS grants exactly what the service calls. A whole run goes through the real
 * routes: a good file and a refused one through intake and processing, a file whose processing fails at its
 * last step (so its outputs are deleted), an unreadable file quarantined and cleared, a file another replica holds, the readiness check and a gold
 * compaction. Every AWS call the service made is recorded
 * and checked against {@code kubernetes/iam/lakegate-policy.json}: each must be allowed, and each S3 grant of
 * the policy must be used by some call, so nothing is granted that the code does not need.
 */
class IamPolicyRouteTest extends LakeRouteTest {

    private static final Path POLICY = Path.of("kubernetes", "iam", "lakegate-policy.json");

    /** One permission a call needs: an IAM action on a resource ARN, with the listed prefix for ListBucket. */
    private record Need(String action, String resource, String prefix, RecordedAwsCalls.Call call) {
    }

    @Test
    void thePolicyAllowsEveryCallOfAWholeRunAndGrantsNothingUnused() throws Exception {
        RecordedAwsCalls.clear();
        putResource("raw/sales_iam.csv", "sales_mixed.csv");
        putResource("raw/sales_iam_refused.csv", "sales_missing_columns.csv");
        awaitInLake("audit/ingest/date=");
        awaitInLake("rejected/system/");
        // Failing at the archive, the last step, makes the run delete everything it had published.
        lakeStorage.failWritesTo("archive/", new IllegalStateException("archive store down"));
        // The mixed rows again (so rejected rows are published, then deleted), as other bytes than the first file.
        put("raw/sales_iam_failing.csv", (new String(resource("sales_mixed.csv"), StandardCharsets.UTF_8) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                .until(() -> keys().stream().anyMatch(k -> k.contains("sales_iam_failing") && k.endsWith("reason.json"))
                        && RecordedAwsCalls.all().stream().anyMatch(call -> call.operation().equals("Publish")));
        lakeStorage.heal();
        // A file another replica holds: its lease is read to learn who holds it and until when.
        put(LakeLayout.processingLeaseKey("validated/sales_iam_held.csv"), LakeJson.pretty(Map.of("owner", "other-pod",
                "acquired_at", Instant.now().toString(), "expires_at", Instant.now().plusSeconds(60).toString())));
        put("validated/sales_iam_held.csv", resource("sales_mixed.csv"));
        // An object S3 will not let be read: quarantined once, and the record removed once the object is gone.
        lakeStorage.failReadsOf("raw/sales_iam_glacier.csv", new StorageException("Storage failed to read: InvalidObjectState",
                S3Exception.builder().statusCode(403).message("InvalidObjectState (injected)")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidObjectState").build()).build()));
        put("raw/sales_iam_glacier.csv", resource("sales.csv"));
        String quarantine = LakeLayout.quarantinePrefix(LakeLayout.RAW);
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> keys().stream().anyMatch(k -> k.startsWith(quarantine)));
        lakeStorage.delete("raw/sales_iam_glacier.csv");
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> keys().stream().noneMatch(k -> k.startsWith(quarantine)));
        lakeStorage.heal();
        // The readiness probe's own call, made on a thread of its own as a probe's request would be.
        CompletableFuture.runAsync(() -> lakeStorage.checkBucket(Duration.ofSeconds(10))).get();
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> RecordedAwsCalls.all().stream()
                .anyMatch(call -> call.operation().equals("GetObject") && call.key().startsWith("_leases/validated/sales_iam_held")));
        // A compaction that fails at its upload removes what it wrote; the next one commits.
        lakeStorage.failWritesTo(LakeLayout.goldDataPrefix("fact_sales"), new IllegalStateException("gold store down"));
        assertThat(compactOverHttp("").path("report").path("failed").asInt()).isPositive();
        lakeStorage.heal();
        assertThat(compactOverHttp("").path("report").path("compacted").asInt()).isPositive();

        // The held file would be processed once its lease runs out, in the middle of another test.
        lakeStorage.delete("validated/sales_iam_held.csv");
        lakeStorage.delete(LakeLayout.processingLeaseKey("validated/sales_iam_held.csv"));

        // The test's own calls (its uploads and looks at the lake) run on this thread; the service's on its own.
        String testThread = Thread.currentThread().getName();
        List<Need> needs = new ArrayList<>();
        for (RecordedAwsCalls.Call call : RecordedAwsCalls.all()) {
            if (!call.thread().equals(testThread)) {
                needs.addAll(needsOf(call));
            }
        }
        JsonNode statements = LakeJson.mapper().readTree(Files.readString(POLICY)
                .replace("${BUCKET}", bucket()).replace("${REGION}", "us-east-1").replace("${ACCOUNT_ID}", "000000000000")
                .replace("${TOPIC_NAME}", ALERT_TOPIC.substring(ALERT_TOPIC.lastIndexOf(':') + 1))).path("Statement");

        assertThat(needs).extracting(Need::action).contains("s3:ListBucket", "s3:GetObject", "s3:PutObject",
                "s3:DeleteObject", "sns:Publish");
        Set<String> used = new TreeSet<>();
        for (Need need : needs) {
            String grant = grantFor(statements, need);
            assertThat(grant).as("the policy allows %s on %s (prefix %s) for %s", need.action(), need.resource(),
                    need.prefix(), need.call()).isNotNull();
            used.add(grant);
        }
        assertThat(needs).as("nothing writes into raw/: producers do")
                .noneMatch(need -> need.action().equals("s3:PutObject") && need.resource().contains(":::" + bucket() + "/raw/"));
        assertThat(s3Grants(statements)).as("every S3 grant is needed by some call").isSubsetOf(used);
    }

    private void awaitInLake(String prefix) {
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> keys().stream().anyMatch(k -> k.startsWith(prefix)));
    }

    private List<Need> needsOf(RecordedAwsCalls.Call call) {
        String bucketArn = "arn:aws:s3:::" + call.bucket();
        String objectArn = bucketArn + "/" + call.key();
        return switch (call.service() + ":" + call.operation()) {
            case "S3:ListObjectsV2", "S3:ListObjects" -> List.of(new Need("s3:ListBucket", bucketArn, call.key(), call));
            case "S3:HeadBucket" -> List.of(new Need("s3:ListBucket", bucketArn, null, call));
            case "S3:HeadObject", "S3:GetObject" -> List.of(new Need("s3:GetObject", objectArn, null, call));
            case "S3:PutObject" -> List.of(new Need("s3:PutObject", objectArn, null, call));
            case "S3:DeleteObject" -> List.of(new Need("s3:DeleteObject", objectArn, null, call));
            case "S3:CopyObject" -> List.of(new Need("s3:GetObject", bucketArn + "/" + call.sourceKey(), null, call),
                    new Need("s3:PutObject", objectArn, null, call));
            case "Sns:Publish" -> List.of(new Need("sns:Publish", ALERT_TOPIC, null, call));
            case "S3:DeleteObjects" -> List.of(new Need("s3:DeleteObject", objectArn, null, call));
            default -> throw new AssertionError("No IAM mapping for " + call + "; add it here and to the policy");
        };
    }

    /** The grant (statement, action, resource[, prefix]) that allows the need, or null when none does. */
    private static String grantFor(JsonNode statements, Need need) {
        for (JsonNode statement : statements) {
            if (!statement.path("Effect").asText().equals("Allow") || !values(statement.path("Action")).contains(need.action())) {
                continue;
            }
            for (String resource : values(statement.path("Resource"))) {
                if (!glob(resource).matcher(need.resource()).matches()) {
                    continue;
                }
                JsonNode prefixes = statement.path("Condition").path("StringLike").path("s3:prefix");
                if (prefixes.isMissingNode()) {
                    return grant(statement, need.action(), resource, null);
                }
                for (String prefix : values(prefixes)) {
                    if (need.prefix() != null && glob(prefix).matcher(need.prefix()).matches()) {
                        return grant(statement, need.action(), resource, prefix);
                    }
                }
            }
        }
        return null;
    }

    private static Set<String> s3Grants(JsonNode statements) {
        Set<String> grants = new TreeSet<>();
        for (JsonNode statement : statements) {
            for (String action : values(statement.path("Action"))) {
                if (!action.startsWith("s3:")) {
                    continue;
                }
                for (String resource : values(statement.path("Resource"))) {
                    JsonNode prefixes = statement.path("Condition").path("StringLike").path("s3:prefix");
                    if (prefixes.isMissingNode()) {
                        grants.add(grant(statement, action, resource, null));
                    } else {
                        values(prefixes).forEach(prefix -> grants.add(grant(statement, action, resource, prefix)));
                    }
                }
            }
        }
        return grants;
    }

    private static String grant(JsonNode statement, String action, String resource, String prefix) {
        return statement.path("Sid").asText() + " " + action + " " + resource + (prefix == null ? "" : " prefix " + prefix);
    }

    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (!node.isMissingNode()) {
            values.add(node.asText());
        }
        return values;
    }

    // IAM's wildcards: * any run of characters, ? one character.
    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
