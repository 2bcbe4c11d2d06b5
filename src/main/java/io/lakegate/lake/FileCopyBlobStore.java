package io.lakegate.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.UUID;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectResult;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;

/**
 * Serves a plain CopyObject of the embedded server as a file copy. S3Proxy's own copy streams the object
 * through the JVM and hashes it again, which for every file moved between zones cost the service seconds of
 * CPU that S3 itself would spend on its own side. The copy keeps what S3 keeps: the bytes, the ETag and the
 * stored metadata (the file's extended attributes), with a LastModified of its own. Copies with conditions,
 * new metadata, encryption or versions go to S3Proxy as before.
 */
final class FileCopyBlobStore extends ForwardingBlobStore {

    private final Path root;

    /** @param root the folder whose sub-folders are the buckets */
    FileCopyBlobStore(BlobStore delegate, Path root) {
        super(delegate);
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        Path source = FolderKeepingBlobStore.objectFile(root, request.sourceBucket(), request.sourceKey());
        Path target = FolderKeepingBlobStore.objectFile(root, request.destinationBucket(), request.destinationKey());
        if (source == null || target == null || !isPlain(request) || !Files.isRegularFile(source)) {
            return super.copyBlob(request);
        }
        // Written beside the target under a name S3Proxy also uses for objects being written, then renamed.
        Path partial = target.resolveSibling(target.getFileName() + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(target.getParent());
            Files.copy(source, partial);
            copyStoredMetadata(source, partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            deleteQuietly(partial);
            return super.copyBlob(request);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("Copying " + request.sourceKey() + " to " + request.destinationKey() + " failed", e);
        }
        HeadObjectResponse copy = delegate().blobMetadata(request.destinationBucket(), request.destinationKey());
        return CopyObjectResponse.builder()
                .copyObjectResult(CopyObjectResult.builder().eTag(copy.eTag()).lastModified(copy.lastModified()).build())
                .build();
    }

    private static boolean isPlain(CopyObjectRequest request) {
        return request.sourceVersionId() == null
                && (request.metadataDirective() == null || request.metadataDirective() == MetadataDirective.COPY)
                && request.copySourceIfMatch() == null && request.copySourceIfNoneMatch() == null
                && request.copySourceIfModifiedSince() == null && request.copySourceIfUnmodifiedSince() == null
                && request.acl() == null && request.serverSideEncryption() == null && request.ssekmsKeyId() == null
                && request.sseCustomerAlgorithm() == null && request.copySourceSSECustomerAlgorithm() == null;
    }

    private static void copyStoredMetadata(Path from, Path to) throws IOException {
        UserDefinedFileAttributeView source = Files.getFileAttributeView(from, UserDefinedFileAttributeView.class);
        UserDefinedFileAttributeView target = Files.getFileAttributeView(to, UserDefinedFileAttributeView.class);
        for (String name : source.list()) {
            ByteBuffer value = ByteBuffer.allocate(source.size(name));
            source.read(name, value);
            target.write(name, value.flip());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover partial copy is hidden from listings like S3Proxy's own
        }
    }
}
