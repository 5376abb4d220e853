package io.eventbus.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.eventbus.helm.Manifests.env;
import static io.eventbus.helm.Manifests.eventbus;
import static org.assertj.core.api.Assertions.assertThat;

/** With the default values: two planes of one image, each with its role, probes, limits and a locked-down pod. */
class PlanesTest {

    private final Manifests defaults = Chart.render();

    @Test
    void eachDeploymentRunsItsRoleOfTheSameImage() {
        assertThat(defaults.all(Deployment.class)).hasSize(2);
        assertThat(role(defaults.controlPlane())).isEqualTo("control");
        assertThat(role(defaults.dataPlane())).isEqualTo("data");
        assertThat(eventbus(defaults.controlPlane()).getImage())
                .isEqualTo(eventbus(defaults.dataPlane()).getImage())
                .isEqualTo("eventbus:0.1.0-SNAPSHOT");
    }

    @Test
    void eachServiceSendsToItsOwnPlaneOnly() {
        Service control = defaults.get(Service.class, Chart.FULLNAME + "-control-plane");
        Service data = defaults.get(Service.class, Chart.FULLNAME + "-data-plane");

        assertThat(podLabels(defaults.controlPlane())).containsAllEntriesOf(control.getSpec().getSelector());
        assertThat(podLabels(defaults.dataPlane())).containsAllEntriesOf(data.getSpec().getSelector());
        assertThat(podLabels(defaults.dataPlane()).entrySet()).doesNotContainAnyElementsOf(
                control.getSpec().getSelector().entrySet().stream()
                        .filter(e -> e.getKey().equals("app.kubernetes.io/component")).toList());
        assertThat(control.getSpec().getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"control-plane", "data-plane"})
    void probesAskTheHealthEndpointsOnTheHttpPort(String plane) {
        Container c = eventbus(defaults.get(Deployment.class, Chart.FULLNAME + "-" + plane));

        assertThat(c.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(8080);
        });
        assertThat(path(c.getLivenessProbe())).isEqualTo("/health/liveness");
        assertThat(path(c.getReadinessProbe())).isEqualTo("/health/readiness");
        assertThat(path(c.getStartupProbe())).isEqualTo("/health/liveness");
        // the data plane waits for migrations before it listens (docs/adr/0009): give it minutes, not seconds
        Probe startup = c.getStartupProbe();
        assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold()).isGreaterThanOrEqualTo(600);
    }

    @ParameterizedTest
    @ValueSource(strings = {"control-plane", "data-plane"})
    void podsRunAsNonRootWithAReadOnlyRootAndNoCapabilities(String plane) {
        Deployment d = defaults.get(Deployment.class, Chart.FULLNAME + "-" + plane);
        PodSecurityContext pod = d.getSpec().getTemplate().getSpec().getSecurityContext();
        SecurityContext container = eventbus(d).getSecurityContext();

        assertThat(pod.getRunAsNonRoot()).isTrue();
        assertThat(pod.getRunAsUser()).isPositive();
        assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getRunAsNonRoot()).isTrue();
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(d.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"control-plane", "data-plane"})
    void onlyTmpIsWritableAndTheHomeIsNeverWrittenTo(String plane) {
        Deployment d = defaults.get(Deployment.class, Chart.FULLNAME + "-" + plane);
        Container c = eventbus(d);

        assertThat(c.getVolumeMounts()).extracting(VolumeMount::getMountPath).containsExactly("/tmp");
        assertThat(d.getSpec().getTemplate().getSpec().getVolumes()).singleElement()
                .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
        // The launcher opens EVENTBUS_HOME only for an embedded database, a generated admin token or a generated
        // secret key. None of them happens here: the database is external and both secrets come from Secrets.
        assertThat(env(c, "EVENTBUS_HOME")).map(EnvVar::getValue).hasValue("/var/lib/eventbus");
        assertThat(env(c, "DATASOURCES_DEFAULT_URL")).map(EnvVar::getValue).get().asString()
                .startsWith("jdbc:postgresql://");
        assertThat(env(c, "EVENTBUS_SECRET_KEY").map(EnvVar::getValueFrom)).isPresent();
        if (plane.equals("control-plane")) {
            assertThat(env(c, "EVENTBUS_ADMIN_TOKEN").map(EnvVar::getValueFrom)).isPresent();
        }
    }

    @Test
    void bothPlanesDecryptWithTheSameSecretKeyAndOnlyTheControlPlaneHoldsTheAdminToken() {
        SecretKeySelector control = secretRef(eventbus(defaults.controlPlane()), "EVENTBUS_SECRET_KEY");
        SecretKeySelector data = secretRef(eventbus(defaults.dataPlane()), "EVENTBUS_SECRET_KEY");

        assertThat(data.getName()).isEqualTo(control.getName());
        assertThat(data.getKey()).isEqualTo(control.getKey());
        assertThat(env(eventbus(defaults.controlPlane()), "EVENTBUS_ADMIN_TOKEN")).isPresent();
        assertThat(env(eventbus(defaults.dataPlane()), "EVENTBUS_ADMIN_TOKEN")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"control-plane", "data-plane"})
    void theJvmFollowsTheContainersMemoryAndExitsOnOutOfMemory(String plane) {
        Container c = eventbus(defaults.get(Deployment.class, Chart.FULLNAME + "-" + plane));

        assertThat(env(c, "JAVA_TOOL_OPTIONS")).map(EnvVar::getValue).get().asString()
                .contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).containsKey("memory");
    }

    @Test
    void theAutoscalerScalesTheDataPlaneAndOwnsItsReplicaCount() {
        HorizontalPodAutoscaler hpa = defaults.get(HorizontalPodAutoscaler.class, Chart.FULLNAME + "-data-plane");

        assertThat(defaults.all(HorizontalPodAutoscaler.class)).hasSize(1);
        assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(defaults.dataPlane().getMetadata().getName());
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(8);
        assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(m -> {
            assertThat(m.getResource().getName()).isEqualTo("cpu");
            assertThat(m.getResource().getTarget().getAverageUtilization()).isEqualTo(70);
        });
        // a replica count in the Deployment would fight the autoscaler on every upgrade
        assertThat(defaults.dataPlane().getSpec().getReplicas()).isNull();
        assertThat(defaults.controlPlane().getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void theDisruptionBudgetCoversTheDataPlaneOnly() {
        PodDisruptionBudget pdb = defaults.get(PodDisruptionBudget.class, Chart.FULLNAME + "-data-plane");

        assertThat(defaults.all(PodDisruptionBudget.class)).hasSize(1);
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(podLabels(defaults.dataPlane())).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(podLabels(defaults.controlPlane())).doesNotContainEntry("app.kubernetes.io/component", "data-plane");
        assertThat(pdb.getSpec().getSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/component", "data-plane");
    }

    @ParameterizedTest
    @ValueSource(strings = {"control-plane", "data-plane"})
    void rollingUpdatesNeverTakeAServingPodAwayFirst(String plane) {
        Deployment d = defaults.get(Deployment.class, Chart.FULLNAME + "-" + plane);

        assertThat(d.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
    }

    @Test
    void withoutAnAutoscalerTheDataPlaneHasItsReplicaCount() {
        Manifests fixed = Chart.render(Chart.valueSet("in-cluster-receivers"));

        assertThat(fixed.all(HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(fixed.dataPlane().getSpec().getReplicas()).isEqualTo(4);
        assertThat(fixed.get(PodDisruptionBudget.class, Chart.FULLNAME + "-data-plane").getSpec().getMaxUnavailable()
                .getStrVal()).isEqualTo("25%");
    }

    static String role(Deployment d) {
        return env(eventbus(d), "EVENTBUS_ROLES").map(EnvVar::getValue).orElse(null);
    }

    static SecretKeySelector secretRef(Container c, String name) {
        return env(c, name).map(e -> e.getValueFrom().getSecretKeyRef())
                .orElseThrow(() -> new AssertionError(name + " is not set from a Secret"));
    }

    private static Map<String, String> podLabels(Deployment d) {
        return d.getSpec().getTemplate().getMetadata().getLabels();
    }

    private static String path(Probe probe) {
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
        return probe.getHttpGet().getPath();
    }
}
