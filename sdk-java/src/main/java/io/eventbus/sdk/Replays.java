package io.eventbus.sdk;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Replays ({@code /v1/replays}): the archived events of a time window sent through the rules of their bus again.
 * Their targets get them with the normal retries and dead-lettering, marked with a top-level {@code "replay-name"}
 * field. A replay runs on the server; {@link #get(String)} shows its progress and {@link #awaitFinished} waits for
 * its end. Obtained from {@link Admin#replays()}; thread-safe.
 */
public final class Replays {

    /** How often {@link #awaitFinished} reads the replay. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private record ReplayList(List<ReplayInfo> replays) {
    }

    private final AdminHttp http;

    Replays(AdminHttp http) {
        this.http = http;
    }

    /**
     * Starts replay {@code name} of the events of {@code archive} from {@code from} (inclusive) to {@code to}
     * (exclusive), by event time, into every rule of the archive's bus; see {@link #start(ReplayRequest)}.
     */
    public ReplayInfo start(String name, String archive, Instant from, Instant to) {
        return start(ReplayRequest.of(name, archive, from, to));
    }

    /**
     * Starts a replay; it answers in state {@link ReplayState#STARTING}. Fails with 404 {@code NotFound} when the
     * archive does not exist, 409 {@code Conflict} when the name is taken, 400 {@code ValidationError} when the
     * window ends before it starts or a rule is not on the bus.
     */
    public ReplayInfo start(ReplayRequest replay) {
        return http.post("/v1/replays", replay.body(), ReplayInfo.class);
    }

    /** Every replay, newest first. */
    public List<ReplayInfo> list() {
        return list(null, null);
    }

    /** The replays of {@code archive} in {@code state}, newest first; a null argument does not filter. */
    public List<ReplayInfo> list(String archive, ReplayState state) {
        String query = AdminHttp.query("archive", archive);
        String byState = AdminHttp.query("state", state);
        query += query.isEmpty() ? byState : byState.replace('?', '&');
        return List.copyOf(http.get("/v1/replays" + query, ReplayList.class).replays());
    }

    /** Replay {@code name} with its progress; 404 {@code NotFound} when there is none. */
    public ReplayInfo get(String name) {
        return http.get(path(name), ReplayInfo.class);
    }

    /**
     * Cancels replay {@code name}: it answers {@link ReplayState#CANCELLING} (the replay stops before its next page
     * of events and becomes {@link ReplayState#CANCELLED}). 409 {@code Conflict} when it is over already.
     */
    public ReplayInfo cancel(String name) {
        return http.post(path(name) + ":cancel", null, ReplayInfo.class);
    }

    /**
     * Waits until replay {@code name} is over ({@link ReplayState#isFinal()}), reading it every 200 ms; the replay as
     * it ended, which may be {@link ReplayState#FAILED} or {@link ReplayState#CANCELLED}. Its targets may still be
     * receiving (or retrying) the last deliveries.
     *
     * @throws ReplayTimeoutException when it is not over within {@code timeout}; the replay goes on
     */
    public ReplayInfo awaitFinished(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ReplayInfo replay = get(name);
            long left = deadline - System.nanoTime();
            if (replay.state().isFinal()) {
                return replay;
            }
            if (left <= 0) {
                throw new ReplayTimeoutException(replay, timeout);
            }
            try {
                Thread.sleep(Math.min(POLL_INTERVAL.toMillis(), Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventbusException(0, EventbusException.CONNECTION_FAILED,
                        "interrupted while waiting for replay '" + name + "' to finish", null, e);
            }
        }
    }

    private static String path(String name) {
        return "/v1/replays/" + Transport.segment(name);
    }
}
