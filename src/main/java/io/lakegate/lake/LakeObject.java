package io.lakegate.lake;

import java.time.Instant;

/**
 * An object in the lake as a listing or an event names it: enough to decide without reading it.
 * {@code eTag} is null when the source (e.g. an event) does not carry it.
 */
public record LakeObject(String key, long size, Instant lastModified, String eTag) {

    /** Whether {@code other} holds the same bytes, as far as size and ETag (the MD5 of a simple upload or copy) tell. */
    public boolean sameContentAs(LakeObject other) {
        return size == other.size && eTag != null && eTag.equals(other.eTag);
    }

    public String fileName() {
        return LakeLayout.fileName(key);
    }

    /** Routes log an object by itself (intake-errors), so its key is escaped like every key in a log line. */
    @Override
    public String toString() {
        return "LakeObject[key=" + LogSafe.key(key) + ", size=" + size + ", lastModified=" + lastModified + ", eTag=" + eTag + "]";
    }
}
