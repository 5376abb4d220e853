package io.eventbus.server.database;

import io.eventbus.core.startup.StartupFailure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * An operator's PostgreSQL ({@code DATASOURCES_DEFAULT_URL}). Checked once at start so that a wrong URL or
 * an unreachable server ends the start with one line that names it, instead of a wall of pool errors.
 */
public final class ExternalDatabase implements Database {

    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final String url;

    private ExternalDatabase(String url) {
        this.url = url;
    }

    /**
     * @throws StartupFailure naming the URL when no connection can be made
     */
    public static ExternalDatabase connect(String url, String username, String password) {
        Properties props = new Properties();
        props.setProperty("user", username);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        try (Connection connection = DriverManager.getConnection(url, props)) {
            if (!connection.isValid(CONNECT_TIMEOUT_SECONDS)) {
                throw new StartupFailure("PostgreSQL at " + safe(url) + " accepted the connection but does not answer");
            }
            return new ExternalDatabase(url);
        } catch (SQLException e) {
            throw new StartupFailure("cannot connect to PostgreSQL at " + safe(url) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Object> dataSourceProperties() {
        return Map.of(); // Micronaut reads DATASOURCES_DEFAULT_* itself
    }

    @Override
    public String description() {
        return "external PostgreSQL at " + safe(url);
    }

    @Override
    public void close() {
    }

    /** The URL without its query string, where a password may hide. */
    static String safe(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
