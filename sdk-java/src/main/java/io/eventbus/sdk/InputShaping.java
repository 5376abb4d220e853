package io.eventbus.sdk;

import java.util.Map;
import java.util.Objects;

/**
 * What a target receives instead of the whole event: a constant JSON value, the part of the event at a JSON path,
 * or an input transformer's result (a target has at most one). Set it with {@link Target#withInput}; try it with
 * {@link Admin#testInputTransformation}. Immutable.
 */
public final class InputShaping {

    private final String input;
    private final String inputPath;
    private final InputTransformer inputTransformer;

    private InputShaping(String input, String inputPath, InputTransformer inputTransformer) {
        this.input = input;
        this.inputPath = inputPath;
        this.inputTransformer = inputTransformer;
    }

    /** The JSON value {@code json}, whatever the event. */
    public static InputShaping constant(String json) {
        Json.read("input", Objects.requireNonNull(json, "json"));
        return new InputShaping(json, null, null);
    }

    /** The part of the event at {@code jsonPath}, e.g. {@code $.detail}. */
    public static InputShaping path(String jsonPath) {
        return new InputShaping(null, Objects.requireNonNull(jsonPath, "jsonPath"), null);
    }

    /** {@code template} with each {@code <name>} replaced by the value at {@code paths.get(name)}. */
    public static InputShaping transformer(Map<String, String> paths, String template) {
        return new InputShaping(null, null, new InputTransformer(paths, Objects.requireNonNull(template, "template")));
    }

    /** The constant JSON, or null. */
    public String input() {
        return input;
    }

    /** The JSON path, or null. */
    public String inputPath() {
        return inputPath;
    }

    /** The input transformer, or null. */
    public InputTransformer inputTransformer() {
        return inputTransformer;
    }

    /** The body members of this shaping (JSON text for the constant). */
    Map<String, Object> members() {
        return AdminHttp.body("input", input == null ? null : Json.read("input", input), "inputPath", inputPath,
                "inputTransformer", inputTransformer);
    }

    @Override
    public String toString() {
        return input != null ? "InputShaping[input=" + input + "]" : inputPath != null
                ? "InputShaping[inputPath=" + inputPath + "]" : "InputShaping[" + inputTransformer + "]";
    }
}
