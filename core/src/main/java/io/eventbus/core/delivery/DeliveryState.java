package io.eventbus.core.delivery;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where one delivery (one event to one target of one rule) stands. This enum, the CHECK constraint on
 * {@code delivery.state} and the drawing in {@code docs/delivery-state-machine.md} change together.
 *
 * <pre>
 * AVAILABLE ──claim──▶ RUNNING ──2xx──────────────▶ DELIVERED
 *     ▲                   │ ──retryable, budget left──▶ RETRYABLE ──due, claim──▶ RUNNING
 *     │                   │ ──permanent or exhausted──▶ DEAD_LETTERED
 *     └──lease expired, or deferred (circuit open, rate limit: attempt not counted)──┘
 * RETRYABLE, DEAD_LETTERED ──retried by an operator──▶ AVAILABLE (the same delivery, due now)
 * </pre>
 */
public enum DeliveryState {
    /** Committed with its event, not yet attempted. */
    AVAILABLE,
    /** Claimed by a worker holding a lease; an expired lease, or a deferral, makes it AVAILABLE again. */
    RUNNING,
    /** The target accepted it. Final. */
    DELIVERED,
    /** An attempt failed in a way worth retrying; due again at {@code next_attempt_at}. */
    RETRYABLE,
    /**
     * Failed for good; a message with the reason is in the dead-letter queue. Final, unless an operator retries it
     * (then AVAILABLE again).
     */
    DEAD_LETTERED;

    private static final Set<DeliveryState> FINAL = EnumSet.of(DELIVERED, DEAD_LETTERED);

    /** True when no further attempt will be made. */
    public boolean isFinal() {
        return FINAL.contains(this);
    }
}
