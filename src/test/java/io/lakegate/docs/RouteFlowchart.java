package io.lakegate.docs;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.ExpressionSubElementDefinition;
import org.apache.camel.model.FilterDefinition;
import org.apache.camel.model.LogDefinition;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RemoveHeadersDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.SetBodyDefinition;
import org.apache.camel.model.SetHeaderDefinition;
import org.apache.camel.model.SetPropertyDefinition;
import org.apache.camel.model.SplitDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.TryDefinition;
import org.apache.camel.model.WhenDefinition;
import org.apache.camel.model.errorhandler.DeadLetterChannelDefinition;
import org.apache.camel.model.errorhandler.DefaultErrorHandlerDefinition;
import org.apache.camel.model.language.ExpressionDefinition;
import org.apache.camel.model.language.MethodCallExpression;

/**
 * A Mermaid flowchart of one route file, drawn from Camel's model of it: one subgraph per route and per route
 * configuration; steps in order; choice, filter and doTry as branches; a split's steps as what runs for each
 * part. Calls to a {@code direct:} endpoint lead to the route that consumes it, inside the file as an edge, in
 * another file as a reference node.
 */
final class RouteFlowchart {

    /** Where a step's flow leaves it, and what the edge says (null: nothing). */
    private record Exit(String node, String label, boolean dashed) {
        static Exit of(String node) {
            return new Exit(node, null, false);
        }
    }

    private final RouteFile file;
    private final RouteIndex index;
    private final Map<String, String> startOfRoute = new HashMap<>();
    private final Map<String, String> referenceNodes = new LinkedHashMap<>();
    private final List<String> body = new ArrayList<>();
    // Edges between routes are written last, so that each node is declared first inside its own subgraph.
    private final List<String> edgesBetweenRoutes = new ArrayList<>();
    private int nodes;

    private RouteFlowchart(RouteFile file, RouteIndex index) {
        this.file = file;
        this.index = index;
    }

    /** The flowchart of {@code file}, its links to other files resolved through {@code index}. */
    static String of(RouteFile file, RouteIndex index) {
        return new RouteFlowchart(file, index).render();
    }

    private String render() {
        for (RouteDefinition route : file.routes()) {
            startOfRoute.put(route.getRouteId(), nextNode());
        }
        for (RouteDefinition route : file.routes()) {
            route(route);
        }
        for (RouteConfigurationDefinition configuration : file.configurations()) {
            configuration(configuration);
        }
        StringBuilder chart = new StringBuilder("flowchart TD\n");
        String indent = "    ";
        for (String line : body) {
            if (line.equals("end")) {
                indent = "    ";
            }
            chart.append(indent).append(line).append('\n');
            if (line.startsWith("subgraph ")) {
                indent = "        ";
            }
        }
        referenceNodes.values().forEach(line -> chart.append("    ").append(line).append('\n'));
        edgesBetweenRoutes.forEach(line -> chart.append("    ").append(line).append('\n'));
        return chart.toString();
    }

    private void route(RouteDefinition route) {
        body.add("subgraph " + subgraphId("route", route.getRouteId()) + " [\"route " + escape(route.getRouteId()) + "\"]");
        String start = startOfRoute.get(route.getRouteId());
        List<String> from = new ArrayList<>(endpointLines(route.getInput().getEndpointUri()));
        if (route.getAutoStartup() != null) {
            from.add("autoStartup: " + route.getAutoStartup());
        }
        body.add(start + "([\"" + label(from) + "\"])");
        List<ProcessorDefinition<?>> steps = new ArrayList<>();
        for (ProcessorDefinition<?> step : route.getOutputs()) {
            if (step instanceof OnExceptionDefinition onException) {
                onException(onException, start);
            } else {
                steps.add(step);
            }
        }
        steps(steps, List.of(Exit.of(start)));
        body.add("end");
        if (route.getRouteConfigurationId() != null) {
            edgesBetweenRoutes.add(edge(new Exit(start, "errors", true), configurationTarget(route.getRouteConfigurationId())));
        }
    }

    private void configuration(RouteConfigurationDefinition configuration) {
        body.add("subgraph " + subgraphId("configuration", configuration.getId())
                + " [\"routeConfiguration " + escape(configuration.getId()) + "\"]");
        if (configuration.getErrorHandler() != null) {
            errorHandler(configuration.getErrorHandler().getErrorHandlerType());
        }
        for (OnExceptionDefinition onException : configuration.getOnExceptions()) {
            onException(onException, null);
        }
        body.add("end");
    }

    private void errorHandler(Object handler) {
        List<String> lines = new ArrayList<>();
        lines.add(decapitalize(handler.getClass().getSimpleName().replace("Definition", "")));
        if (handler instanceof DefaultErrorHandlerDefinition withRedelivery && withRedelivery.getRedeliveryPolicy() != null) {
            lines.add(attributes(withRedelivery.getRedeliveryPolicy()));
        }
        String node = node("[/\"%s\"/]", lines);
        if (handler instanceof DeadLetterChannelDefinition deadLetter) {
            linkToEndpoint(new Exit(node, "dead letter", false), deadLetter.getDeadLetterUri());
        }
    }

