package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * A bus as the admin API shows it. Immutable.
 *
 * @param ruleCount how many rules it has
 * @param etag      its version ({@code "3"}), for a conditional update or delete; only in the answers about this
 *                  one bus (get, create, update), null in {@link Buses#list()}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Bus(String name, String description, BusSettings settings, int ruleCount, Instant createdAt,
                  Instant updatedAt, String etag) {

    Bus withEtag(String value) {
        return new Bus(name, description, settings, ruleCount, createdAt, updatedAt, value);
    }
}
