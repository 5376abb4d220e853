package io.eventbus.helm;

import io.fabric8.kubernetes.api.model.EnvVar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.eventbus.helm.Manifests.env;
import static io.eventbus.helm.Manifests.eventbus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Wrong values stop {@code helm install} and {@code helm template} with a message, before anything is applied. */
class ValuesSchemaTest {

    static Stream<Arguments> wrongValues() {
        return Stream.of(
                arguments("a misspelt key", "dataplane: {replicas: 3}\n", "additional properties 'dataplane' not allowed"),
                arguments("an unknown log format", "log: {format: xml}\n", "/log/format"),
                arguments("a URL that is not PostgreSQL's JDBC", "database: {external: {url: 'postgres://db:5432/eventbus'}}\n", "/database/external/url"),
                arguments("a password in the URL", "database: {external: {url: 'jdbc:postgresql://db:5432/eventbus?user=a&password=b'}}\n", "/database/external/url"),
                arguments("an external database without its Secret", "database: {external: {existingSecret: ''}}\n", "/database/external/existingSecret"),
                arguments("no control plane", "controlPlane: {replicas: 0}\n", "/controlPlane/replicas"),
                arguments("a number as a string", "dataPlane: {autoscaling: {maxReplicas: '10'}}\n", "/dataPlane/autoscaling/maxReplicas': got string, want integer"),
                arguments("a yes for a boolean", "delivery: {allowPrivateNetworks: 'yes'}\n", "/delivery/allowPrivateNetworks': got string, want boolean"),
                arguments("running as root", "podSecurityContext: {runAsNonRoot: false}\n", "/podSecurityContext/runAsNonRoot"),
                arguments("user 0", "podSecurityContext: {runAsNonRoot: true, runAsUser: 0}\n", "/podSecurityContext/runAsUser"),
                arguments("a Secret name Kubernetes refuses", "adminToken: {existingSecret: Admin_Token}\n", "/adminToken/existingSecret"),
                arguments("the secret key as a plain value",
                        "dataPlane: {env: [{name: EVENTBUS_SECRET_KEY, value: c2VjcmV0}]}\n", "/dataPlane/env/0/name"),
                arguments("a token as a plain value", "controlPlane: {env: [{name: WEBHOOK_TOKEN, value: abc}]}\n", "/controlPlane/env/0"),
                arguments("a scrape interval without a unit", "metrics: {serviceMonitor: {interval: 30}}\n", "/metrics/serviceMonitor/interval"),
                arguments("more minimum than maximum replicas",
                        "dataPlane: {autoscaling: {minReplicas: 5, maxReplicas: 3}}\n", "minReplicas (5) is more than maxReplicas (3)"),
                arguments("one host for both planes",
                        "ingress: {enabled: true, control: {host: a.example}, data: {host: a.example}}\n", "must differ"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongValues")
    void refuses(String what, String values, String named) {
        assertThat(Chart.refusal(Chart.values(values))).contains(named);
    }

    @Test
    void aSecretInAnExtraVariableComesFromASecret() {
        Manifests m = Chart.render(Chart.values("""
                dataPlane:
                  env:
                    - name: WEBHOOK_TOKEN
                      valueFrom:
                        secretKeyRef: {name: receivers, key: token}
                """));

        assertThat(env(eventbus(m.dataPlane()), "WEBHOOK_TOKEN")).map(EnvVar::getValueFrom)
                .hasValueSatisfying(from -> assertThat(from.getSecretKeyRef().getName()).isEqualTo("receivers"));
    }
}
