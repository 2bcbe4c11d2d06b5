package io.lakegate.lake;

import io.lakegate.validate.IntakeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells a person who just started the service where to put files. */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final StorageProperties storage;
    private final IntakeProperties intake;
    private final ObjectProvider<EmbeddedS3Server> embedded;

    StartupBanner(StorageProperties storage, IntakeProperties intake, ObjectProvider<EmbeddedS3Server> embedded) {
        this.storage = storage;
        this.intake = intake;
        this.embedded = embedded;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        if (intake.mode() == IntakeProperties.Mode.SQS) {
            log.info("Lakegate decides the files in s3://{}/{} that S3 event notifications on {} name",
                    storage.bucket(), LakeLayout.RAW, intake.sqs().queueUrl());
        }
        EmbeddedS3Server server = embedded.getIfAvailable();
        if (server == null) {
            log.info("Lakegate is watching s3://{}/{} (region {}{})", storage.bucket(), LakeLayout.RAW, storage.region(),
                    storage.endpoint() == null ? "" : ", endpoint " + storage.endpoint());
            return;
        }
        String raw = server.directory().resolve(storage.bucket()).resolve(LakeLayout.RAW).toString();
        log.info("""

                Lakegate is running on its embedded lake.
                  Lake folder : {}
                  Drop files  : {}
                  S3 endpoint : {} (bucket '{}', access key '{}', secret '{}')
                  Upload      : AWS_ACCESS_KEY_ID={} AWS_SECRET_ACCESS_KEY={} aws s3 cp sales.csv s3://{}/{}sales.csv --endpoint-url {}
                """,
                server.directory(), raw, server.endpoint(), storage.bucket(),
                storage.embedded().accessKey(), storage.embedded().secretKey(),
                storage.embedded().accessKey(), storage.embedded().secretKey(),
                storage.bucket(), LakeLayout.RAW, server.endpoint());
    }
}
