package io.eventbus.server.database;

import java.util.Map;

/** The PostgreSQL an Eventbus process uses, as the launcher prepared it. */
public interface Database extends AutoCloseable {

    /** Micronaut data source properties that point at it. */
    Map<String, Object> dataSourceProperties();

    /** One line for the banner: where the data is, never a password. */
    String description();

    /** Stops what the launcher started (the embedded server); a no-op for an external one. */
    @Override
    void close();
}
