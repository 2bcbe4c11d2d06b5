package io.lakegate.validate;

import io.lakegate.LakegateVersion;
import io.lakegate.contract.ContractRegistry;
import io.lakegate.lake.LakeStorage;
import io.lakegate.observe.LakeMetrics;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans the validate route names: {@code rawZone} and the {@code intakeExecutor} files are decided on. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IntakeProperties.class, ValidationSettings.class})
public class IntakeConfiguration {

    @Bean
    FileValidator fileValidator(ContractRegistry contracts, ValidationSettings settings, Clock clock) {
        return new FileValidator(contracts::forKey, contracts::all, settings, clock, LakegateVersion.get());
    }

    @Bean
    RawZone rawZone(LakeStorage storage, FileValidator validator, IntakeProperties intake, Clock clock, LakeMetrics metrics) {
        return new RawZone(storage, validator, intake, clock, metrics);
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService intakeExecutor(IntakeProperties intake, CamelContext camel) {
        return camel.getExecutorServiceManager().newFixedThreadPool(this, "intake", intake.concurrency());
    }
}
