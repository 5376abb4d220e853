package io.eventbus.core.egress;

import io.eventbus.core.egress.EgressPolicy.Internal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class EgressPolicyTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "127.0.0.1, LOOPBACK", "127.8.9.10, LOOPBACK", "::1, LOOPBACK", "::ffff:127.0.0.1, LOOPBACK",
            "0.0.0.0, UNSPECIFIED", "::, UNSPECIFIED",
            "10.0.0.1, PRIVATE_NETWORK", "172.16.5.4, PRIVATE_NETWORK", "192.168.1.1, PRIVATE_NETWORK",
            "::ffff:10.0.0.1, PRIVATE_NETWORK", "fc00::1, PRIVATE_NETWORK", "fd12:3456::1, PRIVATE_NETWORK",
            "169.254.169.254, CLOUD_METADATA", "fd00:ec2::254, CLOUD_METADATA",
            "169.254.1.1, LINK_LOCAL", "fe80::1, LINK_LOCAL",
            "100.64.0.1, CARRIER_GRADE_NAT", "100.127.255.254, CARRIER_GRADE_NAT",
            "224.0.0.1, MULTICAST", "ff02::1, MULTICAST"})
    void internalAddresses(String address, Internal kind) throws Exception {
        assertThat(Internal.of(InetAddress.getByName(address))).hasValue(kind);
        assertThat(new EgressPolicy(false).refusal(InetAddress.getByName(address))).hasValue(kind);
        assertThat(new EgressPolicy(true).refusal(InetAddress.getByName(address))).as("private networks allowed").isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"93.184.216.34", "100.128.0.1", "172.32.0.1", "2606:4700::1111", "8.8.8.8", "169.255.0.1"})
    void publicAddresses(String address) throws Exception {
        assertThat(Internal.of(InetAddress.getByName(address))).isEmpty();
        assertThat(new EgressPolicy(false).refusal(InetAddress.getByName(address))).isEmpty();
    }

    @Test
    void sayHowToAllowPrivateNetworks() {
        assertThat(EgressPolicy.HOW_TO_ALLOW).isEqualTo("set EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS=true to allow private networks");
    }
}
