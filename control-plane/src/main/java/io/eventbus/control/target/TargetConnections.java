package io.eventbus.control.target;

import io.eventbus.control.connection.Connection;
import io.eventbus.control.connection.ConnectionStore;
import io.eventbus.core.connection.AuthorizationType;
import io.eventbus.core.name.Names;
import io.eventbus.core.problem.ValidationError;

/** The connection a target names: it must exist, and for a broker be a BASIC one (a username and a password). */
final class TargetConnections {

    private TargetConnections() {
    }

    /**
     * @param name     the connection's name, or null for none
     * @param location where the name is in the request
     * @return {@code name}
     */
    static String check(ConnectionStore connections, String name, String location, boolean basicOnly) {
        if (name == null) {
            return null;
        }
        Names.require(location, name);
        Connection found = connections.find(name).orElseThrow(() -> new ValidationError(location,
                "connection '" + name + "' does not exist; create it first"));
        if (basicOnly && found.authorizationType() != AuthorizationType.BASIC) {
            throw new ValidationError(location, "connection '" + name + "' is " + found.authorizationType()
                    + "; a broker logs in with a username and a password: use a BASIC connection");
        }
        return name;
    }
}
