package io.lakegate.gold;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How processed data becomes the gold tables.
 *
 * @param enabled         whether the schedule runs; on-demand compaction works either way
 * @param schedule        Quartz cron expression of the scheduled compaction
 * @param targetFileSize  gold files are cut at about this size
 * @param sortMemory      rows held in memory per sorted run before they spill to disk
 * @param leaseTtl        how long a replica may hold a date; a lease older than this is taken over, so it
 *                        must exceed the longest compaction of one date
 * @param retainReplaced  how long a replaced generation stays readable, for queries that started before the switch
 * @param codec           zstd or snappy
 * @param workDirectory   local folder for downloaded inputs, sort runs and new files (default: the system temp folder)
 * @param glueCrawler     AWS Glue crawler started after a run that changed gold; unset: none
 * @param glueEndpoint    endpoint override of the Glue API (tests, VPC endpoints); unset: AWS's
 */
@ConfigurationProperties("lakegate.compaction")
public record CompactionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0 0/15 * * * ?") String schedule,
        @DefaultValue("128MB") DataSize targetFileSize,
        @DefaultValue("64MB") DataSize sortMemory,
        @DefaultValue("30m") Duration leaseTtl,
        @DefaultValue("1h") Duration retainReplaced,
        @DefaultValue("zstd") String codec,
        String workDirectory,
        String glueCrawler,
        URI glueEndpoint) {
}
