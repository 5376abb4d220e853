package io.eventbus.core.role;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A part of Eventbus that one process can run. {@code EVENTBUS_ROLES} (property {@value #PROPERTY}) names the
 * roles of a process as a comma-separated list; without it a process runs every role.
 */
public enum Role {
    /** The admin API, the console and schema migrations. */
    CONTROL,
    /** Ingestion, matching and delivery. */
    DATA;

    /** The configuration property that lists the roles of this process. */
    public static final String PROPERTY = "eventbus.roles";

    /**
     * Parses a role list such as {@code "control,data"}; blank means every role.
     *
     * @throws IllegalArgumentException naming the unknown role and the valid ones
     */
    public static Set<Role> parse(String list) {
        if (list == null || list.isBlank()) {
            return EnumSet.allOf(Role.class);
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : list.split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                roles.add(Role.valueOf(trimmed.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown role '" + trimmed + "' in EVENTBUS_ROLES=" + list
                        + " (valid roles: control, data)", e);
            }
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("EVENTBUS_ROLES=" + list + " names no role (valid roles: control, data)");
        }
        return roles;
    }

    /** The canonical form of a role set, e.g. {@code control,data}: what the banner shows and the context gets. */
    public static String format(Set<Role> roles) {
        return roles.stream().map(Role::label).collect(Collectors.joining(","));
    }

    /** The lower-case name used in configuration. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
