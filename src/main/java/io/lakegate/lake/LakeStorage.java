package io.lakegate.lake;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The lake's bucket seen through the S3 API: the only class that calls the S3 client, in embedded and
 * real-S3 mode alike. Errors surface as {@link StorageException} so routes can retry them as transient.
 */
public class LakeStorage {

    private final S3Client s3;
    private final String bucket;
    private final Predicate<String> notAnObjectYet;
    private final StorageRetry retry;

    public LakeStorage(S3Client s3, String bucket) {
        this(s3, bucket, key -> false);
    }

    public LakeStorage(S3Client s3, String bucket, Predicate<String> notAnObjectYet) {
        this(s3, bucket, notAnObjectYet, StorageRetry.defaults());
    }

    /**
     * @param notAnObjectYet keys the server lists while it is still writing them (the embedded server's temporary
     *                       files); listings leave them out, so nothing acts on half an object
     * @param retry          how reads that break and uploads that fail transiently are tried again
     */
    public LakeStorage(S3Client s3, String bucket, Predicate<String> notAnObjectYet, StorageRetry retry) {
        this.s3 = s3;
        this.bucket = bucket;
        this.notAnObjectYet = notAnObjectYet;
        this.retry = retry;
    }

    public String bucket() {
        return bucket;
    }

    /**
     * Whether the bucket answers, in one request that gives up after {@code timeout} (retries included), so a
     * caller such as a readiness probe is never held longer than that. Throws when it does not answer. It lists
     * at most one lease rather than asking HEAD of the bucket: HeadBucket needs s3:ListBucket on the whole
     * bucket, while the service's policy grants listing only under the lake's zone prefixes.
     */
    public void checkBucket(Duration timeout) {
        call("reach bucket " + bucket, () -> s3.listObjectsV2(r -> r.bucket(bucket).prefix(LakeLayout.LEASES).maxKeys(1)
                .overrideConfiguration(c -> c.apiCallTimeout(timeout))));
    }

