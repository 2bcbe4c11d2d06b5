package io.lakegate.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Queue message bodies as S3 sends them, made from the real samples in {@code src/test/resources/s3-events/}. */
public final class S3EventSamples {

    private static final ObjectMapper JSON = new ObjectMapper();

    private S3EventSamples() {
    }

    public static String sample(String name) {
        try {
            return Files.readString(Path.of("src", "test", "resources", "s3-events", name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An {@code ObjectCreated:Put} event for the object, sent by the bucket straight to the queue. */
    public static String created(String bucket, String key) {
        return withObject("object-created-put.json", bucket, key);
    }

    /** An {@code ObjectRemoved:Delete} event for the object. */
    public static String removed(String bucket, String key) {
        return withObject("object-removed.json", bucket, key);
    }

    /** The event wrapped by an SNS topic the queue subscribes to (raw message delivery off). */
    public static String throughSns(String event) {
        try {
            ObjectNode envelope = (ObjectNode) JSON.readTree(sample("sns-wrapped-object-created.json"));
            envelope.put("Message", event);
            return JSON.writeValueAsString(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String withObject(String sample, String bucket, String key) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(sample(sample));
            ObjectNode s3 = (ObjectNode) event.withArray("Records").get(0).get("s3");
            s3.with("bucket").put("name", bucket);
            s3.with("object").put("key", encodedAsS3Does(key));
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // S3 form-encodes keys in events but leaves the slashes.
    private static String encodedAsS3Does(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
