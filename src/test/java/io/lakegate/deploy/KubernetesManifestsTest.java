package io.lakegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.lakegate.lake.LakeLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The manifests under {@code kubernetes/} against the Kubernetes schema (fabric8's model classes, strictly)
 * and against the application they deploy: what the pod mounts where, which port the probes ask, which
 * objects each build must contain. No cluster: everything is read from the files, and where kubectl is installed
 * each build is also run through {@code kubectl kustomize} exactly as a user would, without flags.
 */
class KubernetesManifestsTest {

    private static final Path KUBERNETES = Path.of("kubernetes");
    private static final Path ROUTES = Path.of("routes");
    private static final Path CONTRACTS = Path.of("contracts");
    private static final Path APPLICATION = Path.of("application.yaml");
    private static final Path KUBERNETES_PROFILE = Path.of("src/main/resources/application-kubernetes.yaml");
    private static final Path DOCKERFILE = Path.of("Dockerfile");
    /** Copies of the files the pod reads, where kustomize may read them; the build refreshes them. */
    private static final Path POD_FILES = KUBERNETES.resolve("shared/files");
    /** Each folder of copies, with the folder of originals it copies. */
    private static final Map<Path, Path> COPIED_FROM = Map.of(
            POD_FILES.resolve("routes"), ROUTES,
            POD_FILES.resolve("contracts"), CONTRACTS,
            POD_FILES.resolve("config/application.yaml"), APPLICATION,
            POD_FILES.resolve("config/application-kubernetes.yaml"), KUBERNETES_PROFILE);

    /** What kubectl applies: one build per overlay, plus the Camel K alternative. */
    private static final List<Path> BUILDS = Stream.concat(
            subfolders(KUBERNETES.resolve("overlays")).stream(), Stream.of(KUBERNETES.resolve("camel-k"))).toList();

    /** Configuration keys the manifests may set that application.yaml does not list (yet). */
    private static final List<String> KEYS_BEYOND_APPLICATION_YAML = List.of(
            "lakegate.intake.mode", "lakegate.intake.sqs.queue-url", "lakegate.alerts.topic-arn",
            "lakegate.storage.mode", "lakegate.storage.bucket", "lakegate.storage.region");

    /**
     * Secrets the workloads mount that no build contains: the operator creates them (README, "Security"), so that
     * a token is never in git or in a kustomize build's output.
     */
    private static final Set<String> SECRETS_MADE_BY_THE_OPERATOR = Set.of("lakegate-security");

    /** Where the kubernetes profile reads secret files (spring.config.import configtree). */
    private static final String SECRETS_DIR = "/app/secrets";

    /** Lake zones besides LakeLayout's: gold/ is written by compaction. */
    private static final Set<String> ZONES_BEYOND_LAKE_LAYOUT = Set.of("gold");

    private static final Set<String> METRICS = Set.of(
            "lakegate_files_total", "lakegate_rows_total", "lakegate_bytes_total",
            "lakegate_stage_seconds_sum", "lakegate_stage_seconds_count", "lakegate_stage_seconds_max",
            "lakegate_stage_seconds_bucket", "lakegate_compaction_rows_total", "lakegate_compaction_changes_total",
            "lakegate_compaction_last_success_timestamp_seconds", "lakegate_zone_files",
            "camel_exchanges_total", "camel_exchanges_failed_total");

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads into fabric8's model classes and fails on any field the Kubernetes API does not know. fabric8
     * keeps unknown fields in an "additional properties" map (a Jackson any-setter), which would hide a
     * typo such as {@code readOnlyRootFileSystem}; switching the any-setters off makes them errors.
     */
    private static final ObjectMapper STRICT = new YAMLMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated member) {
                    return Boolean.FALSE;
                }
            });

    private static final Map<String, Class<?>> MODELS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "apps/v1/Deployment", Deployment.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

    /** Custom resources without a model class: the fields their CRDs define, and the ones they require. */
    private static final Map<String, Schema> CUSTOM_RESOURCES = Map.of(
            "keda.sh/v1alpha1/ScaledObject", new Schema(
                    Set.of("scaleTargetRef", "pollingInterval", "cooldownPeriod", "initialCooldownPeriod",
                            "idleReplicaCount", "minReplicaCount", "maxReplicaCount", "fallback", "advanced", "triggers"),
                    List.of("/spec/scaleTargetRef/name", "/spec/triggers/0/type", "/spec/triggers/0/metadata")),
            "keda.sh/v1alpha1/TriggerAuthentication", new Schema(
                    Set.of("podIdentity", "secretTargetRef", "env", "hashiCorpVault", "azureKeyVault",
                            "awsSecretManager", "gcpSecretManager", "configMapTargetRef", "boundServiceAccountToken"),
                    List.of()),
            "camel.apache.org/v1/Integration", new Schema(
                    Set.of("replicas", "profile", "traits", "template", "podTemplate", "sources", "flows", "integrationKit",
                            "configuration", "repositories", "serviceAccountName", "dependencies", "git"),
                    List.of("/spec/traits/container/image")));

    /** The Camel K traits the Integration uses, with their fields (camel-k pkg/apis/camel/v1/trait). */
    private static final Map<String, Set<String>> CAMEL_K_TRAITS = Map.of(
            "container", Set.of("enabled", "auto", "requestCPU", "requestMemory", "limitCPU", "limitMemory", "ports",
                    "expose", "port", "portName", "servicePort", "servicePortName", "name", "image", "imagePullPolicy",
                    "runAsUser", "runAsNonRoot", "seccompProfileType", "allowPrivilegeEscalation", "capabilitiesDrop",
                    "capabilitiesAdd"),
            "mount", Set.of("enabled", "configs", "resources", "volumes", "emptyDirs", "hotReload"),
            "environment", Set.of("enabled", "containerMeta", "httpProxy", "vars"),
            "health", healthTraitFields());

    /** enabled, and for each probe (liveness, readiness, startup): ProbeEnabled, Scheme, ..., Probe (the path). */
    private static Set<String> healthTraitFields() {
        Set<String> fields = new TreeSet<>(Set.of("enabled"));
        for (String probe : List.of("liveness", "readiness", "startup")) {
            for (String field : List.of("ProbeEnabled", "Scheme", "InitialDelay", "Timeout", "Period", "SuccessThreshold",
                    "FailureThreshold", "Probe")) {
                fields.add(probe + field);
            }
        }
        return fields;
    }

    private static final Set<String> KUSTOMIZATION_FIELDS = Set.of("apiVersion", "kind", "metadata", "resources",
            "components", "namespace", "namePrefix", "nameSuffix", "labels", "commonLabels", "commonAnnotations",
            "images", "replicas", "patches", "patchesStrategicMerge", "patchesJson6902", "configMapGenerator",
            "secretGenerator", "generatorOptions", "replacements", "transformers", "generators", "buildMetadata",
            "configurations");

    private record Schema(Set<String> specFields, List<String> required) {
    }

    /** One YAML document of a manifest file. */
    private record Manifest(Path file, JsonNode node) {

        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return file + " (" + kind() + " " + name() + ")";
        }
    }

    /** Everything one kustomize build is made of, found by following resources and components. */
    private static final class Build {
        final Path root;
        final List<Manifest> objects = new ArrayList<>();
        final List<Manifest> patches = new ArrayList<>();
        /** Generated object kind and name, e.g. "ConfigMap/lakegate-routes", with the files it is made of. */
        final Map<String, List<Path>> generated = new LinkedHashMap<>();

        Build(Path root) {
            this.root = root;
            collect(root);
        }

        private void collect(Path dir) {
            JsonNode kustomization = readOne(dir.resolve("kustomization.yaml"));
            for (String entry : texts(kustomization.path("resources"))) {
                Path resource = dir.resolve(entry).normalize();
                if (Files.isDirectory(resource)) {
                    collect(resource);
                } else {
                    objects.addAll(read(resource));
                }
            }
            texts(kustomization.path("components")).forEach(c -> collect(dir.resolve(c).normalize()));
            for (JsonNode patch : kustomization.path("patches")) {
                if (patch.has("path")) {
                    patches.addAll(read(dir.resolve(patch.path("path").asText())));
                }
            }
            generators(dir, kustomization, "configMapGenerator", "ConfigMap");
            generators(dir, kustomization, "secretGenerator", "Secret");
        }

        private void generators(Path dir, JsonNode kustomization, String field, String kind) {
            for (JsonNode generator : kustomization.path(field)) {
                List<Path> files = new ArrayList<>();
                texts(generator.path("files")).forEach(f -> files.add(original(dir.resolve(f.substring(f.indexOf('=') + 1)).normalize())));
                texts(generator.path("envs")).forEach(f -> files.add(dir.resolve(f).normalize()));
                generated.computeIfAbsent(kind + "/" + generator.path("name").asText(), k -> new ArrayList<>()).addAll(files);
            }
        }

        /** The project's file a file of the build stands for: itself, or the original of a copy in {@link #POD_FILES}. */
        private static Path original(Path file) {
            for (Map.Entry<Path, Path> copied : COPIED_FROM.entrySet()) {
                if (file.startsWith(copied.getKey())) {
                    return copied.getValue().resolve(copied.getKey().relativize(file)).normalize();
                }
            }
            return file;
        }

        Set<String> names(String kind) {
            Set<String> names = new TreeSet<>();
            objects.stream().filter(m -> m.kind().equals(kind)).forEach(m -> names.add(m.name()));
            generated.keySet().stream().filter(k -> k.startsWith(kind + "/")).forEach(k -> names.add(k.substring(kind.length() + 1)));
            return names;
        }

        List<Manifest> all(String kind) {
            return objects.stream().filter(m -> m.kind().equals(kind)).toList();
        }

        /** The Deployment and every patch of it: a field set in either is in the applied object. */
        List<Manifest> deploymentParts() {
            return Stream.concat(objects.stream(), patches.stream()).filter(m -> m.kind().equals("Deployment")).toList();
        }

        /** The ConfigMap generated from files of this folder, if any. */
        String configMapOf(Path folderOrFile) {
            return generated.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("ConfigMap/"))
                    .filter(e -> e.getValue().stream().anyMatch(f -> f.startsWith(folderOrFile.normalize())))
                    .map(e -> e.getKey().substring("ConfigMap/".length()))
                    .findFirst().orElse(null);
        }

        /** Where each ConfigMap is mounted, from the Deployment's volumes or the Integration's mount trait. */
        Map<String, String> configMapMountPaths() {
            Map<String, String> paths = new LinkedHashMap<>();
            for (Manifest part : deploymentParts()) {
                JsonNode pod = part.node().path("spec").path("template").path("spec");
                for (JsonNode volume : pod.path("volumes")) {
                    String configMap = volume.path("configMap").path("name").asText(null);
                    for (JsonNode mount : mounts(pod)) {
                        if (configMap != null && mount.path("name").asText().equals(volume.path("name").asText())) {
                            paths.put(configMap, mount.path("mountPath").asText());
                        }
                    }
                }
            }
            for (Manifest integration : all("Integration")) {
                JsonNode pod = integration.node().at("/spec/podTemplate/spec");
                for (JsonNode volume : pod.path("volumes")) {
                    String configMap = volume.path("configMap").path("name").asText(null);
                    for (JsonNode mount : mounts(pod)) {
                        if (configMap != null && mount.path("name").asText().equals(volume.path("name").asText())) {
                            paths.put(configMap, mount.path("mountPath").asText());
                        }
                    }
                }
                for (String resource : texts(integration.node().at("/spec/traits/mount/resources"))) {
                    Matcher m = Pattern.compile("configmap:([^/@]+)(?:/[^@]*)?@(.+)").matcher(resource);
                    if (m.matches()) {
                        paths.put(m.group(1), m.group(2));
                    }
                }
            }
            return paths;
        }

        @Override
        public String toString() {
            return root.toString();
        }
    }

    @Test
    void everyManifestIsValidAgainstItsKubernetesSchema() {
        List<String> problems = new ArrayList<>();
        for (Path file : manifestFiles()) {
            for (Manifest manifest : read(file)) {
                problems.addAll(schemaProblems(manifest));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void kustomizationsNameOnlyFilesThatExist() {
        List<String> missing = new ArrayList<>();
        for (Path file : manifestFiles()) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            Path dir = file.getParent();
            JsonNode k = readOne(file);
            for (String resource : texts(k.path("resources"))) {
                Path p = dir.resolve(resource).normalize();
                if (!Files.isRegularFile(p) && !Files.isRegularFile(p.resolve("kustomization.yaml"))) {
                    missing.add(file + ": resource " + resource);
                }
            }
            for (String component : texts(k.path("components"))) {
                if (!Files.isRegularFile(dir.resolve(component).resolve("kustomization.yaml"))) {
                    missing.add(file + ": component " + component);
                }
            }
            for (String configuration : texts(k.path("configurations"))) {
                if (!Files.isRegularFile(dir.resolve(configuration))) {
                    missing.add(file + ": configuration " + configuration);
                }
            }
            for (JsonNode patch : k.path("patches")) {
                if (patch.has("path") && !Files.isRegularFile(dir.resolve(patch.path("path").asText()))) {
                    missing.add(file + ": patch " + patch.path("path").asText());
                }
            }
            for (String field : List.of("configMapGenerator", "secretGenerator")) {
                for (JsonNode generator : k.path(field)) {
                    Stream.concat(texts(generator.path("files")).stream().map(f -> f.substring(f.indexOf('=') + 1)),
                                    texts(generator.path("envs")).stream())
                            .filter(f -> !Files.isRegularFile(dir.resolve(f)))
                            .forEach(f -> missing.add(file + ": " + field + " " + generator.path("name").asText() + " file " + f));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyBuildContainsTheObjectsItsWorkloadsReferTo() {
        assertThat(BUILDS).extracting(Path::toString)
                .contains("kubernetes/overlays/local", "kubernetes/overlays/aws", "kubernetes/camel-k");
        List<String> dangling = new ArrayList<>();
        for (Path root : BUILDS) {
            Build build = new Build(root);
            assertThat(build.all("Deployment").size() + build.all("Integration").size())
                    .as("%s runs Lakegate once", build).isEqualTo(1);
            Set<String> configMaps = build.names("ConfigMap");
            Set<String> secrets = new TreeSet<>(build.names("Secret"));
            secrets.addAll(SECRETS_MADE_BY_THE_OPERATOR);
            Set<String> serviceAccounts = build.names("ServiceAccount");
            for (Manifest part : build.deploymentParts()) {
                JsonNode pod = part.node().path("spec").path("template").path("spec");
                requireIn(dangling, build, part, "ServiceAccount", serviceAccounts, texts(pod.path("serviceAccountName")));
                for (JsonNode volume : pod.path("volumes")) {
                    requireIn(dangling, build, part, "ConfigMap", configMaps, texts(volume.at("/configMap/name")));
                    requireIn(dangling, build, part, "Secret", secrets, texts(volume.at("/secret/secretName")));
                    for (JsonNode source : volume.at("/projected/sources")) {
                        requireIn(dangling, build, part, "ConfigMap", configMaps, texts(source.at("/configMap/name")));
                        requireIn(dangling, build, part, "Secret", secrets, texts(source.at("/secret/name")));
                    }
                }
                for (JsonNode container : containers(pod)) {
                    for (JsonNode from : container.path("envFrom")) {
                        requireIn(dangling, build, part, "ConfigMap", configMaps, texts(from.at("/configMapRef/name")));
                        requireIn(dangling, build, part, "Secret", secrets, texts(from.at("/secretRef/name")));
                    }
                    for (JsonNode env : container.path("env")) {
                        requireIn(dangling, build, part, "ConfigMap", configMaps, texts(env.at("/valueFrom/configMapKeyRef/name")));
                        requireIn(dangling, build, part, "Secret", secrets, texts(env.at("/valueFrom/secretKeyRef/name")));
                    }
                }
            }
            for (Manifest integration : build.all("Integration")) {
                requireIn(dangling, build, integration, "ServiceAccount", serviceAccounts,
                        texts(integration.node().at("/spec/serviceAccountName")));
                for (JsonNode volume : integration.node().at("/spec/podTemplate/spec/volumes")) {
                    requireIn(dangling, build, integration, "ConfigMap", configMaps, texts(volume.at("/configMap/name")));
                }
                for (String resource : Stream.concat(texts(integration.node().at("/spec/traits/mount/resources")).stream(),
                        texts(integration.node().at("/spec/traits/mount/configs")).stream()).toList()) {
                    String name = resource.replaceFirst("^(configmap|secret):", "").split("[/@]")[0];
                    requireIn(dangling, build, integration, resource.startsWith("secret:") ? "Secret" : "ConfigMap",
                            resource.startsWith("secret:") ? secrets : configMaps, List.of(name));
                }
            }
            for (Manifest scaled : build.all("ScaledObject")) {
                requireIn(dangling, build, scaled, "Deployment", build.names("Deployment"),
                        texts(scaled.node().at("/spec/scaleTargetRef/name")));
                for (JsonNode trigger : scaled.node().at("/spec/triggers")) {
                    requireIn(dangling, build, scaled, "TriggerAuthentication", build.names("TriggerAuthentication"),
                            texts(trigger.at("/authenticationRef/name")));
                }
            }
        }
        assertThat(dangling).isEmpty();
    }

    @Test
    void configMapsCarryEveryRouteContractAndConfigurationFile() throws IOException {
        Set<Path> routes = filesIn(ROUTES);
        Set<Path> contracts = filesIn(CONTRACTS);
        assertThat(routes).isNotEmpty();
        assertThat(contracts).isNotEmpty();
        for (Path root : BUILDS) {
            Build build = new Build(root);
            String routesMap = build.configMapOf(ROUTES);
            String contractsMap = build.configMapOf(CONTRACTS);
            String configMap = build.configMapOf(APPLICATION);
            assertThat(routesMap).as("%s: ConfigMap from routes/", build).isNotNull();
            assertThat(contractsMap).as("%s: ConfigMap from contracts/", build).isNotNull();
            assertThat(configMap).as("%s: ConfigMap from application.yaml", build).isNotNull();
            assertThat(build.generated.get("ConfigMap/" + routesMap)).as("%s: %s", build, routesMap)
                    .containsExactlyInAnyOrderElementsOf(routes);
            assertThat(build.generated.get("ConfigMap/" + contractsMap)).as("%s: %s", build, contractsMap)
                    .containsExactlyInAnyOrderElementsOf(contracts);
            assertThat(build.generated.get("ConfigMap/" + configMap)).as("%s: %s", build, configMap)
                    .containsExactlyInAnyOrder(APPLICATION, KUBERNETES_PROFILE);
        }
    }

    @Test
    void filesAreMountedWhereTheApplicationReadsThem() throws IOException {
        String workingDir = dockerfile("WORKDIR");
        assertThat(workingDir).isEqualTo("/app");

        // camel.main.routes-include-pattern: file:routes/*.yaml, relative to the working directory.
        String routesPattern = setting("camel.main.routes-include-pattern").split(",")[0].trim();
        assertThat(routesPattern).startsWith("file:");
        Path routesGlob = Path.of(workingDir).resolve(routesPattern.substring("file:".length())).normalize();
        var matcher = FileSystems.getDefault().getPathMatcher("glob:" + routesGlob.getFileName());
        assertThat(filesIn(ROUTES)).allSatisfy(route -> assertThat(matcher.matches(route.getFileName()))
                .as("%s loaded by %s", route, routesPattern).isTrue());
        String routesDir = routesGlob.getParent().toString();
        String contractsDir = Path.of(workingDir).resolve(setting("lakegate.contracts.directory")).normalize().toString();
        String configDir = workingDir + "/config";   // Spring Boot reads ./config/application*.yaml

        for (Path root : BUILDS) {
            Build build = new Build(root);
            Map<String, String> mounts = build.configMapMountPaths();
            assertThat(mounts.get(build.configMapOf(ROUTES))).as("%s: routes mount", build).isEqualTo(routesDir);
            assertThat(mounts.get(build.configMapOf(CONTRACTS))).as("%s: contracts mount", build).isEqualTo(contractsDir);
            assertThat(mounts.get(build.configMapOf(APPLICATION))).as("%s: config mount", build).isEqualTo(configDir);
            for (Manifest part : build.deploymentParts()) {
                for (JsonNode container : containers(part.node().path("spec").path("template").path("spec"))) {
                    if (container.has("workingDir")) {
                        assertThat(container.path("workingDir").asText()).as("%s workingDir", part).isEqualTo(workingDir);
                    }
                }
            }
        }
    }

    @Test
    void probesAndScrapingAskTheManagementPort() throws IOException {
        int managementPort = profileSetting("management.server.port").asInt();
        assertThat(managementPort).isEqualTo(8081);
        assertThat(profileSetting("management.endpoint.health.probes.enabled").asBoolean()).isTrue();

        Manifest deployment = read(KUBERNETES.resolve("base/deployment.yaml")).get(0);
        JsonNode pod = deployment.node().at("/spec/template/spec");
        JsonNode container = containers(pod).get(0);
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode get = container.path(probe).path("httpGet");
            assertThat(get.path("path").asText()).as(probe).startsWith("/actuator/health/");
            assertThat(containerPort(container, get.path("port"))).as("%s port", probe).isEqualTo(managementPort);
        }
        assertThat(deployment.node().at("/spec/template/metadata/annotations/prometheus.io~1port").asInt())
                .isEqualTo(managementPort);
        assertThat(env(container, "SPRING_PROFILES_ACTIVE")).contains("kubernetes");

        Manifest service = read(KUBERNETES.resolve("base/service.yaml")).get(0);
        JsonNode managementServicePort = stream(service.node().at("/spec/ports"))
                .filter(p -> p.path("name").asText().equals("management")).findFirst().orElseThrow();
        assertThat(containerPort(container, managementServicePort.path("targetPort"))).isEqualTo(managementPort);

        // Camel K's health trait probes the container's HTTP port: Boot's additional probe paths live there.
        JsonNode traits = read(KUBERNETES.resolve("camel-k/integration.yaml")).get(0).node().at("/spec/traits");
        assertThat(traits.at("/container/port").asInt()).isEqualTo(setting("server.port", 8080));
        assertThat(profileSetting("management.endpoint.health.probes.add-additional-paths").asBoolean()).isTrue();
        assertThat(traits.at("/health/livenessProbe").asText()).isEqualTo("/livez");
        assertThat(traits.at("/health/readinessProbe").asText()).isEqualTo("/readyz");
        assertThat(env(traits, "SPRING_PROFILES_ACTIVE")).contains("kubernetes");
    }

    @Test
    void podRunsAsNonRootOnAReadOnlyFilesystemWithAWritableTmp() throws IOException {
        String imageUser = dockerfile("USER").split(":")[0];
        for (Path root : BUILDS) {
            Build build = new Build(root);
            for (Manifest deployment : build.all("Deployment")) {
                JsonNode pod = deployment.node().at("/spec/template/spec");
                assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as("%s runAsNonRoot", deployment).isTrue();
                assertThat(pod.at("/securityContext/runAsUser").asText()).as("%s runAsUser", deployment).isEqualTo(imageUser);
                JsonNode container = containers(pod).get(0);
                assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).as("%s", deployment).isTrue();
                assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).as("%s", deployment).isFalse();
                String tmpVolume = stream(container.path("volumeMounts"))
                        .filter(m -> m.path("mountPath").asText().equals("/tmp"))
                        .map(m -> m.path("name").asText()).findFirst().orElse(null);
                assertThat(tmpVolume).as("%s mounts /tmp", deployment).isNotNull();
                assertThat(stream(pod.path("volumes")).filter(v -> v.path("name").asText().equals(tmpVolume))
                        .anyMatch(v -> v.has("emptyDir"))).as("%s: /tmp is an emptyDir", deployment).isTrue();
            }
            for (Manifest integration : build.all("Integration")) {
                JsonNode container = integration.node().at("/spec/traits/container");
                assertThat(container.path("runAsNonRoot").asBoolean()).isTrue();
                assertThat(container.path("runAsUser").asText()).isEqualTo(imageUser);
                assertThat(container.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
                assertThat(texts(integration.node().at("/spec/traits/mount/emptyDirs"))).anyMatch(d -> d.endsWith(":/tmp"));
            }
        }
    }

    @Test
    void kubernetesProfileExposesOnlyHealthInfoAndPrometheusAndLogsJson() throws IOException {
        assertThat(profileSetting("management.endpoints.web.exposure.include").asText().split("\\s*,\\s*"))
                .containsExactlyInAnyOrder("health", "info", "prometheus");
        assertThat(profileSetting("logging.structured.format.console").asText()).isIn("ecs", "logstash", "gelf");
    }

    @Test
    void kubernetesProfileNeedsTheTokenAndEveryBuildMountsItFromTheOperatorsSecret() {
        assertThat(profileSetting("lakegate.security.enabled").asBoolean()).isTrue();
        assertThat(readOne(APPLICATION).at("/lakegate/security/enabled").asBoolean(true))
                .as("off for the first local run").isFalse();
        assertThat(profileSetting("spring.config.import").asText()).contains("configtree:" + SECRETS_DIR + "/");
        String secret = SECRETS_MADE_BY_THE_OPERATOR.iterator().next();
        for (Path root : BUILDS) {
            Build build = new Build(root);
            assertThat(build.names("Secret")).as("%s: the token is not in the build", build).doesNotContain(secret);
            List<String> mountedAt = new ArrayList<>();
            for (Manifest part : build.deploymentParts()) {
                JsonNode pod = part.node().path("spec").path("template").path("spec");
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.at("/secret/secretName").asText().equals(secret)) {
                        mounts(pod).stream().filter(m -> m.path("name").asText().equals(volume.path("name").asText()))
                                .forEach(m -> mountedAt.add(m.path("mountPath").asText()));
                    }
                }
            }
            for (Manifest integration : build.all("Integration")) {
                texts(integration.node().at("/spec/traits/mount/resources")).stream()
                        .filter(r -> r.startsWith("secret:" + secret + "@"))
                        .forEach(r -> mountedAt.add(r.substring(r.indexOf('@') + 1)));
            }
            assertThat(mountedAt).as("%s mounts Secret %s", build, secret).containsExactly(SECRETS_DIR);
        }
        List<String> literalTokens = new ArrayList<>();
        for (Path file : manifestFiles()) {
            for (Manifest manifest : read(file)) {
                for (JsonNode container : containers(manifest.node().at("/spec/template/spec"))) {
                    stream(container.path("env")).filter(e -> e.path("name").asText().startsWith("LAKEGATE_SECURITY"))
                            .forEach(e -> literalTokens.add(manifest + ": " + e.path("name").asText()));
                }
                texts(manifest.node().at("/spec/traits/environment/vars")).stream()
                        .filter(v -> v.startsWith("LAKEGATE_SECURITY")).forEach(v -> literalTokens.add(manifest + ": " + v));
            }
        }
        assertThat(literalTokens).as("security settings come from the profile and the Secret, not from env").isEmpty();
    }

    @Test
    void environmentVariablesNameRealConfigurationKeys() throws IOException {
        Set<String> known = new TreeSet<>();
        flatten("", readOne(APPLICATION), known);
        flatten("", readOne(KUBERNETES_PROFILE), known);
        known.addAll(KEYS_BEYOND_APPLICATION_YAML);
        Set<String> variables = known.stream()
                .map(key -> key.toUpperCase(Locale.ROOT).replace("-", "").replace('.', '_'))
                .collect(Collectors.toSet());

        Map<String, String> used = new LinkedHashMap<>();   // variable -> where
        for (Path file : manifestFiles()) {
            for (Manifest manifest : read(file)) {
                JsonNode pod = manifest.node().at("/spec/template/spec");
                for (JsonNode container : containers(pod)) {
                    stream(container.path("env")).forEach(e -> used.put(e.path("name").asText(), manifest.toString()));
                }
                texts(manifest.node().at("/spec/traits/environment/vars"))
                        .forEach(v -> used.put(v.substring(0, v.indexOf('=')), manifest.toString()));
            }
        }
        try (Stream<Path> envFiles = Files.walk(KUBERNETES)) {
            for (Path envFile : envFiles.filter(f -> f.toString().endsWith(".env")).toList()) {
                for (String line : Files.readAllLines(envFile)) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        assertThat(line).as(envFile.toString()).contains("=");
                        used.put(line.substring(0, line.indexOf('=')).trim(), envFile.toString());
                    }
                }
            }
        }
        assertThat(used).isNotEmpty();
        used.forEach((variable, where) -> {
            if (variable.startsWith("LAKEGATE_")) {
                assertThat(variables).as("%s in %s is no configuration key", variable, where).contains(variable);
            }
        });
    }

    @Test
    void theCopiesKustomizeReadsAreThoseOfTheProjectsFiles() throws IOException {
        List<String> stale = new ArrayList<>();
        for (Map.Entry<Path, Path> copied : COPIED_FROM.entrySet()) {
            Path copies = copied.getKey();
            Path originals = copied.getValue();
            if (Files.isRegularFile(originals)) {
                if (!Files.isRegularFile(copies) || Files.mismatch(copies, originals) != -1) {
                    stale.add(copies + " differs from " + originals);
                }
                continue;
            }
            Set<Path> originalNames = names(filesIn(originals));
            Set<Path> copyNames = Files.isDirectory(copies) ? names(filesIn(copies)) : Set.of();
            for (Path name : originalNames) {
                if (!copyNames.contains(name) || Files.mismatch(copies.resolve(name), originals.resolve(name)) != -1) {
                    stale.add(copies.resolve(name) + " differs from " + originals.resolve(name));
                }
            }
            copyNames.stream().filter(name -> !originalNames.contains(name))
                    .forEach(name -> stale.add(copies.resolve(name) + " has no original in " + originals + "/"));
        }
        assertThat(stale).as("the build (mvn generate-resources) refreshes the copies; delete a copy whose original is gone")
                .isEmpty();
    }

    private static Set<Path> names(Set<Path> files) {
        return files.stream().map(Path::getFileName).collect(Collectors.toCollection(TreeSet::new));
    }

    /** What {@code kubectl apply -k} does first: the build, with kustomize's default load restrictor. */
    @Test
    void kubectlBuildsEveryOverlayAsItIsAndRewritesTheConfigMapNames() throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed here");
        for (Path root : BUILDS) {
            Process kustomize = new ProcessBuilder("kubectl", "kustomize", root.toString()).redirectErrorStream(true).start();
            String output = new String(kustomize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(kustomize.waitFor()).as("kubectl kustomize %s:%n%s", root, output).isZero();
            List<JsonNode> objects = YAML.readerFor(JsonNode.class).<JsonNode>readValues(output).readAll();
            Set<String> configMaps = objects.stream().filter(o -> o.path("kind").asText().equals("ConfigMap"))
                    .map(o -> o.at("/metadata/name").asText()).collect(Collectors.toSet());
            List<String> mounted = new ArrayList<>();
            for (JsonNode workload : objects) {
                JsonNode pod = workload.path("kind").asText().equals("Integration") ? workload.at("/spec/podTemplate/spec")
                        : workload.at("/spec/template/spec");
                stream(pod.path("volumes")).map(v -> v.at("/configMap/name").asText()).filter(n -> !n.isEmpty())
                        .forEach(mounted::add);
            }
            assertThat(mounted).as("%s: ConfigMaps the workload mounts", root)
                    .hasSize(3).allMatch(name -> name.matches("lakegate-(routes|contracts|config)-[a-z0-9]{10}"))
                    .allSatisfy(name -> assertThat(configMaps).as(root.toString()).contains(name));
        }
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    /** The kubernetes profile turns Hawtio and Jolokia off; a build that exposes them must also turn them on. */
    @Test
    void aBuildThatExposesHawtioAlsoLetsItAnswer() {
        assertThat(profileSetting("management.endpoint.hawtio.access").asText()).isEqualTo("none");
        for (Path root : BUILDS) {
            Build build = new Build(root);
            for (Manifest part : build.deploymentParts()) {
                for (JsonNode container : containers(part.node().path("spec").path("template").path("spec"))) {
                    String exposed = env(container, "MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE");
                    for (String endpoint : List.of("hawtio", "jolokia")) {
                        if (exposed != null && List.of(exposed.split("\\s*,\\s*")).contains(endpoint)) {
                            assertThat(env(container, "MANAGEMENT_ENDPOINT_" + endpoint.toUpperCase(Locale.ROOT) + "_ACCESS"))
                                    .as("%s exposes %s", part, endpoint).isIn("unrestricted", "read-only");
                        }
                    }
                }
            }
        }
    }

    @Test
    void iamPolicyGrantsOnlyTheLakeZones() throws Exception {
        JsonNode policy = JSON.readTree(KUBERNETES.resolve("iam/lakegate-policy.json").toFile());
        Set<String> zones = new TreeSet<>(ZONES_BEYOND_LAKE_LAYOUT);
        zones.addAll(lakeLayoutZones());

        Set<String> granted = new TreeSet<>();
        Set<String> listed = new TreeSet<>();
        assertThat(policy.path("Statement")).isNotEmpty();
        for (JsonNode statement : policy.path("Statement")) {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            for (String action : textsOrOne(statement.path("Action"))) {
                assertThat(action).as("action").doesNotContain("*");
            }
            for (String resource : textsOrOne(statement.path("Resource"))) {
                assertThat(resource).as("resource").isNotEqualTo("*").startsWith("arn:aws:");
                if (resource.startsWith("arn:aws:s3:::")) {
                    Matcher object = Pattern.compile("arn:aws:s3:::\\$\\{BUCKET}/([a-z_]+)/\\*").matcher(resource);
                    if (object.matches()) {
                        granted.add(object.group(1));
                    } else {
                        assertThat(resource).as("an S3 resource is the bucket or one zone").isEqualTo("arn:aws:s3:::${BUCKET}");
                        for (String prefix : textsOrOne(statement.at("/Condition/StringLike/s3:prefix"))) {
                            assertThat(prefix).matches("[a-z_]+/\\*");
                            listed.add(prefix.substring(0, prefix.indexOf('/')));
                        }
                        assertThat(listed).as("listing is limited to the zones").isNotEmpty();
                    }
                }
            }
        }
        assertThat(granted).as("objects").isEqualTo(zones);
        // Which zones the service lists is checked against its calls by IamPolicyRouteTest.
        assertThat(zones).as("listing").containsAll(listed);
    }

    @Test
    void grafanaDashboardQueriesEveryPanelWithLakegatesMetrics() throws Exception {
        JsonNode dashboard = JSON.readTree(KUBERNETES.resolve("grafana/lakegate-dashboard.json").toFile());
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);   // panels inside a collapsed row
        }
        List<JsonNode> graphs = panels.stream().filter(p -> !p.path("type").asText().equals("row")).toList();
        assertThat(graphs).isNotEmpty();
        Pattern metric = Pattern.compile("\\b(?:lakegate|camel)_[a-z_]+\\b");
        for (JsonNode panel : graphs) {
            List<String> expressions = stream(panel.path("targets")).map(t -> t.path("expr").asText()).filter(e -> !e.isBlank()).toList();
            assertThat(expressions).as("panel '%s'", panel.path("title").asText()).isNotEmpty();
            for (String expression : expressions) {
                Matcher m = metric.matcher(expression);
                assertThat(m.find()).as("'%s' queries a Lakegate or Camel metric", expression).isTrue();
                do {
                    assertThat(METRICS).as("metric in panel '%s'", panel.path("title").asText()).contains(m.group());
                } while (m.find());
            }
        }
    }

    // --- schema ---

    private static List<String> schemaProblems(Manifest manifest) {
        JsonNode node = manifest.node();
        String type = node.path("apiVersion").asText() + "/" + manifest.kind();
        if (manifest.file().getFileName().toString().equals("kustomization.yaml")) {
            List<String> problems = new ArrayList<>();
            if (!Set.of("kustomize.config.k8s.io/v1beta1/Kustomization", "kustomize.config.k8s.io/v1alpha1/Component").contains(type)) {
                problems.add(manifest + ": not a Kustomization but " + type);
            }
            node.fieldNames().forEachRemaining(f -> {
                if (!KUSTOMIZATION_FIELDS.contains(f)) {
                    problems.add(manifest + ": unknown kustomization field '" + f + "'");
                }
            });
            return problems;
        }
        if (manifest.name().isBlank()) {
            return List.of(manifest + ": no metadata.name");
        }
        Class<?> model = MODELS.get(type);
        if (model != null) {
            try {
                STRICT.treeToValue(node, model);
                return List.of();
            } catch (JsonProcessingException e) {
                return List.of(manifest + ": " + e.getOriginalMessage() + " at " + e.getLocation() + " "
                        + (e instanceof JsonMappingException jme ? jme.getPathReference() : ""));
            }
        }
        Schema schema = CUSTOM_RESOURCES.get(type);
        if (schema == null) {
            return List.of(manifest + ": no schema known for " + type + " (add it to this test)");
        }
        List<String> problems = new ArrayList<>();
        node.fieldNames().forEachRemaining(f -> {
            if (!Set.of("apiVersion", "kind", "metadata", "spec").contains(f)) {
                problems.add(manifest + ": unknown field '" + f + "'");
            }
        });
        node.path("spec").fieldNames().forEachRemaining(f -> {
            if (!schema.specFields().contains(f)) {
                problems.add(manifest + ": unknown field 'spec." + f + "'");
            }
        });
        for (String pointer : schema.required()) {
            if (node.at(pointer).isMissingNode() || node.at(pointer).isNull()) {
                problems.add(manifest + ": required " + pointer + " is missing");
            }
        }
        if (manifest.kind().equals("TriggerAuthentication") && !node.path("spec").fieldNames().hasNext()) {
            problems.add(manifest + ": authenticates with nothing");
        }
        if (manifest.kind().equals("Integration")) {
            node.at("/spec/traits").fields().forEachRemaining(trait -> {
                Set<String> fields = CAMEL_K_TRAITS.get(trait.getKey());
                if (fields == null) {
                    problems.add(manifest + ": trait '" + trait.getKey() + "' is not known to this test");
                } else {
                    trait.getValue().fieldNames().forEachRemaining(f -> {
                        if (!fields.contains(f)) {
                            problems.add(manifest + ": unknown field '" + f + "' of trait " + trait.getKey());
                        }
                    });
                }
            });
        }
        return problems;
    }

    // --- reading ---

    private static List<Path> manifestFiles() {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(KUBERNETES.resolve("base"), KUBERNETES.resolve("shared"), KUBERNETES.resolve("overlays"),
                KUBERNETES.resolve("camel-k"))) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                        .filter(f -> !f.startsWith(POD_FILES) && !isKustomizeConfiguration(f)).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(files).isNotEmpty();
        return files;
    }

    /** A file a kustomization names under {@code configurations}: settings of kustomize, not a manifest. */
    private static boolean isKustomizeConfiguration(Path file) {
        Path kustomization = file.resolveSibling("kustomization.yaml");
        return Files.isRegularFile(kustomization) && texts(readOne(kustomization).path("configurations")).stream()
                .anyMatch(name -> file.resolveSibling(name).normalize().equals(file.normalize()));
    }

    private static List<Manifest> read(Path file) {
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            List<Manifest> documents = new ArrayList<>();
            Iterator<JsonNode> values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNext()) {
                JsonNode node = values.next();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    documents.add(new Manifest(file, node));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static JsonNode readOne(Path file) {
        List<Manifest> documents = read(file);
        assertThat(documents).as(file.toString()).hasSize(1);
        return documents.get(0).node();
    }

    /** A setting of the kubernetes profile, else of application.yaml. */
    private static String setting(String key) {
        JsonNode value = profileSetting(key);
        if (value.isMissingNode()) {
            value = readOne(APPLICATION).at("/" + key.replace('.', '/'));
        }
        assertThat(value.isMissingNode()).as("%s is set", key).isFalse();
        return value.asText();
    }

    private static int setting(String key, int fallback) {
        JsonNode value = profileSetting(key);
        if (value.isMissingNode()) {
            value = readOne(APPLICATION).at("/" + key.replace('.', '/'));
        }
        return value.asInt(fallback);
    }

    private static JsonNode profileSetting(String key) {
        return readOne(KUBERNETES_PROFILE).at("/" + key.replace('.', '/'));
    }

    private static String dockerfile(String instruction) throws IOException {
        return Files.readAllLines(DOCKERFILE).stream()
                .filter(line -> line.startsWith(instruction + " "))
                .map(line -> line.substring(instruction.length()).trim())
                .reduce((first, last) -> last).orElseThrow(() -> new AssertionError("Dockerfile has no " + instruction));
    }

    private static Set<String> lakeLayoutZones() throws IllegalAccessException {
        Set<String> zones = new TreeSet<>();
        for (Field field : LakeLayout.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && field.get(null) instanceof String prefix && prefix.endsWith("/")) {
                zones.add(prefix.substring(0, prefix.indexOf('/')));
            }
        }
        assertThat(zones).contains("raw", "validated", "processed");
        return zones;
    }

    private static Set<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(Path::normalize).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static List<Path> subfolders(Path folder) {
        try (Stream<Path> dirs = Files.list(folder)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- JSON helpers ---

    private static void flatten(String prefix, JsonNode node, Set<String> keys) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), keys));
        } else if (!prefix.isEmpty()) {
            keys.add(prefix);
        }
    }

    private static List<JsonNode> containers(JsonNode pod) {
        return Stream.concat(stream(pod.path("containers")), stream(pod.path("initContainers"))).toList();
    }

    private static List<JsonNode> mounts(JsonNode pod) {
        return containers(pod).stream().flatMap(c -> stream(c.path("volumeMounts"))).toList();
    }

    private static int containerPort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        return stream(container.path("ports")).filter(p -> p.path("name").asText().equals(port.asText()))
                .map(p -> p.path("containerPort").asInt()).findFirst()
                .orElseThrow(() -> new AssertionError("No container port named " + port.asText()));
    }

    /** An environment variable's value, from a container's env or a Camel K environment trait. */
    private static String env(JsonNode containerOrTraits, String name) {
        for (JsonNode e : containerOrTraits.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        return texts(containerOrTraits.at("/environment/vars")).stream().filter(v -> v.startsWith(name + "="))
                .map(v -> v.substring(name.length() + 1)).findFirst().orElse("");
    }

    private static void requireIn(List<String> dangling, Build build, Manifest from, String kind, Set<String> existing,
            List<String> names) {
        for (String name : names) {
            if (!existing.contains(name)) {
                dangling.add(build + ": " + from + " refers to " + kind + " '" + name + "', not in the build " + existing);
            }
        }
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private static List<String> texts(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (node.isValueNode()) {
            return List.of(node.asText());
        }
        return stream(node).map(JsonNode::asText).toList();
    }

    private static Set<String> textsOrOne(JsonNode node) {
        return new LinkedHashSet<>(texts(node));
    }
}
