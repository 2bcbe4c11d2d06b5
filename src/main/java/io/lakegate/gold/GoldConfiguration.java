package io.lakegate.gold;

import io.lakegate.contract.ContractRegistry;
import io.lakegate.lake.LakeStorage;
import io.lakegate.lake.ReplicaName;
import io.lakegate.lake.StorageProperties;
import io.lakegate.observe.LakeMetrics;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.iceberg.catalog.Catalog;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The beans the compaction routes name: {@code goldCompaction}, {@code compactionGate}, {@code compactionJobs}, and
 * the gold catalog.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CompactionProperties.class)
public class GoldConfiguration {

    // Not closed with the context: its FileIO would close the service's shared S3 client, which Spring closes itself.
    @Bean(destroyMethod = "")
    Catalog goldCatalog(CompactionProperties compaction, StorageProperties storage, S3Client s3Client) {
        return GoldCatalog.open(compaction.catalog(), storage, s3Client);
    }

    @Bean
    GoldTables goldTables(Catalog goldCatalog, CompactionProperties compaction, StorageProperties storage) {
        return new GoldTables(goldCatalog, compaction.catalog().namespace(), storage.bucket());
    }

    @Bean
    GoldCompaction goldCompaction(LakeStorage storage, ContractRegistry contracts, GoldTables goldTables,
            CompactionProperties compaction, LakeMetrics metrics, Clock clock, ExecutorService goldCompactionWorkers,
            ExecutorService goldUploaders) throws IOException {
        return new GoldCompaction(storage, contracts, goldTables, compaction, ReplicaName.get(), metrics, clock,
                goldCompactionWorkers, goldUploaders);
    }

    /** The threads that compact a table's groups of days at once. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService goldCompactionWorkers(CompactionProperties compaction, CamelContext camel) {
        return camel.getExecutorServiceManager().newFixedThreadPool(this, "gold-compaction", compaction.workerThreads());
    }

    /** Uploads wait on the network, not the CPU, so they get threads of their own beside the workers. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService goldUploaders(CompactionProperties compaction, CamelContext camel) {
        return camel.getExecutorServiceManager().newFixedThreadPool(this, "gold-upload", compaction.workerThreads());
    }

    @Bean
    CompactionGate compactionGate() {
        return new CompactionGate();
    }

    @Bean
    CompactionJobs compactionJobs(Clock clock) {
        return new CompactionJobs(clock);
    }
}
