package io.eventbus.bench.ingest;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * The server's delivery rows as the targets scenario reads them, over JDBC to its embedded PostgreSQL: counts by state
 * every 250 ms while it delivers ({@link #poller}), and at the end the retries, the commonest errors and the outcomes'
 * own times. Every statement reads the whole table (one scan), which the server's postgres pays for: a few ms a poll
 * at 50,000 rows.
 */
final class DeliveryRows {

    static final long POLL_MILLIS = 250;
    private static final String COUNTS = """
            SELECT count(*) FILTER (WHERE state = 'DELIVERED'), count(*) FILTER (WHERE state = 'DEAD_LETTERED'),
                   count(*) FILTER (WHERE state = 'RETRYABLE')
            FROM delivery""";
    private static final String RETRIED = "SELECT count(*) FILTER (WHERE attempt > 1) FROM delivery";
    private static final String ERRORS = """
            SELECT state, left(coalesce(last_error, '-'), 200), count(*) FROM delivery
            WHERE state <> 'DELIVERED' OR attempt > 1
            GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 3""";
    /** The outcomes' own times: finished_at is the start of the transaction that recorded them (a batch shares it). */
    private static final String FINISHED = """
            SELECT extract(epoch FROM min(finished_at)),
                   extract(epoch FROM percentile_disc(0.1) WITHIN GROUP (ORDER BY finished_at)),
                   extract(epoch FROM percentile_disc(0.9) WITHIN GROUP (ORDER BY finished_at)),
                   extract(epoch FROM max(finished_at)), count(*)
            FROM delivery WHERE state = 'DELIVERED'""";

    /** One look at the delivery rows: when (System.nanoTime(), before the query) and how many in each state. */
    record Poll(long nanos, long delivered, long dead, long retryable) {
    }

    /**
     * The rows at the end: the last counts, the deliveries that took more than one attempt, the commonest reasons of
     * those not delivered at once (state, count, last error), and the rates by the rows' finished_at.
     */
    record End(Poll last, long retried, List<String> errors, String serverRates) {
    }

    private DeliveryRows() {
    }

    /**
     * Polls the server's database every {@link #POLL_MILLIS} ms from the moment it answers, into polls; counts done
     * down and stops once no delivery of the {@code total} is left to do (DELIVERED or DEAD_LETTERED).
     */
    static Thread poller(ServerProcess s, long total, List<Poll> polls, CountDownLatch done) {
        Thread t = new Thread(() -> {
            Connection c = null;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    long next = System.nanoTime() + POLL_MILLIS * 1_000_000;
                    try {
                        if (c == null) {
                            c = s.pg().connect();
                        }
                        try (Statement st = c.createStatement()) {
                            Poll p = poll(st);
                            polls.add(p);
                            if (p.delivered() + p.dead() >= total) {
                                done.countDown();
                                return;
                            }
                        }
                    } catch (IOException | SQLException e) {
                        close(c); // postgres not up yet
                        c = null;
                    }
                    Thread.sleep(Math.max(1, (next - System.nanoTime()) / 1_000_000));
                }
            } catch (InterruptedException e) {
                // done
            } finally {
                close(c);
            }
        }, "targets-poll");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static End end(PgCeiling pg) throws SQLException {
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            Poll last = poll(st);
            long retried;
            try (ResultSet rs = st.executeQuery(RETRIED)) {
                rs.next();
                retried = rs.getLong(1);
            }
            List<String> errors = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(ERRORS)) {
                while (rs.next()) {
                    errors.add(String.format("%s x%,d: %s", rs.getString(1), rs.getLong(3), rs.getString(2)));
                }
            }
            try (ResultSet rs = st.executeQuery(FINISHED)) {
                rs.next();
                return new End(last, retried, errors, rates(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3),
                        rs.getDouble(4), rs.getLong(5)));
            }
        }
    }

    /**
     * When the DELIVERED count reached x (System.nanoTime()), linear between the two polls around it; the first poll's
     * time when that one already had x; -1 when it never did.
     */
    static long reached(List<Poll> polls, double x) {
        Poll before = null;
        for (Poll p : polls) {
            if (p.delivered() >= x) {
                if (before == null) {
                    return p.nanos();
                }
                double share = (x - before.delivered()) / (p.delivered() - before.delivered());
                return before.nanos() + (long) (share * (p.nanos() - before.nanos()));
            }
            before = p;
        }
        return -1;
    }

    private static Poll poll(Statement st) throws SQLException {
        long now = System.nanoTime();
        try (ResultSet rs = st.executeQuery(COUNTS)) {
            rs.next();
            return new Poll(now, rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    /** Rates from the first, 10 %, 90 % and last finished_at (epoch seconds) of n DELIVERED rows. */
    private static String rates(double first, double p10, double p90, double last, long n) {
        if (n < 2 || last <= first) {
            return "too few";
        }
        return String.format(Locale.ROOT, "10-90 %% %s/s, first to last %,.0f/s over %.2f s", p90 > p10
                ? String.format(Locale.ROOT, "%,.0f", 0.8 * n / (p90 - p10)) : "-", (n - 1) / (last - first),
                last - first);
    }

    private static void close(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException e) {
            // closing anyway
        }
    }
}