    /** The handler's own steps; {@code start} (a route's first node) throws to it, or null in a configuration. */
    private void onException(OnExceptionDefinition onException, String start) {
        List<String> lines = new ArrayList<>();
        lines.add("onException " + onException.getExceptions().stream().map(RouteFlowchart::simpleName).collect(Collectors.joining(", ")));
        if (onException.getRedeliveryPolicyType() != null) {
            lines.add(attributes(onException.getRedeliveryPolicyType()));
        }
        if (onException.getHandled() != null) {
            lines.add("handled: " + text(onException.getHandled()));
        }
        if (onException.getContinued() != null) {
            lines.add("continued: " + text(onException.getContinued()));
        }
        String node = node("[/\"%s\"/]", lines);
        if (start != null) {
            body.add(edge(new Exit(start, "throws", true), node));
        }
        steps(onException.getOutputs(), List.of(Exit.of(node)));
    }

    private List<Exit> steps(List<ProcessorDefinition<?>> steps, List<Exit> from) {
        List<Exit> exits = from;
        for (ProcessorDefinition<?> step : steps) {
            exits = step(step, exits);
        }
        return exits;
    }

    private List<Exit> step(ProcessorDefinition<?> step, List<Exit> from) {
        if (step instanceof ChoiceDefinition choice) {
            return choice(choice, from);
        }
        if (step instanceof FilterDefinition filter) {
            String node = connect(from, node("{\"%s\"}", List.of("filter " + expression(filter.getExpression()))));
            List<Exit> exits = new ArrayList<>(steps(filter.getOutputs(), List.of(new Exit(node, "true", false))));
            exits.add(new Exit(node, "false", false));
            return exits;
        }
        if (step instanceof TryDefinition attempt) {
            return attempt(attempt, from);
        }
        if (step instanceof SplitDefinition split) {
            List<String> lines = new ArrayList<>(List.of("split " + expression(split.getExpression())));
            String options = attributes(split);
            if (!options.isEmpty()) {
                lines.add(options);
            }
            String node = connect(from, node("{{\"%s\"}}", lines));
            steps(split.getOutputs(), List.of(new Exit(node, "each part", false)));
            return List.of(new Exit(node, "after the last part", false));
        }
        if (step instanceof SendDefinition<?> || step instanceof ToDynamicDefinition) {
            String uri = step instanceof SendDefinition<?> send ? send.getEndpointUri() : ((ToDynamicDefinition) step).getUri();
            List<String> lines = new ArrayList<>(endpointLines(uri));
            lines.set(0, step.getShortName() + " " + lines.get(0));
            String node = connect(from, node("[[\"%s\"]]", lines));
            linkToEndpoint(new Exit(node, null, true), uri);
            return List.of(Exit.of(node));
        }
        String node = connect(from, node("[\"%s\"]", List.of(describe(step))));
        // Any other step with steps of its own (loop, multicast, ...): they run inside it, then the route goes on.
        steps(step.getOutputs(), List.of(Exit.of(node)));
        return List.of(Exit.of(node));
    }

    private List<Exit> choice(ChoiceDefinition choice, List<Exit> from) {
        String node = connect(from, node("{\"%s\"}", List.of("choice")));
        List<Exit> exits = new ArrayList<>();
        for (WhenDefinition when : choice.getWhenClauses()) {
            exits.addAll(steps(when.getOutputs(), List.of(new Exit(node, expression(when.getExpression()), false))));
        }
        Exit otherwise = new Exit(node, "otherwise", false);
        exits.addAll(choice.getOtherwise() == null ? List.of(otherwise) : steps(choice.getOtherwise().getOutputs(), List.of(otherwise)));
        return exits;
    }

    private List<Exit> attempt(TryDefinition attempt, List<Exit> from) {
        String node = connect(from, node("(\"%s\")", List.of("doTry")));
        List<Exit> exits = new ArrayList<>(steps(attempt.getOutputsWithoutCatches(), List.of(Exit.of(node))));
        attempt.getCatchClauses().forEach(caught -> exits.addAll(steps(caught.getOutputs(), List.of(new Exit(node,
                "doCatch " + caught.getExceptions().stream().map(RouteFlowchart::simpleName).collect(Collectors.joining(", ")), true)))));
        return attempt.getFinallyClause() == null ? exits : steps(attempt.getFinallyClause().getOutputs(), exits);
    }

