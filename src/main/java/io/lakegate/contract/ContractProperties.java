package io.lakegate.contract;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param directory the folder of data contract YAML files, re-read on change. A plain string, because
 *                  Spring's conversion to Path would prefer a same-named classpath folder over the disk.
 */
@ConfigurationProperties("lakegate.contracts")
public record ContractProperties(@DefaultValue("contracts") String directory) {

    public Path directoryPath() {
        return Path.of(directory);
    }
}
