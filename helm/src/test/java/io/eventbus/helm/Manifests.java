package io.eventbus.helm;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rendered manifests, each parsed into the fabric8 model of its apiVersion and kind. Parsing is strict:
 * a kind the chart is not expected to render, a field the Kubernetes API does not have (fabric8 keeps those in
 * {@code additionalProperties}; here they fail), a string where a number belongs, or a key twice in one object
 * all fail the test, as a strict API server would refuse the manifest.
 */
final class Manifests {

    /** Everything the chart may render; anything else fails the parse. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class));

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final ObjectMapper MODELS = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final List<HasMetadata> resources;

    private Manifests(List<HasMetadata> resources) {
        this.resources = List.copyOf(resources);
    }

    static Manifests parse(String rendered) {
        List<HasMetadata> resources = new ArrayList<>();
        try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(rendered)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isEmpty()) {
                    continue;
                }
                resources.add(typed(doc));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the rendered manifests are not YAML", e);
        }
        return new Manifests(resources);
    }

    private static HasMetadata typed(JsonNode doc) throws IOException {
        String type = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        Class<? extends HasMetadata> model = KINDS.get(type);
        if (model == null) {
            throw new AssertionError("the chart rendered " + type + ", which it is not expected to render:\n" + doc);
        }
        HasMetadata resource = MODELS.treeToValue(doc, model);
        List<String> unknown = new ArrayList<>();
        collectUnknownFields(resource, type + " " + resource.getMetadata().getName(), unknown);
        if (!unknown.isEmpty()) {
            throw new AssertionError("fields the Kubernetes API does not have: " + unknown);
        }
        return resource;
    }

    /** Walks the model as Jackson sees it and reports every field that landed in additionalProperties. */
    private static void collectUnknownFields(Object value, String path, List<String> unknown) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknownFields(v, path + "." + k, unknown));
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        BeanDescription bean = MODELS.getSerializationConfig().introspect(MODELS.constructType(value.getClass()));
        for (BeanPropertyDefinition property : bean.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor != null) {
                collectUnknownFields(accessor.getValue(value), path + "." + property.getName(), unknown);
            }
        }
        if (value instanceof io.fabric8.kubernetes.api.model.KubernetesResource) {
            try {
                Object extra = value.getClass().getMethod("getAdditionalProperties").invoke(value);
                if (extra instanceof Map<?, ?> fields && !fields.isEmpty()) {
                    unknown.add(path + " " + fields.keySet());
                }
            } catch (NoSuchMethodException e) {
                // a model without a place for unknown fields: Jackson already refused them
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    List<HasMetadata> all() {
        return resources;
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return all(kind).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name
                + " among " + resources.stream().map(r -> r.getKind() + " " + r.getMetadata().getName()).toList()));
    }

    Deployment controlPlane() {
        return get(Deployment.class, Chart.FULLNAME + "-control-plane");
    }

    Deployment dataPlane() {
        return get(Deployment.class, Chart.FULLNAME + "-data-plane");
    }

    /** Every pod template: the Deployments' and the StatefulSets'. */
    List<PodTemplateSpec> podTemplates() {
        List<PodTemplateSpec> pods = new ArrayList<>();
        all(Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate()));
        all(StatefulSet.class).forEach(s -> pods.add(s.getSpec().getTemplate()));
        return pods;
    }

    static Container eventbus(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("eventbus")).findFirst()
                .orElseThrow(() -> new AssertionError("no eventbus container in " + deployment.getMetadata().getName()));
    }

    static Optional<EnvVar> env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    /** A key of a rendered Secret, decoded. */
    String secretValue(String secret, String key) {
        Secret s = get(Secret.class, secret);
        String encoded = s.getData() == null ? null : s.getData().get(key);
        if (encoded == null) {
            throw new AssertionError("Secret " + secret + " has no key " + key);
        }
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }
}
