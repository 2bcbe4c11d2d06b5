package io.lakegate.gold;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How processed data becomes the gold tables.
 *
 * @param enabled          whether the schedule runs; on-demand compaction works either way
 * @param schedule         Quartz cron expression of the scheduled compaction
 * @param targetFileSize   gold files are cut at about this size
 * @param sortMemory       rows held in memory per sorted run before they spill to disk
 * @param workers          groups of days compacted at once, each on its own thread (0: one per processor); a
 *                         group too large to share the heap runs alone
 * @param leaseTtl         how long a replica may hold a gold table without renewing its lease; a lease older than
 *                         this is taken over (a compaction renews it as it goes)
 * @param retainSnapshots  how long a replaced snapshot stays readable (time travel, queries already running);
 *                         older snapshots are expired after each run and the files only they use are deleted
 * @param codec            zstd or snappy
 * @param workDirectory    local folder for downloaded inputs, sort runs and new files (default: the system temp folder)
 * @param catalog          where the gold tables are registered
 */
@ConfigurationProperties("lakegate.compaction")
public record CompactionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0 0/15 * * * ?") String schedule,
        @DefaultValue("128MB") DataSize targetFileSize,
        @DefaultValue("64MB") DataSize sortMemory,
        @DefaultValue("0") int workers,
        @DefaultValue("30m") Duration leaseTtl,
        @DefaultValue("5d") Duration retainSnapshots,
        @DefaultValue("zstd") String codec,
        String workDirectory,
        @DefaultValue Catalog catalog) {

    /** The threads compaction may use: {@code workers}, or one per processor when it is 0. */
    public int workerThreads() {
        return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }

    /**
     * The Iceberg catalog of the gold tables.
     *
     * @param type       {@code jdbc} (default: on the embedded lake a SQLite file beside the bucket's folder) or
     *                   {@code glue} (the AWS Glue Data Catalog, which Athena reads natively)
     * @param uri        the JDBC URL of a {@code jdbc} catalog; unset on the embedded lake: its SQLite file
     * @param namespace  the database the tables are created in
     * @param properties further Iceberg catalog properties, passed as they are ({@code glue.id},
     *                   {@code jdbc.user}, ...)
     */
    public record Catalog(
            @DefaultValue("jdbc") String type,
            String uri,
            @DefaultValue("lakegate") String namespace,
            Map<String, String> properties) {

        public Catalog {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }
    }
}
