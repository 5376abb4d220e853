package io.eventbus.core.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Says what is wrong with a request body that Jackson could not read, and where: malformed JSON (line and
 * column), an unknown field (typos must not pass silently), a value of the wrong type. Pure functions.
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    /** The Jackson error in {@code e}'s cause chain, as a problem, if there is one. */
    public static java.util.Optional<Problem> from(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException json) {
                return java.util.Optional.of(problem(json));
            }
        }
        return java.util.Optional.empty();
    }

    static Problem problem(JsonProcessingException e) {
        if (e instanceof JsonParseException parse) {
            return ProblemResponses.problem(400, "InvalidJson", "The body is not valid JSON: "
                    + parse.getOriginalMessage() + " " + at(parse.getLocation()), at(parse.getLocation()));
        }
        if (e instanceof JsonMappingException mapping) {
            String path = path(mapping);
            return ProblemResponses.problem(400, "ValidationError", detail(mapping, path), path);
        }
        return ProblemResponses.problem(400, "InvalidJson", "The body is not valid JSON: " + e.getOriginalMessage(), null);
    }

    private static String detail(JsonMappingException e, String path) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + unknown.getPropertyName() + "' at " + path + known(unknown.getKnownPropertyIds());
        }
        if (e instanceof InvalidFormatException format) {
            return path + " must be " + typeName(format.getTargetType()) + ", not " + describe(format.getValue());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return path + " must be " + typeName(mismatch.getTargetType());
        }
        return path + ": " + e.getOriginalMessage();
    }

    /** {@code targets[0].webhook.url} style, or {@code $} for the whole body. */
    static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                b.append('[').append(ref.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? "$" : b.toString();
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) {
            return "";
        }
        return " (known fields: " + ids.stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")";
    }

    private static String typeName(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static String describe(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
