package io.eventbus.data.egress;

import io.eventbus.core.egress.EgressPolicy;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Resolves the names connections are made to, and checks {@link EgressPolicy} on the very address each connection
 * will reach: a name that resolves to a public address when a webhook is saved and to an internal one later (DNS
 * rebinding) is refused at the connect, with {@link EgressRefused}. IP literals go through the same check. Lookups
 * of names run on {@code lookups} (the JVM's resolver blocks), never on an event loop. Thread-safe.
 */
final class EgressResolver extends AddressResolverGroup<InetSocketAddress> {

    private final EgressPolicy policy;
    private final Executor lookups;

    EgressResolver(EgressPolicy policy, Executor lookups) {
        this.policy = policy;
        this.lookups = lookups;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetSocketAddressResolver(executor, new Checked(executor));
    }

    private final class Checked extends InetNameResolver {

        Checked(EventExecutor executor) {
            super(executor);
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) {
            lookups.execute(() -> {
                try {
                    promise.trySuccess(allowed(host, InetAddress.getByName(host)));
                } catch (UnknownHostException | EgressRefused e) {
                    promise.tryFailure(e);
                }
            });
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
            lookups.execute(() -> {
                try {
                    List<InetAddress> all = new ArrayList<>();
                    for (InetAddress address : InetAddress.getAllByName(host)) {
                        all.add(allowed(host, address));
                    }
                    promise.trySuccess(all);
                } catch (UnknownHostException | EgressRefused e) {
                    promise.tryFailure(e);
                }
            });
        }
    }

    private InetAddress allowed(String host, InetAddress address) throws EgressRefused {
        if (policy.allowsPrivateNetworks()) {
            return address;
        }
        Optional<EgressPolicy.Internal> refused = policy.refusal(address);
        if (refused.isPresent()) {
            throw new EgressRefused(host + " is " + address.getHostAddress() + ", " + refused.get().description()
                    + "; " + EgressPolicy.HOW_TO_ALLOW);
        }
        return address;
    }
}
