package io.eventbus.data.egress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class EgressPolicyTest {

    @ParameterizedTest(name = "{0} internal: {1}")
    @CsvSource({
            "127.0.0.1, true", "127.8.9.10, true", "::1, true", "0.0.0.0, true", "::, true",
            "10.0.0.1, true", "172.16.5.4, true", "192.168.1.1, true", "169.254.169.254, true", "fe80::1, true",
            "fd00:ec2::254, true", "fc00::1, true", "100.64.0.1, true", "100.127.255.254, true", "224.0.0.1, true",
            "::ffff:127.0.0.1, true", "::ffff:10.0.0.1, true",
            "93.184.216.34, false", "100.128.0.1, false", "172.32.0.1, false", "2606:4700::1111, false", "8.8.8.8, false"})
    void internalAddresses(String address, boolean internal) throws Exception {
        assertThat(EgressPolicy.isInternal(InetAddress.getByName(address))).isEqualTo(internal);
    }
}
