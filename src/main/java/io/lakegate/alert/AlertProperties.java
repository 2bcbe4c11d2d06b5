package io.lakegate.alert;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where failures are announced. Alerts are off while {@code topicArn} is unset.
 *
 * @param topicArn  the SNS topic that receives one message per refused-on-failure file
 * @param region    defaults to the storage region
 * @param endpoint  endpoint override for SNS-compatible servers (LocalStack, a test stand-in)
 * @param accessKey static credentials; omit to use the AWS default chain
 */
@ConfigurationProperties("lakegate.alerts")
public record AlertProperties(String topicArn, String region, URI endpoint, String accessKey, String secretKey) {
}
