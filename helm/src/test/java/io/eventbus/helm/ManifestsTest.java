package io.eventbus.helm;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parse that every rendered manifest goes through refuses what a strict API server would. */
class ManifestsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              selector:
                matchLabels: {app: d}
              template:
                metadata:
                  labels: {app: d}
                spec:
                  containers:
                    - name: c
                      image: i
                      ports:
                        - containerPort: 8080
                      securityContext:
                        readOnlyRootFilesystem: true
            """;

    @Test
    void aValidManifestParsesIntoItsModel() {
        Manifests parsed = Manifests.parse("---\n# Source: x\n" + DEPLOYMENT + "---\n");

        assertThat(parsed.get(Deployment.class, "d").getSpec().getTemplate().getSpec().getContainers())
                .singleElement().satisfies(c -> assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue());
    }

    @Test
    void aMisspeltFieldFails() {
        String broken = DEPLOYMENT.replace("readOnlyRootFilesystem", "readOnlyRootFileSystem");

        assertThatThrownBy(() -> Manifests.parse(broken)).hasMessageContaining("readOnlyRootFileSystem");
    }

    @Test
    void aFieldInTheWrongPlaceFails() {
        String broken = DEPLOYMENT.replace("- containerPort: 8080", "- containerPort: 8080\n              path: /x");

        assertThatThrownBy(() -> Manifests.parse(broken)).hasMessageContaining("ports[0] [path]");
    }

    @Test
    void aStringForANumberFails() {
        String broken = DEPLOYMENT.replace("containerPort: 8080", "containerPort: \"8080\"");

        assertThatThrownBy(() -> Manifests.parse(broken)).hasStackTraceContaining("containerPort");
    }

    @Test
    void aKeyTwiceInOneObjectFails() {
        String twice = DEPLOYMENT.replace("  name: d\n", "  name: d\n  name: e\n");

        assertThatThrownBy(() -> Manifests.parse(twice)).hasStackTraceContaining("Duplicate field 'name'");
    }

    @Test
    void aKindTheChartShouldNotRenderFails() {
        assertThatThrownBy(() -> Manifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n"))
                .hasMessageContaining("v1/ConfigMap");
    }
}
