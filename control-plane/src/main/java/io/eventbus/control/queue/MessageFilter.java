package io.eventbus.control.queue;

import io.eventbus.control.query.Queries;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Which messages of a queue an operator means, by the attributes Eventbus gives its dead letters: {@code rule} (the
 * RULE attribute, {@code bus/rule}, or the rule's name alone), {@code target} (TARGET) and {@code errorCode}
 * (ERROR_CODE); nulls match anything. Messages past their retention never match. One place for the SQL of it.
 */
record MessageFilter(String rule, String target, String errorCode) {

    static final MessageFilter ANY = new MessageFilter(null, null, null);

    /** The conditions on {@code queue_message m}, after a WHERE: the queue's id first, then the filter's. */
    static final String WHERE = """
            m.queue_id = ? AND m.expires_at > now()
              AND (CAST(? AS text) IS NULL OR m.attributes ->> 'RULE' = ? OR split_part(m.attributes ->> 'RULE', '/', 2) = ?)
              AND (CAST(? AS text) IS NULL OR m.attributes ->> 'TARGET' = ?)
              AND (CAST(? AS text) IS NULL OR m.attributes ->> 'ERROR_CODE' = ?)
            """;

    static MessageFilter of(String rule, String target, String errorCode) {
        return new MessageFilter(Queries.blankToNull(rule), Queries.blankToNull(target),
                Queries.blankToNull(errorCode));
    }

    /** Binds {@link #WHERE} from parameter 1; returns the next parameter's index. */
    int bind(PreparedStatement ps, long queueId) throws SQLException {
        int p = 1;
        ps.setLong(p++, queueId);
        for (int i = 0; i < 3; i++) {
            ps.setString(p++, rule);
        }
        ps.setString(p++, target);
        ps.setString(p++, target);
        ps.setString(p++, errorCode);
        ps.setString(p++, errorCode);
        return p;
    }
}
