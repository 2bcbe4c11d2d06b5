package io.lakegate.notification;

import static io.lakegate.notification.S3EventSamples.created;
import static io.lakegate.notification.S3EventSamples.removed;
import static io.lakegate.notification.S3EventSamples.sample;
import static io.lakegate.notification.S3EventSamples.throughSns;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.lake.LakeObject;
import io.lakegate.lake.LakeStorage;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotifiedRawFilesTest {

    private final Set<String> lake = new HashSet<>();
    private final NotifiedRawFiles notified = new NotifiedRawFiles(new LakeOfKeys(lake));

    @Test
    void namesTheCreatedObjectAsItIsNow() {
        lake.add("raw/sales.csv");

        assertThat(notified.waitingIn(created("lake", "raw/sales.csv")))
                .containsExactly(new LakeObject("raw/sales.csv", 7, Instant.EPOCH, "\"etag\""));
    }

    @Test
    void namesEachObjectOfAMessageOnceInOrder() {
        lake.add("raw/sales_emea.csv");
        lake.add("raw/sales_apac.csv");

        assertThat(notified.waitingIn(sample("multi-record.json"))).extracting(LakeObject::key)
                .containsExactly("raw/sales_emea.csv", "raw/sales_apac.csv");
    }

    @Test
    void findsTheObjectOfAnSnsWrappedEventByItsDecodedKey() {
        lake.add("raw/Q1 sales über.csv");

        assertThat(notified.waitingIn(throughSns(created("lake", "raw/Q1 sales über.csv")))).extracting(LakeObject::key)
                .containsExactly("raw/Q1 sales über.csv");
    }

    @Test
    void skipsAnObjectThatAlreadyLeftRaw() {
        assertThat(notified.waitingIn(created("lake", "raw/sales.csv"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"validated/sales.csv", "processed/fact_sales/date=2026-11-20/part-1.parquet", "raw/stores/", "raw/.sales.csv.swp", "sales.csv"})
    void ignoresObjectsThatAreNotProducerFilesInRaw(String key) {
        lake.add(key);

        assertThat(notified.waitingIn(created("lake", key))).isEmpty();
    }

    @Test
    void ignoresObjectsOfAnotherBucket() {
        lake.add("raw/sales.csv");

        assertThat(notified.waitingIn(created("someone-elses-bucket", "raw/sales.csv"))).isEmpty();
    }

    @Test
    void ignoresRemovals() {
        lake.add("raw/sales.csv");

        assertThat(notified.waitingIn(removed("lake", "raw/sales.csv"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"test-event.json", "sns-wrapped-test-event.json"})
    void asksNothingForTheTestEvent(String sample) {
        assertThat(notified.waitingIn(sample(sample))).isEmpty();
    }

    @Test
    void asksNothingForABodyThatIsNoS3Event() {
        assertThat(notified.waitingIn("{\"greeting\": \"hello\"}")).isEmpty();
    }

    @Test
    void allLeftRawOnlyWhenNoneOfTheObjectsIsThereAnyMore() {
        List<LakeObject> objects = List.of(object("raw/a.csv"), object("raw/b.csv"));
        lake.add("raw/b.csv");

        assertThat(notified.allLeftRaw(objects)).isFalse();
        lake.remove("raw/b.csv");
        assertThat(notified.allLeftRaw(objects)).isTrue();
    }

    private static LakeObject object(String key) {
        return new LakeObject(key, 7, Instant.EPOCH, "\"etag\"");
    }

    /** Answers HEAD from a set of keys; nothing else is asked of storage here. */
    private static final class LakeOfKeys extends LakeStorage {
        private final Set<String> keys;

        LakeOfKeys(Set<String> keys) {
            super(null, "lake");
            this.keys = keys;
        }

        @Override
        public Optional<LakeObject> head(String key) {
            return keys.contains(key) ? Optional.of(object(key)) : Optional.empty();
        }
    }
}
