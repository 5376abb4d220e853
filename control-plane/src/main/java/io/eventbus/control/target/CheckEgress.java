package io.eventbus.control.target;

import io.eventbus.core.egress.EgressPolicy;
import io.eventbus.core.role.ControlRole;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Warns of webhook URLs that deliveries will refuse under {@link EgressPolicy} (the data plane's decision, read from
 * the same setting): {@code EGRESS_BLOCKED} warnings, one per URL. An IP literal or {@code localhost} is classified
 * without DNS; any other name is resolved now, all of them at once, and only if that takes less than
 * {@link #RESOLVE_WITHIN}: a name that resolves slowly, or not at all, gets no warning. Deliveries check the
 * address they actually connect to every time (docs/adr/0007), so a name that points elsewhere later is still
 * refused. Thread-safe.
 */
@Singleton
@ControlRole
public final class CheckEgress {

    public static final String CODE = "EGRESS_BLOCKED";
    static final Duration RESOLVE_WITHIN = Duration.ofMillis(500);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Resolves a name to its addresses, as deliveries would. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final EgressPolicy policy;
    private final Resolver resolver;
    /** Threads for names that take long to resolve; a few, created when needed, none kept idle for long. */
    private final ThreadPoolExecutor resolving = new ThreadPoolExecutor(0, 8, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "eventbus-resolve-webhook");
                t.setDaemon(true);
                return t;
            });

    @Inject
    CheckEgress(EgressPolicy policy) {
        this(policy, InetAddress::getAllByName);
    }

    CheckEgress(EgressPolicy policy, Resolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /**
     * @param urls webhook URLs (already validated as absolute http(s) URLs) by their location in the request,
     *             e.g. {@code targets[0].webhook.url}
     * @return a warning per URL that deliveries will refuse, in the order given
     */
    public List<Warning> check(Map<String, String> urls) {
        if (policy.allowsPrivateNetworks() || urls.isEmpty()) {
            return List.of();
        }
        Map<String, CompletableFuture<Optional<String>>> verdicts = new LinkedHashMap<>();
        urls.forEach((location, url) -> verdicts.put(location, verdict(host(url))));
        long deadline = System.nanoTime() + RESOLVE_WITHIN.toNanos();
        List<Warning> warnings = new ArrayList<>();
        verdicts.forEach((location, verdict) -> {
            try {
                verdict.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                        .ifPresent(message -> warnings.add(new Warning(CODE, location, message)));
            } catch (TimeoutException | ExecutionException e) {
                // not resolved in time, or not at all: deliveries will see
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return warnings;
    }

    /** The warning's message for {@code host}, empty when deliveries may reach it (or it is unknown). */
    private CompletableFuture<Optional<String>> verdict(String host) {
        if (host == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return CompletableFuture.completedFuture(Optional.of(refused(host + " is " + EgressPolicy.Internal.LOOPBACK
                    .description(), false)));
        }
        if (name.indexOf(':') >= 0 || IPV4.matcher(name).matches()) {
            return CompletableFuture.completedFuture(literal(host));
        }
        try {
            return CompletableFuture.supplyAsync(() -> resolved(host), resolving);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
    }

    /** An IP literal: parsed, never looked up. */
    private Optional<String> literal(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return policy.refusal(address).map(kind -> refused(host + " is " + kind.description(), false));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private Optional<String> resolved(String host) {
        try {
            for (InetAddress address : resolver.resolve(host)) {
                Optional<EgressPolicy.Internal> kind = policy.refusal(address);
                if (kind.isPresent()) {
                    return Optional.of(refused(host + " resolves to " + address.getHostAddress() + ", "
                            + kind.get().description(), true));
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String refused(String what, boolean resolved) {
        return "Deliveries will refuse this address: " + what + ", and private networks (loopback, private,"
                + " link-local and cloud metadata addresses) are not allowed on this installation; "
                + EgressPolicy.HOW_TO_ALLOW + (resolved ? ". Resolved when saved; deliveries check the address"
                + " again at every connection." : ".");
    }

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            if (host != null && host.startsWith("[") && host.endsWith("]")) {
                return host.substring(1, host.length() - 1);
            }
            return host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @PreDestroy
    void stop() {
        resolving.shutdownNow();
    }
}
