package io.eventbus.data.egress;

import java.net.ConnectException;

/**
 * A connection the egress policy did not allow: the address it would reach is internal. A failure of the
 * target's configuration, not of the network, so the delivery is not retried.
 */
public final class EgressRefused extends ConnectException {

    public EgressRefused(String message) {
        super(message);
    }
}
