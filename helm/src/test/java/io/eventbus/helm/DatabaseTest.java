package io.eventbus.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;

import static io.eventbus.helm.Manifests.env;
import static io.eventbus.helm.Manifests.eventbus;
import static io.eventbus.helm.PlanesTest.secretRef;
import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL: external by default; the trial StatefulSet only when asked for, and marked as not for production. */
class DatabaseTest {

    private static final String TRIAL = Chart.FULLNAME + "-postgresql";

    @Test
    void byDefaultThePlanesUseTheExternalDatabaseWithItsSecret() {
        Manifests defaults = Chart.render();

        assertThat(defaults.all(StatefulSet.class)).isEmpty();
        for (Deployment plane : defaults.all(Deployment.class)) {
            Container c = eventbus(plane);
            assertThat(env(c, "DATASOURCES_DEFAULT_URL")).map(EnvVar::getValue)
                    .hasValue("jdbc:postgresql://postgresql:5432/eventbus");
            assertThat(env(c, "DATASOURCES_DEFAULT_USERNAME")).map(EnvVar::getValue).hasValue("eventbus");
            assertThat(secretRef(c, "DATASOURCES_DEFAULT_PASSWORD"))
                    .satisfies(r -> assertThat(r.getName() + "/" + r.getKey()).isEqualTo("eventbus-database/password"));
        }
        assertThat(env(eventbus(defaults.controlPlane()), "DATASOURCES_DEFAULT_MAXIMUM_POOL_SIZE"))
                .map(EnvVar::getValue).hasValue("5");
        assertThat(env(eventbus(defaults.dataPlane()), "DATASOURCES_DEFAULT_MAXIMUM_POOL_SIZE"))
                .map(EnvVar::getValue).hasValue("10");
    }

    @Test
    void theTrialPostgresqlIsOneMarkedInstanceThatThePlanesUse() {
        Manifests trial = Chart.render(Chart.valueSet("trial-postgresql"));
        StatefulSet postgres = trial.get(StatefulSet.class, TRIAL);
        Container pg = postgres.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(postgres.getSpec().getReplicas()).isEqualTo(1);
        assertThat(postgres.getMetadata().getAnnotations().get("description")).startsWith("NOT FOR PRODUCTION");
        assertThat(pg.getImage()).isEqualTo("docker.io/library/postgres:17");
        assertThat(postgres.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(pvc ->
                assertThat(pvc.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("2Gi"));
        assertThat(trial.get(Service.class, TRIAL).getSpec().getPorts().get(0).getPort()).isEqualTo(5432);
        assertThat(secretRef(pg, "POSTGRES_PASSWORD").getName()).isEqualTo(TRIAL);
        assertThat(trial.secretValue(TRIAL, "password")).hasSize(32);

        for (Deployment plane : trial.all(Deployment.class)) {
            Container c = eventbus(plane);
            assertThat(env(c, "DATASOURCES_DEFAULT_URL")).map(EnvVar::getValue)
                    .hasValue("jdbc:postgresql://" + TRIAL + ":5432/eventbus");
            assertThat(env(c, "DATASOURCES_DEFAULT_USERNAME")).map(EnvVar::getValue).hasValue("eventbus");
            assertThat(secretRef(c, "DATASOURCES_DEFAULT_PASSWORD"))
                    .satisfies(r -> assertThat(r.getName() + "/" + r.getKey()).isEqualTo(TRIAL + "/password"));
        }
    }

    @Test
    void theTrialPostgresqlRunsLockedDownToo() {
        StatefulSet postgres = Chart.render(Chart.valueSet("trial-postgresql")).get(StatefulSet.class, TRIAL);
        var pod = postgres.getSpec().getTemplate().getSpec();
        Container pg = pod.getContainers().get(0);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(999);
        assertThat(pg.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(pg.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(pg.getVolumeMounts()).extracting(VolumeMount::getMountPath)
                .containsExactlyInAnyOrder("/var/lib/postgresql/data", "/var/run/postgresql", "/tmp");
        assertThat(env(pg, "PGDATA")).map(EnvVar::getValue).hasValue("/var/lib/postgresql/data/pgdata");
        assertThat(pg.getReadinessProbe().getExec().getCommand()).startsWith("pg_isready");
    }

    @Test
    void onlyThePlanesOfTheReleaseReachTheTrialPostgresql() {
        NetworkPolicy policy = Chart.render(Chart.valueSet("trial-postgresql")).get(NetworkPolicy.class, TRIAL);

        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getEgress()).isEmpty();
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getPorts()).singleElement()
                    .satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("postgresql"));
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
                assertThat(peer.getPodSelector().getMatchExpressions())
                        .anySatisfy(e -> assertThat(e.getValues()).containsExactly("control-plane", "data-plane"))
                        .anySatisfy(e -> assertThat(e.getValues()).containsExactly(Chart.RELEASE));
                assertThat(peer.getNamespaceSelector()).isNull();
            });
        });
    }

    @Test
    void anOperatorsSecretCanHoldTheUserNameToo() {
        Deployment data = Chart.render(Chart.valueSet("production")).dataPlane();

        assertThat(env(eventbus(data), "DATASOURCES_DEFAULT_URL")).map(EnvVar::getValue)
                .hasValue("jdbc:postgresql://eventbus-rw.databases.svc:5432/eventbus?sslmode=require");
        assertThat(secretRef(eventbus(data), "DATASOURCES_DEFAULT_USERNAME").getKey()).isEqualTo("username");
        assertThat(env(eventbus(data), "DATASOURCES_DEFAULT_MAXIMUM_POOL_SIZE")).map(EnvVar::getValue).hasValue("12");
    }
}
