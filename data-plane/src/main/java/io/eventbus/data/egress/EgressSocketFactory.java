package io.eventbus.data.egress;

import io.eventbus.core.egress.EgressPolicy;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * Sockets that check {@link EgressPolicy} on the address they are about to connect to: the one the HTTP client
 * resolved for this very connection. A name that resolves to a public address when a webhook is saved and to an
 * internal one later (DNS rebinding) is refused at the connect, with {@link EgressRefused}. IP literals and
 * names go through the same check. Thread-safe.
 */
final class EgressSocketFactory extends SocketFactory {

    private final EgressPolicy policy;

    EgressSocketFactory(EgressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Socket createSocket() {
        return new CheckedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port));
    }

    private Socket connected(InetSocketAddress address) throws IOException {
        Socket socket = new CheckedSocket();
        socket.connect(address);
        return socket;
    }

    private final class CheckedSocket extends Socket {

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!policy.allowsPrivateNetworks() && endpoint instanceof InetSocketAddress inet) {
                InetAddress address = inet.getAddress();
                if (address == null) {
                    throw new java.net.UnknownHostException(inet.getHostString());
                }
                Optional<EgressPolicy.Internal> refused = policy.refusal(address);
                if (refused.isPresent()) {
                    close();
                    throw new EgressRefused(inet.getHostString() + " is " + address.getHostAddress() + ", "
                            + refused.get().description() + "; " + EgressPolicy.HOW_TO_ALLOW);
                }
            }
            super.connect(endpoint, timeout);
        }
    }
}
