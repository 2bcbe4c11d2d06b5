package io.lakegate.cli;

import io.lakegate.contract.ContractProperties;
import io.lakegate.gold.CompactionProperties;
import io.lakegate.lake.StorageProperties;
import io.lakegate.process.ProcessingProperties;
import io.lakegate.validate.ValidationSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The service's own settings from {@code ./application.yaml}, read without starting the service, so the
 * offline commands judge files exactly as the running service would.
 */
record ServiceSettings(ValidationSettings validation, ContractProperties contracts, StorageProperties storage,
        CompactionProperties compaction, ProcessingProperties processing) {

    private static final Path APPLICATION_YAML = Path.of("application.yaml");

    static ServiceSettings load() throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        if (Files.exists(APPLICATION_YAML)) {
            List<PropertySource<?>> loaded = new YamlPropertySourceLoader().load("application.yaml",
                    new FileSystemResource(APPLICATION_YAML));
            loaded.forEach(sources::addLast);
        }
        Binder binder = new Binder(ConfigurationPropertySources.from(sources));
        return new ServiceSettings(
                binder.bindOrCreate("lakegate.validation", ValidationSettings.class),
                binder.bindOrCreate("lakegate.contracts", ContractProperties.class),
                binder.bindOrCreate("lakegate.storage", StorageProperties.class),
                binder.bindOrCreate("lakegate.compaction", CompactionProperties.class),
                binder.bindOrCreate("lakegate.processing", ProcessingProperties.class));
    }
}
