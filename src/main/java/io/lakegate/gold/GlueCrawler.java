package io.lakegate.gold;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.CrawlerRunningException;

/** Starts the configured AWS Glue crawler after gold changed, for catalogs that are kept by a crawler. */
public class GlueCrawler {

    private static final Logger log = LoggerFactory.getLogger(GlueCrawler.class);

    private final GlueClient glue;
    private final String name;

    public GlueCrawler(GlueClient glue, String name) {
        this.glue = glue;
        this.name = name;
    }

    /** No crawler configured: the catalog is kept by partition projection alone. */
    static GlueCrawler none() {
        return new GlueCrawler(null, null);
    }

    public void start() {
        if (glue == null) {
            return;
        }
        try {
            glue.startCrawler(r -> r.name(name));
            log.info("Glue crawler {} started", name);
        } catch (CrawlerRunningException e) {
            // It will pick up this run's files too, since it lists the table location when it gets there.
            log.info("Glue crawler {} is already running", name);
        }
    }
}
