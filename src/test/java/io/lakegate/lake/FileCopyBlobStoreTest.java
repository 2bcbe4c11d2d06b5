package io.lakegate.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

class FileCopyBlobStoreTest {

    @TempDir
    Path root;

    private BlobStore files;
    private BlobStore store;

    @BeforeEach
    void createBucketWithOneObject() {
        files = new FilesystemNio2BlobStore(root.toString());
        files.createContainer(CreateBucketRequest.builder().bucket("lake").build());
        byte[] content = "id,amount\n1,2.50\n".getBytes(StandardCharsets.UTF_8);
        files.putBlob(PutObjectRequest.builder().bucket("lake").key("raw/sales.csv").contentType("text/csv")
                .contentLength((long) content.length).metadata(Map.of("producer", "till-7")).build(),
                new ByteArrayInputStream(content));
        // S3Proxy's own copy is out of reach: a plain copy must be served without it.
        store = new FileCopyBlobStore(new ForwardingBlobStore(files) {
            @Override
            public CopyObjectResponse copyBlob(CopyObjectRequest request) {
                throw new IllegalStateException("S3Proxy copy used");
            }
        }, root);
    }

    @Test
    void aPlainCopyKeepsBytesETagAndMetadataAndLeavesNoPartialFile() throws Exception {
        HeadObjectResponse source = files.blobMetadata("lake", "raw/sales.csv");

        CopyObjectResponse response = store.copyBlob(copy("raw/sales.csv", "validated/sales.csv").build());

        HeadObjectResponse copy = files.blobMetadata("lake", "validated/sales.csv");
        assertThat(Files.readString(root.resolve("lake/validated/sales.csv"))).isEqualTo("id,amount\n1,2.50\n");
        assertThat(copy.eTag()).isEqualTo(source.eTag()).isEqualTo(response.copyObjectResult().eTag());
        assertThat(copy.contentType()).isEqualTo("text/csv");
        assertThat(copy.metadata()).containsEntry("producer", "till-7");
        assertThat(copy.lastModified()).isEqualTo(response.copyObjectResult().lastModified())
                .isAfterOrEqualTo(source.lastModified());
        try (var listed = Files.list(root.resolve("lake/validated"))) {
            assertThat(listed.map(p -> p.getFileName().toString())).containsExactly("sales.csv");
        }
    }

    @Test
    void copiesThatAskForMoreThanTheBytesGoToS3Proxy() {
        assertThatThrownBy(() -> store.copyBlob(copy("raw/sales.csv", "validated/sales.csv")
                .metadataDirective(MetadataDirective.REPLACE).contentType("text/plain").build()))
                .hasMessage("S3Proxy copy used");
        assertThatThrownBy(() -> store.copyBlob(copy("raw/sales.csv", "validated/sales.csv")
                .copySourceIfMatch("\"0\"").build()))
                .hasMessage("S3Proxy copy used");
        assertThatThrownBy(() -> store.copyBlob(copy("raw/missing.csv", "validated/missing.csv").build()))
                .as("a missing source gets S3Proxy's own NoSuchKey").hasMessage("S3Proxy copy used");
        assertThatThrownBy(() -> store.copyBlob(copy("../outside.csv", "validated/outside.csv").build()))
                .hasMessage("S3Proxy copy used");
    }

    private static CopyObjectRequest.Builder copy(String from, String to) {
        return CopyObjectRequest.builder().sourceBucket("lake").sourceKey(from).destinationBucket("lake").destinationKey(to);
    }
}
