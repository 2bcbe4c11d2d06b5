package io.lakegate.contract;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contracts in {@code contracts/}, re-read whenever a file there changes, so an edit applies to the
 * next file without a restart. A broken edit keeps the last good version of that contract in force and
 * is logged; at start-up a broken contract stops the service instead.
 */
public class ContractRegistry {

    private static final Logger log = LoggerFactory.getLogger(ContractRegistry.class);

    private final Path directory;
    private final ContractLoader loader = new ContractLoader();
    private Map<Path, Loaded> loaded = new TreeMap<>();

    private record Loaded(DataContract contract, List<PathMatcher> keyMatchers, long modified, long size) {
    }

    public ContractRegistry(Path directory) {
        this.directory = directory;
        refresh(true);
        if (loaded.isEmpty()) {
            throw new ContractException("No data contract (*.yaml) found in " + directory.toAbsolutePath());
        }
    }

    /** The contract whose {@code source.keys} globs match a raw key; the first file in name order wins. */
    public synchronized Optional<DataContract> forKey(String key) {
        refresh(false);
        Path asPath = Path.of(key);
        return loaded.values().stream()
                .filter(l -> l.keyMatchers().stream().anyMatch(m -> m.matches(asPath)))
                .map(Loaded::contract)
                .findFirst();
    }

    /**
     * The contract that claims a file no key pattern matched, by its header: the first (in file name order) with
     * {@code source.matchHeader} whose columns the header holds.
     */
    public synchronized Optional<DataContract> claimingHeader(List<String> header) {
        return HeaderMatch.claiming(all(), header);
    }

    public synchronized Optional<DataContract> byId(String id) {
        refresh(false);
        return loaded.values().stream().map(Loaded::contract).filter(c -> c.id().equals(id)).findFirst();
    }

    public Path directory() {
        return directory;
    }

    public synchronized List<DataContract> all() {
        refresh(false);
        return loaded.values().stream().map(Loaded::contract).toList();
    }

    private void refresh(boolean startUp) {
        Map<Path, Loaded> next = new TreeMap<>();
        for (Path file : contractFiles()) {
            long modified;
            long size;
            try {
                modified = Files.getLastModifiedTime(file).toMillis();
                size = Files.size(file);
            } catch (IOException e) {
                continue;
            }
            Loaded previous = loaded.get(file);
            if (previous != null && previous.modified() == modified && previous.size() == size) {
                next.put(file, previous);
                continue;
            }
            try {
                DataContract contract = loader.load(file);
                next.put(file, new Loaded(contract, matchers(contract), modified, size));
                if (!startUp) {
                    log.info("Contract {} version {} reloaded from {}", contract.id(), contract.version(), file);
                }
            } catch (ContractException e) {
                if (startUp) {
                    throw e;
                }
                if (previous != null) {
                    log.error("{}; the previous version of this contract stays in force", e.getMessage());
                    next.put(file, new Loaded(previous.contract(), previous.keyMatchers(), modified, size));
                } else {
                    log.error("{}; it is ignored until fixed", e.getMessage());
                }
            }
        }
        loaded = next;
    }

    private List<Path> contractFiles() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new ContractException("Contracts folder " + directory + " cannot be listed: " + e.getMessage(), e);
        }
    }

    private static List<PathMatcher> matchers(DataContract contract) {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : contract.source().keys()) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
        return matchers;
    }
}
