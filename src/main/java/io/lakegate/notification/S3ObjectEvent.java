package io.lakegate.notification;

/**
 * One record of an S3 event notification: what happened to which object.
 *
 * @param eventName e.g. {@code ObjectCreated:Put}, {@code ObjectRemoved:Delete}
 * @param key       the object key, already URL-decoded (S3 sends it encoded: {@code +} for space, {@code %XX})
 */
public record S3ObjectEvent(String eventName, String bucket, String key) {

    private static final String OBJECT_CREATED = "ObjectCreated:";

    /** Put, Post, Copy and CompleteMultipartUpload alike: a new object is there to be read. */
    public boolean objectCreated() {
        return eventName.startsWith(OBJECT_CREATED);
    }
}
