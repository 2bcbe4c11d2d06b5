package io.lakegate.notification;

import io.lakegate.lake.LakeStorage;
import io.lakegate.lake.StorageProperties;
import io.lakegate.validate.IntakeProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * In sqs intake mode: the SQS client Camel's aws2-sqs consumer receives with (found in the registry by type)
 * and {@code notifiedRawFiles}, the bean the route names. Poll mode has neither, and needs no AWS settings.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "lakegate.intake.mode", havingValue = "sqs")
public class SqsIntakeConfiguration {

    @Bean(destroyMethod = "close")
    SqsClient sqsClient(IntakeProperties intake, StorageProperties storage) {
        IntakeProperties.Sqs sqs = intake.sqs();
        var builder = SqsClient.builder()
                .region(Region.of(sqs.region() != null ? sqs.region() : storage.region()))
                .credentialsProvider(sqs.accessKey() != null && sqs.secretKey() != null
                        ? StaticCredentialsProvider.create(AwsBasicCredentials.create(sqs.accessKey(), sqs.secretKey()))
                        : DefaultCredentialsProvider.builder().build());
        if (sqs.endpoint() != null) {
            builder.endpointOverride(sqs.endpoint());
        }
        return builder.build();
    }

    @Bean
    NotifiedRawFiles notifiedRawFiles(LakeStorage storage) {
        return new NotifiedRawFiles(storage);
    }
}
