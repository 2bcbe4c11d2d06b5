package io.lakegate.notification;

import static io.lakegate.notification.S3EventSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3EventParserTest {

    @Test
    void readsTheObjectOfADirectObjectCreatedEvent() {
        S3EventMessage message = S3EventParser.parse(sample("object-created-put.json"));

        assertThat(message.testEvent()).isFalse();
        assertThat(message.records()).containsExactly(
                new S3ObjectEvent("ObjectCreated:Put", "lake", "raw/sales_2026-11-20.csv"));
        assertThat(message.records().get(0).objectCreated()).isTrue();
    }

    @Test
    void unwrapsAnEventDeliveredThroughAnSnsTopic() {
        S3EventMessage message = S3EventParser.parse(sample("sns-wrapped-object-created.json"));

        assertThat(message.records()).containsExactly(
                new S3ObjectEvent("ObjectCreated:CompleteMultipartUpload", "lake", "raw/stores/north/sales_week_47.csv.gz"));
    }

    @Test
    void readsEveryRecordOfAMessageInOrder() {
        S3EventMessage message = S3EventParser.parse(sample("multi-record.json"));

        assertThat(message.records()).containsExactly(
                new S3ObjectEvent("ObjectCreated:Put", "lake", "raw/sales_emea.csv"),
                new S3ObjectEvent("ObjectCreated:Copy", "lake", "raw/sales_apac.csv"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"test-event.json", "sns-wrapped-test-event.json"})
    void recognisesTheTestEventS3SendsWhenANotificationIsConfigured(String sample) {
        S3EventMessage message = S3EventParser.parse(sample(sample));

        assertThat(message.testEvent()).isTrue();
        assertThat(message.records()).isEmpty();
    }

    @Test
    void readsARemovalAsAnEventThatDoesNotCreateAnObject() {
        S3EventMessage message = S3EventParser.parse(sample("object-removed.json"));

        assertThat(message.records()).containsExactly(
                new S3ObjectEvent("ObjectRemoved:Delete", "lake", "raw/sales_2026-11-19.csv"));
        assertThat(message.records().get(0).objectCreated()).isFalse();
    }

    @Test
    void decodesKeysWithSpacesPlusSignsAndNonAsciiLetters() {
        S3EventMessage message = S3EventParser.parse(sample("encoded-key.json"));

        assertThat(message.records()).extracting(S3ObjectEvent::key)
                .containsExactly("raw/Q4 sales über München + Köln (2).csv");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1, 2]", "{\"hello\": \"world\"}", "{\"Records\": [{\"eventName\": \"ObjectCreated:Put\"}]}",
        "{\"Type\": \"Notification\", \"Message\": \"plain text from someone else\"}"})
    void refusesMessagesThatAreNotS3EventNotifications(String body) {
        assertThatThrownBy(() -> S3EventParser.parse(body)).isInstanceOf(IllegalArgumentException.class);
    }
}