    private static String describe(ProcessorDefinition<?> step) {
        if (step instanceof BeanDefinition bean) {
            return beanCall(bean.getRef(), bean.getBeanType(), bean.getMethod());
        }
        if (step instanceof SetHeaderDefinition setHeader) {
            return "setHeader " + setHeader.getName() + " = " + expression(setHeader.getExpression());
        }
        if (step instanceof SetPropertyDefinition setProperty) {
            return "setProperty " + setProperty.getName() + " = " + expression(setProperty.getExpression());
        }
        if (step instanceof SetBodyDefinition setBody) {
            return "setBody = " + expression(setBody.getExpression());
        }
        if (step instanceof RemoveHeadersDefinition removeHeaders) {
            return "removeHeaders " + removeHeaders.getPattern()
                    + (removeHeaders.getExcludePattern() == null ? "" : " except " + removeHeaders.getExcludePattern());
        }
        if (step instanceof LogDefinition log) {
            return "log " + (log.getLoggingLevel() == null ? "" : log.getLoggingLevel() + " ") + log.getMessage();
        }
        return step instanceof ExpressionNode node ? step.getShortName() + " " + expression(node.getExpression()) : step.getLabel();
    }

    private static String expression(ExpressionDefinition expression) {
        if (expression instanceof MethodCallExpression method) {
            return beanCall(method.getRef(), method.getBeanTypeName(), method.getMethod());
        }
        return expression.getExpression();
    }

    private static String text(ExpressionSubElementDefinition expression) {
        return expression(expression.getExpressionType());
    }

    private static String beanCall(String ref, String type, String method) {
        return (ref != null ? ref : simpleName(type)) + "." + method;
    }

    /**
     * The options set on a model object, e.g. a split's {@code parallelProcessing=true} or a redelivery policy's
     * {@code maximumRedeliveries=3}: Camel's model keeps every YAML option as a String property.
     */
    private static String attributes(Object definition) {
        // Not options: the step's name and label, and a second getter of the executorService option.
        Set<String> notOptions = Set.of("getShortName", "getLabel", "getExecutorServiceRef");
        return Arrays.stream(definition.getClass().getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getParameterCount() == 0 && m.getReturnType() == String.class)
                .filter(m -> m.getName().startsWith("get") && !notOptions.contains(m.getName()))
                .sorted(Comparator.comparing(Method::getName))
                .map(m -> {
                    Object value = invoke(m, definition);
                    return value == null ? null : decapitalize(m.getName().substring(3)) + "=" + value;
                })
                .filter(option -> option != null)
                .collect(Collectors.joining(", "));
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(getter + " of " + target, e);
        }
    }

    private void linkToEndpoint(Exit from, String uri) {
        index.consumerOf(uri).ifPresent(consumer -> {
            RouteFile owner = index.fileOfRoute(consumer.getRouteId());
            String target = owner == file ? startOfRoute.get(consumer.getRouteId()) : reference("route " + consumer.getRouteId(), owner.name());
            edgesBetweenRoutes.add(edge(from, target));
        });
    }

    private String configurationTarget(String configurationId) {
        Optional<RouteFile> owner = index.fileOfConfiguration(configurationId);
        if (owner.isPresent() && owner.get() == file) {
            return subgraphId("configuration", configurationId);
        }
        return reference("routeConfiguration " + configurationId, owner.map(RouteFile::name).orElse("not declared in routes/"));
    }

    /** One node per route or configuration of another file that this file's routes refer to. */
    private String reference(String what, String where) {
        String id = "ref_" + identifier(what);
        referenceNodes.computeIfAbsent(id, key -> key + ">\"" + label(List.of(what, where)) + "\"]");
        return id;
    }

    private String node(String shape, List<String> lines) {
        String id = nextNode();
        body.add(id + String.format(shape, label(lines)));
        return id;
    }

    private String nextNode() {
        return "n" + ++nodes;
    }

    private String connect(List<Exit> from, String node) {
        from.forEach(exit -> body.add(edge(exit, node)));
        return node;
    }

    private static String edge(Exit from, String to) {
        String arrow = from.dashed() ? " -.->" : " -->";
        return from.node() + arrow + (from.label() == null ? "" : "|\"" + escape(from.label()) + "\"|") + " " + to;
    }

    /** An endpoint as it reads best in a box: the address, then its parameters on a line of their own. */
    private static List<String> endpointLines(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? List.of(uri) : List.of(uri.substring(0, query), uri.substring(query + 1).replace("&", ", "));
    }

    private static String label(List<String> lines) {
        return lines.stream().map(RouteFlowchart::escape).collect(Collectors.joining("<br/>"));
    }

    /** Mermaid entity codes for what would end a quoted label or be read as HTML. */
    private static String escape(String text) {
        return text.replace("#", "#35;").replace("&", "#amp;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
    }

    private static String subgraphId(String kind, String id) {
        return kind + "_" + identifier(id);
    }

    private static String identifier(String text) {
        return text.replaceAll("[^A-Za-z0-9]+", "_");
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String decapitalize(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
