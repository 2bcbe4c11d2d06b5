package io.lakegate.notification;

import java.util.List;

/**
 * What one queue message says about a bucket: the object events it carries, or that it is the test message S3
 * sends once when a notification is configured (which carries none).
 */
public record S3EventMessage(List<S3ObjectEvent> records, boolean testEvent) {

    public static S3EventMessage of(List<S3ObjectEvent> records) {
        return new S3EventMessage(List.copyOf(records), false);
    }

    public static S3EventMessage test() {
        return new S3EventMessage(List.of(), true);
    }
}
