package io.lakegate;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

class StartupBannerTest extends LakeRouteTest {

    @Autowired
    private StartupBanner banner;

    @Test
    void theBannerSaysWhereTheEmbeddedSecretKeyIsSetButNotTheKey() {
        String printed = announced();
        assertThat(printed).contains("Lakegate is running on its embedded lake", storage.embedded().accessKey())
                .doesNotContain(storage.embedded().secretKey())
                .contains("secret key set by", "application.yaml")
                .contains("AWS_SECRET_ACCESS_KEY=<lakegate.storage.embedded.secret-key>");
    }

    @Test
    void theBannerGivesTheAddressesOfHawtioHealthMetricsAndCompaction() {
        String printed = announced();
        String api = "http://127.0.0.1:" + port;
        assertThat(printed).contains("Hawtio      : " + api + "/actuator/hawtio", "Health      : " + api + "/actuator/health",
                "Metrics     : " + api + "/actuator/prometheus", "curl -X POST " + api + "/api/compaction");
    }

    /** What the banner logs when it is announced. */
    private String announced() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(StartupBanner.class);
        lines.start();
        logger.addAppender(lines);
        try {
            banner.announce();
        } finally {
            logger.detachAppender(lines);
        }
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).reduce("", String::concat);
    }
}
