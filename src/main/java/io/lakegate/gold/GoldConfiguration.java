package io.lakegate.gold;

import io.lakegate.contract.ContractRegistry;
import io.lakegate.lake.LakeStorage;
import io.lakegate.lake.ReplicaName;
import io.lakegate.observe.LakeMetrics;
import io.lakegate.lake.StorageProperties;
import java.io.IOException;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The beans the compaction routes name: {@code goldCompaction}, {@code compactionGate}, {@code replacedGenerations},
 * {@code glueCrawler}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CompactionProperties.class)
public class GoldConfiguration {

    @Bean
    GoldCompaction goldCompaction(LakeStorage storage, ContractRegistry contracts, CompactionProperties compaction,
            LakeMetrics metrics, Clock clock) throws IOException {
        return new GoldCompaction(storage, contracts, compaction, ReplicaName.get(), metrics, clock);
    }

    @Bean
    CompactionGate compactionGate() {
        return new CompactionGate();
    }

    @Bean
    ReplacedGenerations replacedGenerations(LakeStorage storage, ContractRegistry contracts, CompactionProperties compaction,
            Clock clock) {
        return new ReplacedGenerations(storage, contracts, compaction, clock);
    }

    /** Always defined so the route can name it; it has a Glue client only when a crawler is configured. */
    @Bean
    GlueCrawler glueCrawler(CompactionProperties compaction, StorageProperties storage) {
        if (compaction.glueCrawler() == null || compaction.glueCrawler().isBlank()) {
            return GlueCrawler.none();
        }
        var glue = GlueClient.builder().region(Region.of(storage.region()));
        if (compaction.glueEndpoint() != null) {
            glue.endpointOverride(compaction.glueEndpoint());
        }
        return new GlueCrawler(glue.build(), compaction.glueCrawler());
    }

    /**
     * Camel's platform-http (POST /api/compaction) runs requests on Spring's task executor; Boot does not
     * provide one here because the intake and processing executors already are Executor beans.
     */
    @Bean
    ThreadPoolTaskExecutor applicationTaskExecutor(ThreadPoolTaskExecutorBuilder builder) {
        return builder.threadNamePrefix("http-api-").build();
    }
}
