package io.lakegate;

import io.lakegate.contract.ContractProperties;
import io.lakegate.contract.ContractRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans every stage of the pipeline shares: the clock and the data contracts. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContractProperties.class)
public class CoreConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ContractRegistry contractRegistry(ContractProperties contracts) {
        return new ContractRegistry(contracts.directoryPath());
    }
}
