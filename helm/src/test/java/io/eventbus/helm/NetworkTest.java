package io.eventbus.helm;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Objects;

import static io.eventbus.helm.Manifests.env;
import static io.eventbus.helm.Manifests.eventbus;
import static org.assertj.core.api.Assertions.assertThat;

/** Who reaches the planes, what they reach: deliveries stay off private networks unless allowed. */
class NetworkTest {

    private static final List<String> INTERNAL_V4 = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "169.254.0.0/16", "127.0.0.0/8", "100.64.0.0/10");

    @Test
    void byDefaultDeliveriesMayNotReachPrivateNetworks() {
        Manifests defaults = Chart.render();

        assertThat(env(eventbus(defaults.dataPlane()), "EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS"))
                .map(EnvVar::getValue).hasValue("false");
        assertThat(env(eventbus(defaults.controlPlane()), "EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS"))
                .as("the control plane warns of webhooks that deliveries refuse").map(EnvVar::getValue).hasValue("false");
        List<IPBlock> world = ipBlocks(defaults.get(NetworkPolicy.class, Chart.FULLNAME + "-data-plane"));
        assertThat(world).extracting(IPBlock::getCidr).containsExactlyInAnyOrder("0.0.0.0/0", "::/0");
        assertThat(world).filteredOn(b -> b.getCidr().equals("0.0.0.0/0")).singleElement()
                .satisfies(b -> assertThat(b.getExcept()).containsAll(INTERNAL_V4));
        assertThat(world).filteredOn(b -> b.getCidr().equals("::/0")).singleElement()
                .satisfies(b -> assertThat(b.getExcept()).contains("fc00::/7", "fe80::/10", "::1/128"));
    }

    @Test
    void theControlPlaneReachesOnlyDnsAndTheDatabase() {
        NetworkPolicy control = Chart.render().get(NetworkPolicy.class, Chart.FULLNAME + "-control-plane");

        assertThat(ipBlocks(control)).isEmpty();
        assertThat(control.getSpec().getEgress()).flatExtracting(NetworkPolicyEgressRule::getPorts)
                .extracting(p -> p.getPort().getIntVal()).containsExactlyInAnyOrder(53, 53, 5432);
    }

    @Test
    void allowingPrivateNetworksOpensTheDeliveryClientAndThePolicyAlike() {
        Manifests open = Chart.render(Chart.valueSet("private-networks-with-policy"));
        NetworkPolicy data = open.get(NetworkPolicy.class, Chart.FULLNAME + "-data-plane");

        assertThat(env(eventbus(open.dataPlane()), "EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS"))
                .map(EnvVar::getValue).hasValue("true");
        assertThat(env(eventbus(open.controlPlane()), "EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS"))
                .map(EnvVar::getValue).hasValue("true");
        assertThat(ipBlocks(data)).isNotEmpty().allSatisfy(b -> assertThat(b.getExcept()).isNullOrEmpty());
        assertThat(data.getSpec().getEgress()).anySatisfy(rule ->
                assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(5672)));
    }

    @Test
    void theDatabasePortComesFromTheUrl() {
        Manifests other = Chart.render(Chart.values("""
                database:
                  external:
                    url: jdbc:postgresql://pg.internal:6432/events?sslmode=require
                """));

        assertThat(other.get(NetworkPolicy.class, Chart.FULLNAME + "-data-plane").getSpec().getEgress())
                .anySatisfy(rule -> assertThat(rule.getPorts()).singleElement()
                        .satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(6432)));
    }

    @Test
    void theIngressGivesEachPlaneItsHost() {
        Ingress ingress = Chart.render(Chart.valueSet("production")).get(Ingress.class, Chart.FULLNAME);

        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getRules()).extracting(r -> r.getHost() + " -> "
                        + r.getHttp().getPaths().get(0).getBackend().getService().getName())
                .containsExactly("eventbus.shop.example -> " + Chart.FULLNAME + "-control-plane",
                        "events.shop.example -> " + Chart.FULLNAME + "-data-plane");
        assertThat(ingress.getSpec().getTls()).singleElement()
                .satisfies(t -> assertThat(t.getHosts()).containsExactly("eventbus.shop.example", "events.shop.example"));
        assertThat(Chart.render().all(Ingress.class)).isEmpty();
    }

    @Test
    void onlyTheGivenPeersReachThePlanes() {
        NetworkPolicy data = Chart.render(Chart.valueSet("production")).get(NetworkPolicy.class, Chart.FULLNAME + "-data-plane");

        assertThat(data.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http"));
            assertThat(rule.getFrom()).extracting(p -> p.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
                    .containsExactly("ingress-nginx", "monitoring");
        });
    }

    @Test
    void aServiceMonitorScrapesMetricsOfBothPlanes() {
        ServiceMonitor monitor = Chart.render(Chart.valueSet("production")).get(ServiceMonitor.class, Chart.FULLNAME);

        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
        assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(e -> {
            assertThat(e.getPath()).isEqualTo("/metrics");
            assertThat(e.getPort()).isEqualTo("http");
            assertThat(e.getInterval()).isEqualTo("15s");
        });
        assertThat(monitor.getSpec().getSelector().getMatchExpressions())
                .anySatisfy(x -> assertThat(x.getValues()).containsExactly("control-plane", "data-plane"));
        assertThat(Chart.render().all(ServiceMonitor.class)).isEmpty();
    }

    @Test
    void withoutNetworkPoliciesNoneIsRendered() {
        assertThat(Chart.render(Chart.valueSet("in-cluster-receivers")).all(NetworkPolicy.class)).isEmpty();
    }

    private static List<IPBlock> ipBlocks(NetworkPolicy policy) {
        return policy.getSpec().getEgress().stream()
                .flatMap(rule -> rule.getTo() == null ? java.util.stream.Stream.<NetworkPolicyPeer>empty() : rule.getTo().stream())
                .map(NetworkPolicyPeer::getIpBlock)
                .filter(Objects::nonNull)
                .toList();
    }
}
