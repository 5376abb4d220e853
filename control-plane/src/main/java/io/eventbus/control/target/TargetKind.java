package io.eventbus.control.target;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.target.TargetType;

import java.util.Optional;

/**
 * One type of target (webhook, queue, ...): how its settings block is validated into the stored
 * {@code target.config}, and how stored settings are shown. A new target type is a new implementation plus a
 * block in {@link TargetRequest}; nothing else changes. Implementations are stateless and thread-safe.
 */
public interface TargetKind {

    /** The kind as stored, and how both planes read its stored config: what {@link #validate} returns must read. */
    TargetType<?> stored();

    /** The {@code type} value, e.g. {@code webhook}. */
    default String type() {
        return stored().name();
    }

    /** Whether a target of this kind may shape its input ({@code input}, {@code inputPath}, {@code inputTransformer}). */
    default boolean shapesInput() {
        return true;
    }

    /** The settings block of this kind in the request, or null when absent. */
    Object block(TargetRequest request);

    /**
     * Validates the block and returns the config to store.
     *
     * @param location where the block is in the request, e.g. {@code targets[0].webhook}
     * @throws io.eventbus.core.problem.ValidationError naming the location of the problem
     */
    JsonNode validate(Object block, String location);

    /**
     * The config as the API shows it: secrets left out, unless {@code revealSecrets} (only for secrets generated
     * in the request being answered).
     */
    JsonNode view(JsonNode config, boolean revealSecrets);

    /** Where a target of this kind puts what it gets, in words, e.g. {@code bus 'other'}. */
    default String destination(JsonNode config) {
        return type();
    }

    /** A config written without a secret keeps the secret of the config it replaces. */
    default JsonNode carryOverSecrets(JsonNode config, JsonNode previous) {
        return config;
    }

    /** The name of the connection a stored config authenticates with, if any. */
    default Optional<String> connection(JsonNode config) {
        return Optional.empty();
    }
}
