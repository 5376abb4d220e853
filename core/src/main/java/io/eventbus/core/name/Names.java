package io.eventbus.core.name;

import io.eventbus.core.problem.ValidationError;

import java.util.regex.Pattern;

/** The one rule for names of buses, rules, targets, queues and API keys: {@code [A-Za-z0-9._-]{1,64}}. */
public final class Names {

    public static final String PATTERN = "[A-Za-z0-9._-]{1,64}";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    private Names() {
    }

    /**
     * @param location where the name is in the request, e.g. {@code name} or {@code path: bus}
     * @throws ValidationError naming the location when {@code name} is missing or not a valid name
     */
    public static String require(String location, String name) {
        if (name == null || name.isEmpty()) {
            throw new ValidationError(location, location + " is required");
        }
        if (!VALID.matcher(name).matches()) {
            throw new ValidationError(location, location + " '" + abbreviate(name) + "' is not a valid name: use 1 to 64"
                    + " letters, digits, '.', '_' or '-'");
        }
        return name;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
