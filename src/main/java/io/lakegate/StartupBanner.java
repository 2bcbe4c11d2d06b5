package io.lakegate;

import io.lakegate.lake.EmbeddedS3Server;
import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.StorageProperties;
import io.lakegate.validate.IntakeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Tells a person who just started the service where to put files. The embedded lake's secret key is not
 * printed, only where it is set: logs are collected and kept by people and systems the key is not meant for.
 */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);
    private static final ConfigurationPropertyName SECRET_KEY = ConfigurationPropertyName.of("lakegate.storage.embedded.secret-key");

    private final StorageProperties storage;
    private final IntakeProperties intake;
    private final ObjectProvider<EmbeddedS3Server> embedded;
    private final Environment environment;

    StartupBanner(StorageProperties storage, IntakeProperties intake, ObjectProvider<EmbeddedS3Server> embedded,
            Environment environment) {
        this.storage = storage;
        this.intake = intake;
        this.embedded = embedded;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        if (intake.mode() == IntakeProperties.Mode.SQS) {
            log.info("Lakegate decides the files in s3://{}/{} that S3 event notifications on {} name",
                    storage.bucket(), LakeLayout.RAW, intake.sqs().queueUrl());
        }
        EmbeddedS3Server server = embedded.getIfAvailable();
        if (server == null) {
            log.info("Lakegate is watching s3://{}/{} (region {}{}){}", storage.bucket(), LakeLayout.RAW, storage.region(),
                    storage.endpoint() == null ? "" : ", endpoint " + storage.endpoint(), addresses());
            return;
        }
        String raw = server.directory().resolve(storage.bucket()).resolve(LakeLayout.RAW).toString();
        log.info("""

                Lakegate is running on its embedded lake.
                  Lake folder : {}
                  Drop files  : {}
                  S3 endpoint : {} (bucket '{}', access key '{}', secret key {})
                  Upload      : AWS_ACCESS_KEY_ID={} AWS_SECRET_ACCESS_KEY=<{}> aws s3 cp sales.csv s3://{}/{}sales.csv --endpoint-url {}{}
                """,
                server.directory(), raw, server.endpoint(), storage.bucket(), storage.embedded().accessKey(),
                secretKeySource(), storage.embedded().accessKey(), SECRET_KEY, storage.bucket(), LakeLayout.RAW,
                server.endpoint(), addresses());
    }

    /**
     * Where this service answers, on the ports it actually listens on: the API on server.port, the actuator
     * (Hawtio, health, metrics) on management.server.port when one is set apart.
     */
    private String addresses() {
        String api = "http://" + host() + ":" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080")) + environment.getProperty("server.servlet.context-path", "");
        String managementPort = environment.getProperty("local.management.port");
        String actuator = (managementPort == null ? api : "http://" + host() + ":" + managementPort)
                + environment.getProperty("management.endpoints.web.base-path", "/actuator");
        return "\n  Hawtio      : " + actuator + "/hawtio"
                + "\n  Health      : " + actuator + "/health"
                + "\n  Metrics     : " + actuator + "/prometheus (Prometheus)"
                + "\n  Compaction  : curl -X POST " + api + "/api/compaction (answers with the job to GET)";
    }

    // A service listening on every interface is reached from this machine as localhost.
    private String host() {
        String address = environment.getProperty("server.address");
        return address == null || address.equals("0.0.0.0") || address.equals("::") ? "localhost" : address;
    }

    /** Where the secret key comes from, e.g. "set by URL [file:./application.yaml] - 23:19". */
    private String secretKeySource() {
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty property = source.getConfigurationProperty(SECRET_KEY);
            if (property != null) {
                return "set by " + (property.getOrigin() != null ? property.getOrigin() : source);
            }
        }
        return "not set: the built-in default " + SECRET_KEY + " is in use";
    }
}
