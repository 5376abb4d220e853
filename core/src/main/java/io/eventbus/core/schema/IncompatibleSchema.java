package io.eventbus.core.schema;

import io.eventbus.core.problem.EventbusException;

import java.util.List;

/**
 * HTTP 409, code {@code IncompatibleSchema}: a new version of a schema breaks its compatibility setting; the detail
 * lists each reason (what changed, and where).
 */
public final class IncompatibleSchema extends EventbusException {

    public IncompatibleSchema(String schema, Compatibility mode, List<String> reasons) {
        super(409, "IncompatibleSchema", "the new version of schema '" + schema + "' is not " + mode
                + " compatible: " + String.join("; ", reasons), "content");
    }
}
