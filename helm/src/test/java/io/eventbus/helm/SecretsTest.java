package io.eventbus.helm;

import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static io.eventbus.helm.Manifests.eventbus;
import static io.eventbus.helm.PlanesTest.secretRef;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin token, the secret key and the database password come from Secrets: named ones, or ones the chart
 * generates once and finds again on every upgrade ({@code lookup}), so that every pod, now and after an upgrade,
 * decrypts with the same key.
 */
class SecretsTest {

    private static final String GENERATED = Chart.FULLNAME;

    @AfterEach
    void emptyCluster() {
        FakeCluster.get().clear();
    }

    @Test
    void aFirstInstallGeneratesAUsableAdminTokenAndSecretKey() {
        Manifests install = Chart.render();

        String token = install.secretValue(GENERATED, "admin-token");
        String key = install.secretValue(GENERATED, "secret-key");
        assertThat(token).hasSizeGreaterThanOrEqualTo(16).matches("eb_admin_[A-Za-z0-9]{43}");
        // what EVENTBUS_SECRET_KEY must be: the base64 of 32 bytes
        assertThat(Base64.getDecoder().decode(key)).hasSize(32);
        assertThat(install.get(Secret.class, GENERATED).getMetadata().getAnnotations())
                .containsEntry("helm.sh/resource-policy", "keep");
        assertThat(secretRef(eventbus(install.controlPlane()), "EVENTBUS_ADMIN_TOKEN").getName()).isEqualTo(GENERATED);
        assertThat(secretRef(eventbus(install.dataPlane()), "EVENTBUS_SECRET_KEY").getName()).isEqualTo(GENERATED);
    }

    @Test
    void anUpgradeKeepsWhatTheInstallGenerated() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        FakeCluster.get().putSecret(Chart.NAMESPACE, GENERATED, Map.of(
                "admin-token", "eb_admin_generated-at-install-time", "secret-key", key));
        FakeCluster.get().putSecret(Chart.NAMESPACE, Chart.FULLNAME + "-postgresql", Map.of("password", "pw-at-install"));

        Manifests upgrade = Chart.render(Chart.valueSet("trial-postgresql"));

        assertThat(upgrade.secretValue(GENERATED, "admin-token")).isEqualTo("eb_admin_generated-at-install-time");
        assertThat(upgrade.secretValue(GENERATED, "secret-key")).isEqualTo(key);
        assertThat(upgrade.secretValue(Chart.FULLNAME + "-postgresql", "password")).isEqualTo("pw-at-install");
    }

    @Test
    void withoutAClusterEveryRenderGeneratesAnew() {
        // what `helm template` does; hence: with GitOps, use existing Secrets (values.yaml says so)
        assertThat(Chart.render().secretValue(GENERATED, "secret-key"))
                .isNotEqualTo(Chart.render().secretValue(GENERATED, "secret-key"));
    }

    @Test
    void existingSecretsAreUsedAsTheyAreAndNothingIsGenerated() {
        Manifests production = Chart.render(Chart.valueSet("production"));

        assertThat(production.all(Secret.class)).isEmpty();
        assertThat(secretRef(eventbus(production.controlPlane()), "EVENTBUS_ADMIN_TOKEN"))
                .satisfies(r -> assertThat(r.getName() + "/" + r.getKey()).isEqualTo("eventbus-keys/admin-token"));
        for (var plane : new io.fabric8.kubernetes.api.model.apps.Deployment[]{production.controlPlane(), production.dataPlane()}) {
            var container = eventbus(plane);
            assertThat(secretRef(container, "EVENTBUS_SECRET_KEY"))
                    .satisfies(r -> assertThat(r.getName() + "/" + r.getKey()).isEqualTo("eventbus-keys/secret-key"));
            assertThat(secretRef(container, "DATASOURCES_DEFAULT_PASSWORD"))
                    .satisfies(r -> assertThat(r.getName() + "/" + r.getKey()).isEqualTo("eventbus-app/password"));
            assertThat(secretRef(container, "DATASOURCES_DEFAULT_USERNAME"))
                    .satisfies(r -> assertThat(r.getName() + "/" + r.getKey()).isEqualTo("eventbus-app/username"));
        }
    }

    @Test
    void onlyWhatIsNotGivenIsGenerated() {
        Manifests mixed = Chart.render(Chart.values("adminToken: {existingSecret: my-admin-token, key: token}\n"));

        assertThat(mixed.get(Secret.class, GENERATED).getData()).containsOnlyKeys("secret-key");
        assertThat(secretRef(eventbus(mixed.controlPlane()), "EVENTBUS_ADMIN_TOKEN"))
                .satisfies(r -> assertThat(r.getName() + "/" + r.getKey()).isEqualTo("my-admin-token/token"));
    }

    @Test
    void theGeneratedValuesAppearNowhereButInTheirSecret() {
        String rendered = Chart.renderText(Chart.valueSet("trial-postgresql"));
        Manifests parsed = Manifests.parse(rendered);

        for (String[] secretAndKey : new String[][]{{GENERATED, "admin-token"}, {GENERATED, "secret-key"},
                {Chart.FULLNAME + "-postgresql", "password"}}) {
            String plain = parsed.secretValue(secretAndKey[0], secretAndKey[1]);
            String encoded = parsed.get(Secret.class, secretAndKey[0]).getData().get(secretAndKey[1]);
            assertThat(rendered).doesNotContain(plain);
            assertThat(rendered.split(java.util.regex.Pattern.quote(encoded), -1)).hasSize(2);
        }
    }
}
