package io.lakegate.lake;

import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * One S3 client for the whole service. Embedded and real S3 differ only in the endpoint and the
 * credentials it is given here; every caller uses the same client and code.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
public class StorageConfiguration {

    // Closed by Spring after the Camel context stops, so consumers never poll a stopped endpoint.
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "lakegate.storage.mode", havingValue = "embedded", matchIfMissing = true)
    EmbeddedS3Server embeddedS3Server(StorageProperties storage) {
        return new EmbeddedS3Server(storage.embedded(), storage.bucket());
    }

    @Bean(destroyMethod = "close")
    S3Client s3Client(StorageProperties storage, ObjectProvider<EmbeddedS3Server> embedded) {
        EmbeddedS3Server server = embedded.getIfAvailable();
        URI endpoint = server != null ? server.endpoint() : storage.endpoint();
        boolean pathStyle = storage.pathStyle() != null ? storage.pathStyle() : endpoint != null;
        var builder = S3Client.builder()
                .region(Region.of(storage.region()))
                .credentialsProvider(credentials(storage))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    @Bean
    LakeStorage lakeStorage(S3Client s3Client, StorageProperties storage) {
        return new LakeStorage(s3Client, storage.bucket(),
                storage.embeddedMode() ? EmbeddedS3Server::isTemporaryFile : key -> false, StorageRetry.of(storage.retry()));
    }

    private static AwsCredentialsProvider credentials(StorageProperties storage) {
        if (storage.embeddedMode()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    storage.embedded().accessKey(), storage.embedded().secretKey()));
        }
        if (storage.accessKey() != null && storage.secretKey() != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(storage.accessKey(), storage.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
