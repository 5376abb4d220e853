package io.eventbus.core.schema;

import io.eventbus.core.problem.ValidationError;

import java.util.regex.Pattern;

/**
 * Names of schemas: {@code <source>@<DetailTypeWithoutSpaces>}, as EventBridge names the schemas it discovers
 * (e.g. {@code shop.orders@OrderPlaced}), or any other name of 1 to 256 letters, digits, '.', '_', '-' and '@'.
 * Stateless.
 */
public final class SchemaNames {

    public static final String PATTERN = "[A-Za-z0-9._@-]{1,256}";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    /** The config-channel payloads that announce a change of a schema: {@code schema:<name>}. */
    public static final String ANNOUNCEMENT_KIND = "schema:";

    private SchemaNames() {
    }

    /** What the config channel carries when schema {@code name} changed (a new version, or deleted). */
    public static String announcement(String name) {
        return ANNOUNCEMENT_KIND + name;
    }

    /**
     * The name of the schema of events with this source and detail-type: the detail-type loses its spaces and any
     * other character a name cannot hold; too long a name is cut to 256 characters. Called for each event of a
     * bus that validates or discovers schemas, so it copies characters rather than running a regular expression.
     */
    public static String of(String source, String detailType) {
        StringBuilder name = new StringBuilder(source.length() + detailType.length() + 1);
        allowed(source, name);
        name.append('@');
        allowed(detailType, name);
        return name.length() <= 256 ? name.toString() : name.substring(0, 256);
    }

    private static void allowed(String text, StringBuilder to) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '@' || c == '-') {
                to.append(c);
            }
        }
    }

    /** @throws ValidationError naming {@code location} when {@code name} is missing or not a schema name */
    public static String require(String location, String name) {
        if (name == null || name.isEmpty()) {
            throw new ValidationError(location, location + " is required");
        }
        if (!VALID.matcher(name).matches()) {
            String shown = name.length() > 80 ? name.substring(0, 80) + "..." : name;
            throw new ValidationError(location, location + " '" + shown + "' is not a valid schema name: use 1 to 256"
                    + " letters, digits, '.', '_', '-' or '@', such as shop.orders@OrderPlaced");
        }
        return name;
    }
}
