package io.eventbus.data.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The outbox's two kinds of transaction, each committed when its work returns and rolled back when it throws:
 * durable (the commit waits for the WAL flush), and undurable ({@code synchronous_commit = off}) for writes that a
 * crash may undo without losing anything, since the state before them is durable and leads to the same work being
 * done again (ADR 0008). Pure functions of their arguments and the database.
 */
final class Transactions {

    /** Work inside a transaction. */
    interface Work<R> {
        R run() throws SQLException;
    }

    private Transactions() {
    }

    static <R> R durable(Connection c, Work<R> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            R result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    static <R> R undurable(Connection c, Work<R> work) throws SQLException {
        return durable(c, () -> {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL synchronous_commit = off");
            }
            return work.run();
        });
    }
}
