package io.eventbus.core.egress;

import io.eventbus.core.setting.EnvironmentVariable;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which addresses webhook deliveries (and the token endpoints of their connections) may reach: the one
 * decision. By default none that point inside ({@link Internal}); with {@value #ALLOW_PRIVATE_NETWORKS} every
 * address. The data plane applies it to every connection, on the address it connects to (docs/adr/0007); the
 * control plane applies it when a webhook target is saved, to warn of a target that deliveries will refuse. A
 * bean of both roles, so that both planes read the same setting. Immutable and thread-safe.
 */
@Singleton
public final class EgressPolicy {

    /** The setting that lets deliveries reach internal addresses. */
    public static final String ALLOW_PRIVATE_NETWORKS = "eventbus.delivery.allow-private-networks";
    /** How to allow what the policy refuses, for messages. */
    public static final String HOW_TO_ALLOW = "set " + EnvironmentVariable.of(ALLOW_PRIVATE_NETWORKS)
            + "=true to allow private networks";

    private final boolean allowPrivateNetworks;

    public EgressPolicy(@Value("${" + ALLOW_PRIVATE_NETWORKS + ":false}") boolean allowPrivateNetworks) {
        this.allowPrivateNetworks = allowPrivateNetworks;
    }

    public boolean allowsPrivateNetworks() {
        return allowPrivateNetworks;
    }

    /** Why deliveries may not reach {@code address}; empty when they may. */
    public Optional<Internal> refusal(InetAddress address) {
        return allowPrivateNetworks ? Optional.empty() : Internal.of(address);
    }

    /** The kinds of address that point inside, which deliveries may not reach by default. */
    public enum Internal {
        LOOPBACK("a loopback address"),
        PRIVATE_NETWORK("a private network address"),
        CLOUD_METADATA("the cloud metadata address"),
        LINK_LOCAL("a link-local address"),
        CARRIER_GRADE_NAT("a carrier-grade NAT address"),
        UNSPECIFIED("the unspecified address"),
        MULTICAST("a multicast address");

        /** 169.254.169.254, and fd00:ec2::254 (AWS over IPv6). */
        private static final byte[] METADATA_V4 = {(byte) 169, (byte) 254, (byte) 169, (byte) 254};
        private static final byte[] METADATA_V6 = {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};

        private final String description;

        Internal(String description) {
            this.description = description;
        }

        /** E.g. {@code a loopback address}. */
        public String description() {
            return description;
        }

        /**
         * The kind of internal address {@code a} is: loopback, private (RFC 1918, IPv6 unique local), link-local
         * (cloud metadata at 169.254.169.254 and fd00:ec2::254 told apart), carrier-grade NAT (100.64.0.0/10),
         * unspecified and multicast; empty for a public address. Pure.
         */
        public static Optional<Internal> of(InetAddress a) {
            byte[] b = a.getAddress();
            if (a.isLoopbackAddress()) {
                return Optional.of(LOOPBACK);
            }
            if (a.isAnyLocalAddress()) {
                return Optional.of(UNSPECIFIED);
            }
            if (isCloudMetadata(b)) {
                return Optional.of(CLOUD_METADATA);
            }
            if (a.isLinkLocalAddress()) {
                return Optional.of(LINK_LOCAL);
            }
            if (a.isSiteLocalAddress() || (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc)) { // fc00::/7
                return Optional.of(PRIVATE_NETWORK);
            }
            if (a.isMulticastAddress()) {
                return Optional.of(MULTICAST);
            }
            if (!(a instanceof Inet6Address) && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
                return Optional.of(CARRIER_GRADE_NAT);
            }
            return Optional.empty();
        }

        private static boolean isCloudMetadata(byte[] b) {
            return Arrays.equals(b, METADATA_V4) || Arrays.equals(b, METADATA_V6);
        }
    }
}
