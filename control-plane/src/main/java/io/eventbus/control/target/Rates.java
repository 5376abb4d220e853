package io.eventbus.control.target;

import io.eventbus.core.problem.ValidationError;

/** The rate limit every kind of target may set: deliveries a second, from 1 to {@value #MAX}, or none. */
final class Rates {

    static final int MAX = 10_000;

    private Rates() {
    }

    /**
     * @param location where the kind's block is, e.g. {@code targets[0].webhook}
     * @return {@code rate}, null for none
     */
    static Integer check(Integer rate, String location) {
        if (rate != null && (rate < 1 || rate > MAX)) {
            throw new ValidationError(location + ".rateLimitPerSecond", location + ".rateLimitPerSecond must be from 1"
                    + " to " + MAX + ", not " + rate);
        }
        return rate;
    }
}
