package io.lakegate.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Keeps the folders people use in the embedded lake. S3 has no folders, so S3Proxy's filesystem store removes a
 * folder once its last object is deleted; but the lake's folder is also where people copy files
 * ({@code cp sales.csv lake-data/lake/raw/}), and that fails once {@code raw/} is gone. So this store marks each
 * folder it creates for an object, and a delete removes only such marked folders once empty: {@code raw/} and any
 * folder made by hand stay. A file at the top of a bucket, which no zone reads (a copy into {@code lake/raw}
 * without the slash, made while {@code raw/} was missing), is reported once in the log, saying what to do.
 */
final class FolderKeepingBlobStore extends ForwardingBlobStore {

    private static final Logger log = LoggerFactory.getLogger(FolderKeepingBlobStore.class);
    // An extended attribute S3Proxy does not read; folders without it were made by someone else and are kept.
    private static final String MADE_FOR_OBJECTS = "lakegate.made-for-objects";

    private final Path root;
    private final Set<String> strayFilesReported = ConcurrentHashMap.newKeySet();

    /** @param root the folder whose sub-folders are the buckets */
    FolderKeepingBlobStore(BlobStore delegate, Path root) {
        super(delegate);
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        List<Path> made = missingFolders(request.bucket(), request.key());
        try {
            return super.putBlob(request, content);
        } finally {
            markMadeForObjects(made);
        }
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        List<Path> made = missingFolders(request.destinationBucket(), request.destinationKey());
        try {
            return super.copyBlob(request);
        } finally {
            markMadeForObjects(made);
        }
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload, CompleteMultipartUploadRequest request) {
        List<Path> made = missingFolders(request.bucket(), request.key());
        try {
            return super.completeMultipartUpload(upload, request);
        } finally {
            markMadeForObjects(made);
        }
    }

    /**
     * A plain delete of a file object is done here, as S3Proxy's would be, except that the folders left empty are
     * removed only up to the first one this store did not make. Anything else (versions, conditions, folder
     * markers) goes to S3Proxy.
     */
    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        Path file = objectFile(root, request.bucket(), request.key());
        boolean plain = request.versionId() == null && request.ifMatch() == null && request.ifMatchSize() == null
                && request.ifMatchLastModifiedTime() == null;
        if (file == null || !plain || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || isVersioned(request.bucket())) {
            return super.removeBlob(request);
        }
        try {
            Files.deleteIfExists(file);
            removeEmptyFoldersMadeForObjects(file.getParent(), root.resolve(request.bucket()));
        } catch (IOException e) {
            throw new UncheckedIOException("Deleting " + request.key() + " failed", e);
        }
        return DeleteObjectResponse.builder().build();
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        ListObjectsV2Response listing = super.list(request);
        reportStrayFiles(request.bucket());
        return listing;
    }

    /** Logs each file at the top of the bucket's folder once (per modification), with what to do about it. */
    void reportStrayFiles(String bucket) {
        Path folder = bucketFolder(bucket);
        if (folder == null || !Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path file : entries.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || EmbeddedS3Server.isTemporaryFile(name)
                        || !strayFilesReported.add(name + "|" + Files.getLastModifiedTime(file).toMillis())) {
                    continue;
                }
                Path raw = folder.resolve(LakeLayout.RAW);
                log.warn("{} is a file at the top of bucket '{}': its key '{}' is in no folder, so no zone reads it and"
                        + " it is never ingested. Files to ingest go into {} (copy with the trailing slash: cp sales.csv {}/)."
                        + " To ingest this one, move it there under its own name, e.g. mv {} /tmp/sales.csv && mkdir -p {}"
                        + " && mv /tmp/sales.csv {}/", LogSafe.key(file.toString()), bucket, LogSafe.key(name), raw, raw,
                        LogSafe.key(file.toString()), raw, raw);
            }
        } catch (IOException e) {
            log.debug("Bucket folder {} could not be listed for stray files: {}", folder, e.getMessage());
        }
    }

    /** The file of an object, or null for a key that is not a plain file name inside its bucket's folder. */
    static Path objectFile(Path root, String bucket, String key) {
        if (bucket == null || key == null || key.isEmpty() || key.endsWith("/") || bucket.contains("/")) {
            return null;
        }
        Path folder = root.resolve(bucket).normalize();
        Path file = folder.resolve(key).normalize();
        return folder.getParent().equals(root) && file.startsWith(folder) && !file.equals(folder) ? file : null;
    }

    private Path bucketFolder(String bucket) {
        if (bucket == null || bucket.isEmpty() || bucket.contains("/")) {
            return null;
        }
        Path folder = root.resolve(bucket).normalize();
        return root.equals(folder.getParent()) ? folder : null;
    }

    /** The folders between the bucket and the object's file that do not exist yet, deepest last. */
    private List<Path> missingFolders(String bucket, String key) {
        Path file = objectFile(root, bucket, key);
        List<Path> missing = new ArrayList<>();
        if (file == null) {
            return missing;
        }
        Path bucketFolder = root.resolve(bucket);
        for (Path folder = file.getParent(); !folder.equals(bucketFolder) && !Files.exists(folder); folder = folder.getParent()) {
            missing.add(0, folder);
        }
        return missing;
    }

    private static void markMadeForObjects(List<Path> folders) {
        for (Path folder : folders) {
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                Files.getFileAttributeView(folder, UserDefinedFileAttributeView.class)
                        .write(MADE_FOR_OBJECTS, ByteBuffer.wrap(new byte[] {1}));
            } catch (IOException | UnsupportedOperationException e) {
                // unmarked, the folder is merely kept once empty
            }
        }
    }

    private static boolean isMadeForObjects(Path folder) {
        try {
            return Files.getFileAttributeView(folder, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .list().contains(MADE_FOR_OBJECTS);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    // The drop zone stays even if this store made it: people copy files into it.
    private static void removeEmptyFoldersMadeForObjects(Path folder, Path bucketFolder) throws IOException {
        Path rawZone = bucketFolder.resolve(LakeLayout.RAW);
        for (Path current = folder; current.startsWith(bucketFolder) && !current.equals(bucketFolder)
                && !current.equals(rawZone) && isMadeForObjects(current); current = current.getParent()) {
            try {
                Files.delete(current);
            } catch (DirectoryNotEmptyException e) {
                return;
            } catch (NoSuchFileException e) {
                // removed by a delete of its other last object meanwhile; its parent may be empty now
            }
        }
    }

    private boolean isVersioned(String bucket) {
        try {
            BucketVersioningStatus status = super.getBucketVersioning(GetBucketVersioningRequest.builder().bucket(bucket).build()).status();
            return status == BucketVersioningStatus.ENABLED || status == BucketVersioningStatus.SUSPENDED;
        } catch (UnsupportedOperationException e) {
            // the filesystem store keeps no versions
            return false;
        }
    }
}
