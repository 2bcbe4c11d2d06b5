package io.lakegate.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutesLoader;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * One file of {@code routes/} as Camel's own YAML DSL reads it: its routes and route configurations in file
 * order, and the comment at its top that says what the file is for.
 */
record RouteFile(String name, String summary, List<RouteDefinition> routes, List<RouteConfigurationDefinition> configurations) {

    /** What {@code camel.main.routes-include-pattern} ({@code file:routes/*.yaml}) loads. */
    static final String PATTERN = "*.yaml";

    static List<RouteFile> readAll(Path folder) {
        // A context that is never started: parsing a file into the model looks up no bean and creates no
        // endpoint, so the routes' beans need not exist.
        try (DefaultCamelContext camel = new DefaultCamelContext();
                Stream<Path> listing = Files.list(folder)) {
            RoutesLoader loader = PluginHelper.getRoutesLoader(camel);
            List<Path> files = listing.filter(f -> f.getFileSystem().getPathMatcher("glob:" + PATTERN).matches(f.getFileName()))
                    .sorted().toList();
            // Every file's routes are built before any route configuration is known to the context: building a
            // route folds the onException of a configuration already known into it, and the diagrams should show
            // each route as written, whatever the order of the files.
            Map<Path, RouteConfigurationBuilder> builders = new LinkedHashMap<>();
            Map<Path, List<RouteDefinition>> routes = new LinkedHashMap<>();
            for (Path file : files) {
                builders.put(file, builderOf(camel, loader, file));
                routes.put(file, builders.get(file).configureRoutes(camel).getRoutes());
            }
            List<RouteFile> read = new ArrayList<>();
            for (Path file : files) {
                builders.get(file).addRouteConfigurationsToCamelContext(camel);
                read.add(new RouteFile(file.getFileName().toString(), leadingComment(file), routes.get(file),
                        builders.get(file).getRouteConfigurationCollection().getRouteConfigurations()));
            }
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Camel cannot read the routes in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The YAML DSL reads a file into one builder that holds both its routes and its route configurations. */
    private static RouteConfigurationBuilder builderOf(DefaultCamelContext camel, RoutesLoader loader, Path file) throws Exception {
        Collection<RoutesBuilder> builders = loader.findRoutesBuilders(ResourceHelper.resolveResource(camel, "file:" + file));
        if (builders.size() != 1) {
            throw new IllegalStateException(file + " was read into " + builders.size() + " builders, expected one");
        }
        return (RouteConfigurationBuilder) builders.iterator().next();
    }

    private static String leadingComment(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.takeWhile(line -> line.startsWith("#"))
                    .map(line -> line.replaceFirst("^#\\s?", ""))
                    .collect(Collectors.joining(" "));
        }
    }
}
