package io.lakegate.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class IntakePropertiesTest {

    @Test
    void pollsByDefault() {
        IntakeProperties intake = bind(Map.of());

        assertThat(intake.mode()).isEqualTo(IntakeProperties.Mode.POLL);
        assertThat(intake.sqs().visibilityTimeoutSeconds()).isEqualTo(60);
        assertThat(intake.sqs().waitTimeSeconds()).isEqualTo(20);
    }

    @Test
    void readsTheQueueOfSqsMode() {
        IntakeProperties intake = bind(Map.of(
                "lakegate.intake.mode", "sqs",
                "lakegate.intake.sqs.queue-url", "https://sqs.eu-west-1.amazonaws.com/123456789012/lakegate-intake"));

        assertThat(intake.mode()).isEqualTo(IntakeProperties.Mode.SQS);
        assertThat(intake.sqs().queueUrl()).isEqualTo(URI.create("https://sqs.eu-west-1.amazonaws.com/123456789012/lakegate-intake"));
    }

    @Test
    void refusesSqsModeWithoutAQueueNamingTheKeyToSet() {
        assertThatThrownBy(() -> bind(Map.of("lakegate.intake.mode", "sqs")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("lakegate.intake.sqs.queue-url");
    }

    @Test
    void refusesALongPollBeyondWhatSqsAllows() {
        assertThatThrownBy(() -> bind(Map.of("lakegate.intake.sqs.wait-time-seconds", "30")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("0 to 20");
    }

    private static IntakeProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("lakegate.intake", IntakeProperties.class);
    }
}
