package io.lakegate.docs;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;

/**
 * The Markdown pages of {@code docs/diagrams/} that are generated: one page per route file with its routes
 * in a table and as a Mermaid flowchart, and the index. {@code zones.md} is written by hand.
 */
final class RouteDiagrams {

    static final String REGENERATE = "mvn -q -Dtest=RouteDiagramsTest -Dlakegate.diagrams.write=true test";
    static final String ZONES_PAGE = "zones.md";
    static final String INDEX_PAGE = "README.md";

    private RouteDiagrams() {
    }

    /** Page file name → content, for every route file in {@code routesFolder} plus the index. */
    static Map<String, String> render(Path routesFolder) {
        RouteIndex index = new RouteIndex(RouteFile.readAll(routesFolder));
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put(INDEX_PAGE, indexPage(index));
        for (RouteFile file : index.files()) {
            pages.put(pageOf(file), routePage(file, index));
        }
        return pages;
    }

    private static String indexPage(RouteIndex index) {
        StringBuilder page = new StringBuilder();
        page.append("# Diagrams\n\n").append(generatedNotice("routes/")).append('\n');
        page.append("- [Lake zones](").append(ZONES_PAGE).append("): how a file moves through the zones of the bucket. Written by hand;\n")
                .append("  `RouteDiagramsTest` checks that it names every zone of `io.lakegate.lake.LakeLayout`.\n");
        page.append("- One page per file of [routes/](../../routes/), drawn from Camel's own model of the YAML:\n\n");
        page.append("| route file | routes | route configurations |\n|---|---|---|\n");
        for (RouteFile file : index.files()) {
            page.append("| [").append(file.name()).append("](").append(pageOf(file)).append(") | ")
                    .append(codeList(file.routes().stream().map(RouteDefinition::getRouteId).toList())).append(" | ")
                    .append(codeList(file.configurations().stream().map(RouteConfigurationDefinition::getId).toList())).append(" |\n");
        }
        page.append("""

                ## Reading a route diagram

                - a rounded box (stadium) is where a route starts: its `from` endpoint, with `autoStartup` when set;
                - a box is a step: `ref.method` calls that bean's method; `setHeader`, `setProperty`, `setBody`, `log`, ...
                - a box with double sides is `to` / `toD`; a dotted arrow leads to the route that consumes the endpoint;
                - a hexagon is a `split`: the steps after "each part" run once per part, the route goes on "after the last part";
                - a diamond is a `choice` (an arrow per `when` predicate, and `otherwise`) or a `filter` (`true` / `false`);
                - a rounded rectangle is `doTry`; dashed `doCatch` arrows lead to the catch steps;
                - a slanted box is error handling from a `routeConfiguration`: an `onException` (with its redelivery,
                  `handled`, `continued`) or an error handler such as a dead-letter channel; a dashed `errors` arrow
                  leads from a route to the configuration it names in `routeConfigurationId`;
                - a flag is a route or route configuration declared in another file.
                """);
        return page.toString();
    }

    private static String routePage(RouteFile file, RouteIndex index) {
        StringBuilder page = new StringBuilder();
        page.append("# ").append(file.name()).append("\n\n").append(generatedNotice("routes/" + file.name())).append('\n');
        if (!file.summary().isEmpty()) {
            page.append(prose(file.summary())).append("\n\n");
        }
        page.append("Source: [routes/").append(file.name()).append("](../../routes/").append(file.name()).append(")\n\n");
        if (!file.routes().isEmpty()) {
            page.append("| route | from | errors | description |\n|---|---|---|---|\n");
            for (RouteDefinition route : file.routes()) {
                page.append("| `").append(route.getRouteId()).append("` | `")
                        .append(RouteIndex.withoutParameters(route.getInput().getEndpointUri())).append("` | ")
                        .append(route.getRouteConfigurationId() == null ? "" : configurationLink(route.getRouteConfigurationId(), index))
                        .append(" | ").append(route.getDescriptionText() == null ? "" : prose(route.getDescriptionText()).replace("|", "\\|"))
                        .append(" |\n");
            }
            page.append('\n');
        }
        if (!file.configurations().isEmpty()) {
            page.append("| route configuration | used by |\n|---|---|\n");
            for (RouteConfigurationDefinition configuration : file.configurations()) {
                page.append("| `").append(configuration.getId()).append("` | ")
                        .append(index.routesUsing(configuration.getId()).stream()
                                .map(route -> "[" + route.getRouteId() + "](" + pageOf(index.fileOfRoute(route.getRouteId())) + ")")
                                .collect(Collectors.joining(", ")))
                        .append(" |\n");
            }
            page.append('\n');
        }
        page.append("```mermaid\n").append(RouteFlowchart.of(file, index)).append("```\n");
        return page.toString();
    }

    private static String generatedNotice(String source) {
        return "<!-- Generated from " + source + " by RouteDiagramsTest: do not edit. After changing a route, run\n     "
                + REGENERATE + " -->\n";
    }

    private static String configurationLink(String configurationId, RouteIndex index) {
        return index.fileOfConfiguration(configurationId)
                .map(owner -> "[" + configurationId + "](" + pageOf(owner) + ")")
                .orElse("`" + configurationId + "` (not declared in routes/)");
    }

    static String pageOf(RouteFile file) {
        return file.name().replaceFirst("(\\.camel)?\\.yaml$", "") + ".md";
    }

    private static String codeList(List<String> names) {
        return names.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "));
    }

    /** Text from the YAML as Markdown shows it: {@code <file>} would otherwise be taken for an HTML tag and vanish. */
    private static String prose(String text) {
        return text.replace("<", "&lt;").replace(">", "&gt;");
    }
}
