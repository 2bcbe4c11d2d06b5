package io.lakegate.process;

import io.lakegate.contract.ContractRegistry;
import io.lakegate.lake.LakeStorage;
import io.lakegate.lake.ReplicaName;
import io.lakegate.observe.LakeMetrics;
import io.lakegate.validate.ValidationSettings;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans the processing routes name: {@code validatedZone}, {@code ingest}, {@code batchTally}; and the pool parts are uploaded on. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProcessingProperties.class)
public class ProcessingConfiguration {

    @Bean
    ValidatedZone validatedZone(LakeStorage storage, ProcessingProperties processing, LakeMetrics metrics, Clock clock) {
        return new ValidatedZone(storage, processing.leaseTtl(), ReplicaName.get(), metrics, clock);
    }

    @Bean
    Ingest ingest(LakeStorage storage, ContractRegistry contracts, ValidationSettings validation,
            ProcessingProperties processing, Clock clock, LakeMetrics metrics, ExecutorService partUploadExecutor,
            ExecutorService parquetWriterExecutor) throws IOException {
        return new Ingest(storage, contracts, validation, processing, clock, metrics, partUploadExecutor,
                parquetWriterExecutor);
    }

    @Bean
    BatchTally batchTally() {
        return new BatchTally();
    }

    /**
     * Parquet writing, beside the reading and checking of each file in processing: one thread per such file, whose
     * writes run one after another ({@link SerialWrites}).
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService parquetWriterExecutor(ProcessingProperties processing, CamelContext camel) {
        return camel.getExecutorServiceManager().newFixedThreadPool(this, "parquet-writer", processing.concurrency());
    }

    /** Uploads of Parquet parts, shared by the files in processing; each file keeps a few in flight at most. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService partUploadExecutor(ProcessingProperties processing, CamelContext camel) {
        return camel.getExecutorServiceManager().newFixedThreadPool(this, "part-upload",
                processing.uploadConcurrency() * processing.concurrency());
    }
}
