package io.eventbus.data.egress;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses deliveries may reach. By default none that point inside: loopback, private (RFC 1918, IPv6
 * unique local), link-local (cloud metadata at 169.254.169.254 included), carrier-grade NAT, any-local and
 * multicast. {@link EgressSocketFactory} applies it to every connection, on the address it connects to. Pure.
 */
final class EgressPolicy {

    private EgressPolicy() {
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10
    }
}
