package io.eventbus.control.bus;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;

/** A bus as the API shows it. */
public record Bus(String name, String description, BusSettings settings, int ruleCount, Instant createdAt,
                  Instant updatedAt, @JsonIgnore long version) {
}