    /**
     * The objects under a prefix. Keys are asked for URL-encoded ({@code encoding-type=url}; the SDK decodes
     * them): a key holding a control character would otherwise make the listing's XML unreadable, and one such
     * object would stop every listing of its zone.
     */
    public List<LakeObject> list(String prefix) {
        return call("list " + prefix, () -> {
            List<LakeObject> objects = new ArrayList<>();
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix).encodingType(EncodingType.URL))
                    .contents()) {
                if (!notAnObjectYet.test(o.key())) {
                    objects.add(new LakeObject(o.key(), o.size(), o.lastModified(), o.eTag()));
                }
            }
            return objects;
        });
    }

    public Optional<LakeObject> head(String key) {
        return call("head " + key, () -> {
            try {
                HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
                return Optional.of(new LakeObject(key, head.contentLength(), head.lastModified(), head.eTag()));
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** The first {@code length} bytes of an object (fewer if it is shorter): one ranged GET. */
    public byte[] readStart(String key, long length) {
        return call("read start of " + key, () -> {
            try (InputStream in = s3.getObject(r -> r.bucket(bucket).key(key).range("bytes=0-" + (length - 1)))) {
                return in.readNBytes((int) length);
            } catch (IOException e) {
                throw new StorageException("Reading " + key + " failed: " + e.getMessage(), e);
            }
        });
    }

    /** A small JSON document of the lake's own (a lease, an audit record), read whole up to {@code maxBytes}. */
    public JsonNode readJson(String key, int maxBytes) {
        try {
            return LakeJson.mapper().readTree(readStart(key, maxBytes));
        } catch (IOException e) {
            throw new UncheckedIOException(key + " is not readable JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The whole object as a stream, read as it is consumed; the caller closes it. A connection that breaks
     * mid-object is resumed where it broke, on the same version of the object ({@link ResumableObjectStream}).
     */
    public ResumableObjectStream open(String key) {
        try {
            return new ResumableObjectStream(key, (position, eTag) -> {
                ResponseInputStream<GetObjectResponse> body = s3.getObject(r -> r.bucket(bucket).key(key)
                        .range(position > 0 ? "bytes=" + position + "-" : null).ifMatch(eTag));
                GetObjectResponse response = body.response();
                return new ResumableObjectStream.Opened(body, response.eTag(),
                        response.contentLength() == null ? -1 : position + response.contentLength());
            }, retry);
        } catch (IOException e) {
            throw new StorageException("Storage failed to open " + key + ": " + e.getMessage(), e);
        }
    }

    /** Uploads a local file, streamed from disk; tried again while storage fails transiently. */
    public void upload(String key, Path file, String contentType) {
        retry.call("upload " + key, () -> s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType),
                RequestBody.fromFile(file)));
    }

    /** Writes a small object; tried again while storage fails transiently. */
    public void put(String key, byte[] content, String contentType) {
        retry.call("put " + key, () -> s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType),
                RequestBody.fromBytes(content)));
    }

    /**
     * Creates an object only if the key is free (S3 conditional write, {@code If-None-Match: *}). Returns the
     * version written, or empty when another writer got there first.
     */
    public Optional<LakeObject> putIfAbsent(String key, byte[] content, String contentType) {
        return conditionalPut("create " + key, key, content.length, () -> s3.putObject(r -> r.bucket(bucket).key(key)
                .contentType(contentType).ifNoneMatch("*"), RequestBody.fromBytes(content)));
    }

    /**
     * Replaces an object only if it is still the version read before ({@code If-Match: <etag>}). Returns the
     * version written, or empty when someone changed or removed it in between.
     */
    public Optional<LakeObject> replaceIfUnchanged(LakeObject current, byte[] content, String contentType) {
        return conditionalPut("replace " + current.key(), current.key(), content.length, () -> s3.putObject(r -> r
                .bucket(bucket).key(current.key()).contentType(contentType).ifMatch(current.eTag()),
                RequestBody.fromBytes(content)));
    }

    /** Streams an object into a local file. */
    public void download(String key, Path file) {
        call("download " + key, () -> {
            try (InputStream in = s3.getObject(r -> r.bucket(bucket).key(key))) {
                return Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new StorageException("Downloading " + key + " to " + file + " failed: " + e.getMessage(), e);
            }
        });
    }

    public void delete(String key) {
        call("delete " + key, () -> s3.deleteObject(r -> r.bucket(bucket).key(key)));
    }

    /**
     * Deletes an object only if it is still the version read before ({@code If-Match: <etag>}). Returns false
     * when it was changed or removed in between, so a newer version written by someone else is never lost.
     */
    public boolean deleteIfUnchanged(LakeObject current) {
        return conditional("delete " + current.key(), () -> s3.deleteObject(r -> r.bucket(bucket).key(current.key())
                .ifMatch(current.eTag()))).isPresent();
    }

    /**
     * Moves an object by copy, verify, delete, so a failure at any step leaves the source in place and a
     * later attempt converges. Both the copy and the delete are conditional on the version that was judged
     * ({@code x-amz-copy-source-if-match} and {@code If-Match} on its ETag): an object replaced in between is
     * neither promoted unseen nor deleted. Returns false when the source is gone (another worker moved it) or
     * is no longer the version given.
     */
    public boolean move(LakeObject source, String targetKey) {
        try {
            call("copy " + source.key() + " to " + targetKey, () -> s3.copyObject(r -> r
                    .sourceBucket(bucket).sourceKey(source.key()).copySourceIfMatch(source.eTag())
                    .destinationBucket(bucket).destinationKey(targetKey)));
        } catch (StorageException e) {
            if (isMissing(e.getCause()) || isPreconditionFailed(e.getCause())) {
                return false;
            }
            throw e;
        }
        LakeObject copy = head(targetKey).orElseThrow(() -> new StorageException(
                "Copy of " + source.key() + " to " + targetKey + " is not visible", null));
        if (copy.size() != source.size()) {
            throw new StorageException("Copy of " + source.key() + " to " + targetKey + " has " + copy.size()
                    + " bytes instead of " + source.size() + "; the source is kept", null);
        }
        // False when a new version was uploaded after the copy: it stays where it is, to be judged on its own.
        deleteIfUnchanged(source);
        return true;
    }

    private static boolean isPreconditionFailed(Throwable e) {
        return e instanceof S3Exception s3e && s3e.statusCode() == 412;
    }

    private static boolean isMissing(Throwable e) {
        return e instanceof NoSuchKeyException || (e instanceof S3Exception s3e && s3e.statusCode() == 404);
    }

    private static Optional<LakeObject> conditionalPut(String what, String key, long size,
            Supplier<PutObjectResponse> write) {
        return conditional(what, write).map(written -> new LakeObject(key, size, null, written.eTag()));
    }

    /** What the conditional request answered, or empty when its condition did not hold. */
    private static <T> Optional<T> conditional(String what, Supplier<T> request) {
        try {
            return Optional.of(request.get());
        } catch (S3Exception e) {
            // 412: the condition did not hold; 409: a concurrent conditional write to the same key won.
            if (e.statusCode() == 412 || e.statusCode() == 409 || isMissing(e)) {
                return Optional.empty();
            }
            throw new StorageException("Storage failed to " + what + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new StorageException("Storage failed to " + what + ": " + e.getMessage(), e);
        }
    }

    private static <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (SdkException e) {
            throw new StorageException("Storage failed to " + what + ": " + e.getMessage(), e);
        }
    }
}
