package io.eventbus.sdk;

/**
 * Where a replay is: {@code STARTING} until a data plane takes it, {@code RUNNING}, {@code CANCELLING} after
 * {@link Replays#cancel(String)} until the data plane holding it stops, then one of the final states
 * {@code COMPLETED}, {@code CANCELLED} or {@code FAILED} ({@link ReplayInfo#stateReason()} says why).
 */
public enum ReplayState {
    STARTING,
    RUNNING,
    CANCELLING,
    COMPLETED,
    CANCELLED,
    FAILED;

    /** Whether the replay is over: it will not change again. */
    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }
}
