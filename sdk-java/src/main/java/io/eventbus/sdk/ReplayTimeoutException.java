package io.eventbus.sdk;

import java.time.Duration;

/**
 * {@link Replays#awaitFinished} waited its whole timeout and the replay was not over. The replay goes on: wait
 * again, or {@link Replays#cancel(String) cancel} it.
 */
public class ReplayTimeoutException extends RuntimeException {

    private final transient ReplayInfo replay;

    public ReplayTimeoutException(ReplayInfo replay, Duration timeout) {
        super("replay '" + replay.name() + "' is still " + replay.state() + " after " + timeout + " ("
                + replay.eventsReplayed() + " of " + (replay.eventsTotal() == null ? "?" : replay.eventsTotal())
                + " events replayed)");
        this.replay = replay;
    }

    /** The replay as it was last read. */
    public ReplayInfo replay() {
        return replay;
    }
}
