package io.lakegate.cli;

import io.lakegate.contract.ContractProperties;
import io.lakegate.contract.ContractRegistry;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * Reads the contracts as soon as the service's settings are known, before anything starts: started in the wrong
 * folder, the service stops with the contracts' own message instead of a long log, and leaves no empty lake
 * folder behind.
 */
public final class ContractsFolderCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ContractProperties contracts = Binder.get(event.getEnvironment()).bindOrCreate("lakegate.contracts", ContractProperties.class);
        new ContractRegistry(contracts.directoryPath());
    }
}
