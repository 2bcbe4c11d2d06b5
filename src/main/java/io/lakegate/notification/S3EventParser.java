package io.lakegate.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of an SQS message as S3 sends it: the event JSON itself when the bucket notifies the queue
 * directly, or inside an SNS envelope ({@code {"Type":"Notification","Message":"<event JSON>"}}) when it
 * notifies a topic the queue subscribes to without raw message delivery.
 */
public final class S3EventParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SNS_NOTIFICATION = "Notification";
    private static final String TEST_EVENT = "s3:TestEvent";

    private S3EventParser() {
    }

    /** @throws IllegalArgumentException when the body is not an S3 event notification (nor one wrapped by SNS) */
    public static S3EventMessage parse(String body) {
        JsonNode message = read(body);
        if (SNS_NOTIFICATION.equals(message.path("Type").asText()) && message.path("Message").isTextual()) {
            message = read(message.path("Message").asText());
        }
        if (TEST_EVENT.equals(message.path("Event").asText())) {
            return S3EventMessage.test();
        }
        if (!message.path("Records").isArray()) {
            throw new IllegalArgumentException("neither S3 event records, an S3 test event, nor an SNS notification of one");
        }
        List<S3ObjectEvent> records = new ArrayList<>();
        for (JsonNode record : message.path("Records")) {
            records.add(new S3ObjectEvent(
                    required(record, "eventName"),
                    required(record.path("s3").path("bucket"), "name"),
                    decodeKey(required(record.path("s3").path("object"), "key"))));
        }
        return S3EventMessage.of(records);
    }

    // Keys arrive form-encoded: "raw/Q1 sales ü.csv" is sent as "raw/Q1+sales+%C3%BC.csv", and a literal "+" as %2B.
    private static String decodeKey(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("an S3 event record without " + field);
        }
        return value.asText();
    }

    private static JsonNode read(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
