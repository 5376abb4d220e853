package io.eventbus.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.eventbus.helm.Manifests.env;
import static io.eventbus.helm.Manifests.eventbus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every realistic value set in {@code src/test/resources/values/}, and the defaults, render an install whose
 * manifests parse strictly ({@link Manifests}) and hang together: both roles, every reference resolves, no secret
 * in a plain value.
 */
class ValueSetsTest {

    private static final Pattern SECRET_NAME = Pattern.compile("PASSWORD|SECRET|TOKEN|CREDENTIAL|_KEY$");

    static Stream<String> valueSets() {
        return Stream.concat(Stream.of("defaults"), Chart.valueSets().stream());
    }

    private static Manifests render(String valueSet) {
        return valueSet.equals("defaults") ? Chart.render() : Chart.render(Chart.valueSet(valueSet));
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void bothPlanesRunWithTheirRoles(String valueSet) {
        Manifests m = render(valueSet);

        assertThat(m.all(Deployment.class)).extracting(PlanesTest::role).containsExactlyInAnyOrder("control", "data");
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void noSecretIsAPlainValue(String valueSet) {
        Manifests m = render(valueSet);

        for (PodTemplateSpec pod : m.podTemplates()) {
            for (Container c : pod.getSpec().getContainers()) {
                for (EnvVar e : c.getEnv()) {
                    if (SECRET_NAME.matcher(e.getName()).find()) {
                        assertThat(e.getValue()).as("%s in %s", e.getName(), c.getName()).isNull();
                        assertThat(e.getValueFrom().getSecretKeyRef()).as(e.getName()).isNotNull();
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void everySecretReferenceIsRenderedOrNamedInTheValues(String valueSet) {
        Manifests m = render(valueSet);
        String values = read(Chart.DIR.resolve("values.yaml"))
                + (valueSet.equals("defaults") ? "" : read(Chart.valueSet(valueSet)));

        for (SecretKeySelector ref : secretRefs(m)) {
            var rendered = m.find(Secret.class, ref.getName());
            if (rendered.isPresent()) {
                assertThat(rendered.get().getData()).as("Secret %s", ref.getName()).containsKey(ref.getKey());
            } else {
                assertThat(values).as("Secret %s is neither rendered nor named in the values", ref.getName())
                        .contains("existingSecret: " + ref.getName());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void everyServiceSelectsPodsOfOneWorkload(String valueSet) {
        Manifests m = render(valueSet);

        for (Service s : m.all(Service.class)) {
            Map<String, String> selector = s.getSpec().getSelector();
            assertThat(m.podTemplates()).as("pods of Service %s", s.getMetadata().getName())
                    .filteredOn(p -> p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                    .hasSize(1)
                    .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getPorts())
                            .anySatisfy(port -> assertThat(port.getName())
                                    .isEqualTo(s.getSpec().getPorts().get(0).getTargetPort().getStrVal())));
        }
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void autoscalerAndDisruptionBudgetAimAtTheDataPlane(String valueSet) {
        Manifests m = render(valueSet);
        Deployment data = m.dataPlane();

        for (HorizontalPodAutoscaler hpa : m.all(HorizontalPodAutoscaler.class)) {
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(data.getMetadata().getName());
            assertThat(hpa.getSpec().getMinReplicas()).isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
            assertThat(data.getSpec().getReplicas()).isNull();
        }
        for (PodDisruptionBudget pdb : m.all(PodDisruptionBudget.class)) {
            assertThat(data.getSpec().getTemplate().getMetadata().getLabels().entrySet())
                    .containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet());
        }
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void everyEventbusPodIsLockedDownAndProbed(String valueSet) {
        Manifests m = render(valueSet);

        for (Deployment d : m.all(Deployment.class)) {
            Container c = eventbus(d);
            assertThat(d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/liveness");
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/readiness");
            assertThat(env(c, "DATASOURCES_DEFAULT_URL")).map(EnvVar::getValue).get().asString()
                    .startsWith("jdbc:postgresql://");
        }
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void ingressRulesLeadToTheirPlanesServices(String valueSet) {
        Manifests m = render(valueSet);

        for (Ingress ingress : m.all(Ingress.class)) {
            assertThat(ingress.getSpec().getRules()).hasSize(2).allSatisfy(rule -> {
                String service = rule.getHttp().getPaths().get(0).getBackend().getService().getName();
                assertThat(m.find(Service.class, service)).as(service).isPresent();
            });
        }
    }

    private static List<SecretKeySelector> secretRefs(Manifests m) {
        List<SecretKeySelector> refs = new ArrayList<>();
        for (PodTemplateSpec pod : m.podTemplates()) {
            for (Container c : pod.getSpec().getContainers()) {
                for (EnvVar e : c.getEnv()) {
                    if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                        refs.add(e.getValueFrom().getSecretKeyRef());
                    }
                }
            }
        }
        return refs;
    }

    private static String read(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
