package io.eventbus.data.deliver;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which addresses deliveries may reach. By default none that point inside: loopback, private (RFC 1918, IPv6
 * unique local), link-local (cloud metadata at 169.254.169.254 included), carrier-grade NAT, any-local and
 * multicast. The host is resolved and every address checked. Pure function apart from DNS; thread-safe.
 *
 * <p>Known gap: the HTTP client resolves the name again when it connects, so a DNS answer that changes between
 * the two (rebinding) is not caught yet; checking at connect time needs a client with a resolver hook.
 */
final class EgressPolicy {

    private EgressPolicy() {
    }

    /** Why {@code host} may not be reached, or empty when it may. */
    static Optional<String> refuse(String host, boolean allowPrivateNetworks) {
        if (allowPrivateNetworks) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (isInternal(address)) {
                    return Optional.of(host + " resolves to " + address.getHostAddress() + ", an internal address;"
                            + " set EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS=true to allow it");
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty(); // the send fails and is retried: DNS may recover
        }
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
