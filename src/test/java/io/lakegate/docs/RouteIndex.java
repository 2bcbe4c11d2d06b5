package io.lakegate.docs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;

/** Which file declares each route and route configuration, and which route consumes each endpoint. */
final class RouteIndex {

    private final List<RouteFile> files;
    private final Map<String, RouteFile> fileOfRoute = new HashMap<>();
    private final Map<String, RouteFile> fileOfConfiguration = new HashMap<>();
    private final Map<String, RouteDefinition> consumerOfEndpoint = new HashMap<>();

    RouteIndex(List<RouteFile> files) {
        this.files = files;
        for (RouteFile file : files) {
            for (RouteDefinition route : file.routes()) {
                fileOfRoute.put(route.getRouteId(), file);
                consumerOfEndpoint.put(withoutParameters(route.getInput().getEndpointUri()), route);
            }
            for (RouteConfigurationDefinition configuration : file.configurations()) {
                fileOfConfiguration.put(configuration.getId(), file);
            }
        }
    }

    List<RouteFile> files() {
        return files;
    }

    RouteFile fileOfRoute(String routeId) {
        return fileOfRoute.get(routeId);
    }

    Optional<RouteFile> fileOfConfiguration(String configurationId) {
        return Optional.ofNullable(fileOfConfiguration.get(configurationId));
    }

    /** The route whose {@code from} is this endpoint (parameters aside), e.g. the one behind {@code direct:ingest-rows}. */
    Optional<RouteDefinition> consumerOf(String uri) {
        return Optional.ofNullable(consumerOfEndpoint.get(withoutParameters(uri)));
    }

    /** Every route, in any file, whose errors go to this route configuration. */
    List<RouteDefinition> routesUsing(String configurationId) {
        return files.stream().flatMap(file -> file.routes().stream())
                .filter(route -> configurationId.equals(route.getRouteConfigurationId())).toList();
    }

    static String withoutParameters(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
