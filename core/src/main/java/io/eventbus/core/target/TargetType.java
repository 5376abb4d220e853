package io.eventbus.core.target;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.problem.ValidationError;

import java.util.Objects;
import java.util.function.Function;

/**
 * One kind of target ({@code webhook}, {@code queue}, ...) and how its stored configuration ({@code target.config})
 * is read into its typed {@code C}. Both planes read through it: the control plane reads back what it is about to
 * store (so nothing is stored that the data plane cannot read), the data plane reads each target once when it
 * loads it. Pure and thread-safe.
 *
 * @param name   the {@code type} of a target, e.g. {@code webhook}
 * @param reader reads a stored configuration; throws {@link ValidationError} naming the field ({@code config.url})
 */
public record TargetType<C extends TargetConfig>(String name, Function<StoredFields, C> reader) {

    public TargetType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reader, "reader");
    }

    /**
     * The typed configuration of a stored one.
     *
     * @throws ValidationError when {@code stored} is not a configuration of this kind, naming the field
     */
    public C parse(JsonNode stored) {
        if (stored == null || !stored.isObject()) {
            throw new ValidationError("config", "the configuration of a " + name + " target is not a JSON object");
        }
        return reader.apply(new StoredFields(stored, "config"));
    }
}
