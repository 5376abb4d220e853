package io.eventbus.core.replay;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a replay stands. This enum, the CHECK constraint on {@code replay.state} and the drawing in
 * {@code docs/replay-state-machine.md} change together. The control plane creates replays ({@code STARTING}) and
 * asks for cancels ({@code CANCELLING}); the data plane that holds a replay's lease moves it on.
 *
 * <pre>
 * STARTING ──a data plane takes it──▶ RUNNING ──window done──▶ COMPLETED
 *    │                                   │ ──archive gone, error──▶ FAILED
 *    └──cancel──▶ CANCELLING ◀──cancel───┘
 *                     └──the data plane stops it──▶ CANCELLED
 * </pre>
 */
public enum ReplayState {
    /** Created; no data plane has taken it yet. */
    STARTING,
    /** A data plane holds its lease and replays page after page; after a crash another resumes it. */
    RUNNING,
    /** Asked to stop; the data plane stops before its next page. */
    CANCELLING,
    /** Every archived event of the window went through. Final. */
    COMPLETED,
    /** Stopped on request; what was replayed stays replayed. Final. */
    CANCELLED,
    /** Could not go on ({@code state_reason} says why). Final. */
    FAILED;

    private static final Set<ReplayState> FINAL = EnumSet.of(COMPLETED, CANCELLED, FAILED);

    /** True when nothing will happen to the replay any more. */
    public boolean isFinal() {
        return FINAL.contains(this);
    }
}
