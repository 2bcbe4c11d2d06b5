package io.lakegate.alert;

import io.lakegate.lake.StorageProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/** The SNS client Camel's aws2-sns endpoint publishes alerts with (found in the registry by type). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertProperties.class)
public class AlertConfiguration {

    @Bean(destroyMethod = "close")
    SnsClient snsClient(AlertProperties alerts, StorageProperties storage) {
        var builder = SnsClient.builder()
                .region(Region.of(alerts.region() != null ? alerts.region() : storage.region()))
                .credentialsProvider(alerts.accessKey() != null && alerts.secretKey() != null
                        ? StaticCredentialsProvider.create(AwsBasicCredentials.create(alerts.accessKey(), alerts.secretKey()))
                        : DefaultCredentialsProvider.builder().build());
        if (alerts.endpoint() != null) {
            builder.endpointOverride(alerts.endpoint());
        }
        return builder.build();
    }
}
