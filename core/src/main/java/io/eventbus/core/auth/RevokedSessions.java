package io.eventbus.core.auth;

import io.eventbus.core.change.ConfigChannel;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console sessions signed out before they expire, as every process of the installation knows them
 * (docs/adr/0011): a signed-out session's id is written to {@code console_session_revocation} with its expiry and
 * announced on {@link ConfigChannel} ({@value #KIND}{@code <id>:<expiry epoch seconds>}) in the same
 * transaction. Each process holds the ids in memory: read when this bean is created (at start, with the
 * connection listener), added to by each announcement and reread after a lost connection, so checking a request
 * ({@link #isRevoked}) never touches the database. An id is forgotten once its session has expired anyway; the
 * data plane's maintenance deletes such rows. Thread-safe.
 */
@Singleton
final class RevokedSessions implements ConfigChannel.Listener {

    static final String KIND = "session-revoked:";
    private static final Logger LOG = LoggerFactory.getLogger(RevokedSessions.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    @Inject
    RevokedSessions(DataSource dataSource, Optional<DataSourceResolver> resolver, Clock clock) {
        this.dataSource = resolver.orElse(DataSourceResolver.DEFAULT).resolve(dataSource);
        this.clock = clock;
        try {
            reload();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the revoked console sessions: " + e, e);
        }
    }

    RevokedSessions(DataSource dataSource, Clock clock) throws SQLException {
        this.dataSource = dataSource;
        this.clock = clock;
        reload();
    }

    /** Whether the session {@code id} was signed out. Memory only: safe on the event loop. */
    boolean isRevoked(String id) {
        return revoked.containsKey(id);
    }

    /**
     * Revokes the session {@code id} (valid until {@code expires}) in the database, announces it to every process,
     * and takes it into this process at once. Blocking: call it on the blocking pool.
     */
    void revoke(String id, Instant expires) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO console_session_revocation (session_id, expires_at) VALUES (?, ?)
                    ON CONFLICT (session_id) DO NOTHING
                    """)) {
                ps.setString(1, id);
                ps.setTimestamp(2, Timestamp.from(expires));
                ps.executeUpdate();
                ConfigChannel.announce(c, KIND + id + ":" + expires.getEpochSecond());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        remember(id, expires);
    }

    @Override
    public void announced(String payload) {
        if (!payload.startsWith(KIND)) {
            return;
        }
        String[] parts = payload.substring(KIND.length()).split(":", -1);
        try {
            remember(parts[0], Instant.ofEpochSecond(Long.parseLong(parts[1])));
        } catch (RuntimeException e) {
            LOG.warn("ignoring a malformed session revocation on the config channel; rereading them all");
            reloadQuietly();
        }
    }

    @Override
    public void missedAnnouncements() throws SQLException {
        reload();
    }

    /** Forgets the expired ones on the way: they are few (sign-outs of one session duration), so a scan is cheap. */
    private void remember(String id, Instant expires) {
        Instant now = clock.instant();
        revoked.values().removeIf(until -> !until.isAfter(now));
        if (expires.isAfter(now)) {
            revoked.put(id, expires);
        }
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (SQLException e) {
            LOG.warn("rereading revoked console sessions failed: {}", e.toString());
        }
    }

    /** Reads every revocation not yet expired, and forgets those expired. */
    private void reload() throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT session_id, expires_at FROM console_session_revocation WHERE expires_at > ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    revoked.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        revoked.values().removeIf(expires -> !expires.isAfter(now));
    }
}
