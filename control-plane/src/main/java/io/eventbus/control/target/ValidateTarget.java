package io.eventbus.control.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbus.control.queue.QueueStore;
import io.eventbus.core.name.Names;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.eventbus.core.target.InputTransformer;
import io.eventbus.core.target.RetryPolicy;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks one target of a rule with EventBridge's rules: its kind's settings, exactly one way of shaping input
 * at most, the retry policy's ranges, an existing dead-letter queue. Every error names its location, e.g.
 * {@code targets[1].retryPolicy.maximumRetryAttempts}. Thread-safe.
 */
@Singleton
@ControlRole
public final class ValidateTarget {

    static final int MAX_INPUT_LENGTH = 8_192;
    private static final Pattern PATH_KEY = Pattern.compile(InputTransformer.KEY_PATTERN);

    private final TargetKinds kinds;
    private final QueueStore queues;
    private final ObjectMapper json;

    ValidateTarget(TargetKinds kinds, QueueStore queues, ObjectMapper json) {
        this.kinds = kinds;
        this.queues = queues;
        this.json = json;
    }

    public ValidTarget validate(TargetRequest target, String location) {
        if (target == null) {
            throw new ValidationError(location, location + " is null");
        }
        String id = Names.require(location + ".id", target.id());
        if (target.type() == null) {
            throw new ValidationError(location + ".type", location + ".type is required: one of " + kinds.names());
        }
        TargetKind kind = kinds.find(target.type()).orElseThrow(() -> new ValidationError(location + ".type",
                location + ".type '" + target.type() + "' is not a target type: use one of " + kinds.names()));
        for (TargetKind other : kinds.all()) {
            if (other != kind && other.block(target) != null) {
                throw new ValidationError(location + "." + other.type(), location + " is of type " + kind.type()
                        + " but has a " + other.type() + " block");
            }
        }
        Object block = kind.block(target);
        if (block == null) {
            throw new ValidationError(location + "." + kind.type(), location + "." + kind.type()
                    + " is required for a target of type " + kind.type());
        }
        JsonNode config = kind.validate(block, location + "." + kind.type());
        kind.stored().parse(config); // what is stored must read as the data plane will read it
        String dlq = target.deadLetterQueue();
        Long dlqId = null;
        if (dlq != null) {
            Names.require(location + ".deadLetterQueue", dlq);
            dlqId = queues.idOf(dlq).orElseThrow(() -> new ValidationError(location + ".deadLetterQueue",
                    "dead-letter queue '" + dlq + "' does not exist; create it first"));
        }
        if (!kind.shapesInput() && (target.input() != null || target.inputPath() != null
                || target.inputTransformer() != null)) {
            throw new ValidationError(location, location + " is a " + kind.type() + " target, which forwards the event"
                    + " as it is: it takes no input, inputPath or inputTransformer");
        }
        boolean generated = target.webhook() != null && Boolean.TRUE.equals(target.webhook().generateSigningSecret());
        return new ValidTarget(id, kind.type(), config, inputShaping(target, location),
                retryPolicy(target.retryPolicy(), location + ".retryPolicy"), dlq, dlqId, generated);
    }

    private JsonNode inputShaping(TargetRequest target, String location) {
        return inputShaping(target.input(), target.inputPath(), target.inputTransformer(), location);
    }

    /**
     * The stored form of one way of shaping a target's input, checked as a rule's target is.
     *
     * @param location where the three fields stand in the request, e.g. {@code targets[0]}; empty for the top level
     * @return {@code {"input": ...}}, {@code {"inputPath": ...}} or {@code {"inputTransformer": ...}}; {@code null}
     *         when none is given (the whole event is delivered)
     */
    public JsonNode inputShaping(JsonNode input, String inputPath, InputTransformer inputTransformer, String location) {
        int given = (input != null ? 1 : 0) + (inputPath != null ? 1 : 0) + (inputTransformer != null ? 1 : 0);
        if (given > 1) {
            throw new ValidationError(location.isEmpty() ? null : location, (location.isEmpty() ? "the request"
                    : location) + " may have only one of input, inputPath and inputTransformer");
        }
        ObjectNode shaping = json.createObjectNode();
        if (input != null) {
            String at = field(location, "input");
            if (input.toString().length() > MAX_INPUT_LENGTH) {
                throw new ValidationError(at, at + " is longer than " + MAX_INPUT_LENGTH + " characters");
            }
            return shaping.set("input", input);
        }
        if (inputPath != null) {
            return shaping.put("inputPath", jsonPath(inputPath, field(location, "inputPath")));
        }
        if (inputTransformer != null) {
            return shaping.set("inputTransformer", json.valueToTree(transformer(inputTransformer,
                    field(location, "inputTransformer"))));
        }
        return null;
    }

    private static String field(String location, String name) {
        return location.isEmpty() ? name : location + "." + name;
    }

    private static InputTransformer transformer(InputTransformer t, String location) {
        Map<String, String> paths = t.inputPathsMap() == null ? Map.of() : t.inputPathsMap();
        if (paths.size() > InputTransformer.MAX_PATHS) {
            throw new ValidationError(location + ".inputPathsMap", location + ".inputPathsMap may hold at most "
                    + InputTransformer.MAX_PATHS + " entries, not " + paths.size());
        }
        paths.forEach((key, path) -> {
            String at = location + ".inputPathsMap." + key;
            if (!PATH_KEY.matcher(key).matches()) {
                throw new ValidationError(at, "'" + key + "' is not a valid input path name: use letters, digits, '_' or '-'");
            }
            jsonPath(path, at);
        });
        String template = t.inputTemplate();
        if (template == null) {
            throw new ValidationError(location + ".inputTemplate", location + ".inputTemplate is required");
        }
        if (template.length() > InputTransformer.MAX_TEMPLATE_LENGTH) {
            throw new ValidationError(location + ".inputTemplate", location + ".inputTemplate is longer than "
                    + InputTransformer.MAX_TEMPLATE_LENGTH + " characters");
        }
        return new InputTransformer(paths, template);
    }

    static String jsonPath(String path, String location) {
        if (path == null || !path.startsWith("$")) {
            throw new ValidationError(location, location + " must be a JSONPath starting with $, such as $.detail");
        }
        if (path.length() > InputTransformer.MAX_PATH_LENGTH) {
            throw new ValidationError(location, location + " is longer than " + InputTransformer.MAX_PATH_LENGTH
                    + " characters");
        }
        return path;
    }

    private static RetryPolicy retryPolicy(TargetRequest.RetryPolicy policy, String location) {
        if (policy == null) {
            return RetryPolicy.DEFAULT;
        }
        int attempts = policy.maximumRetryAttempts() == null ? RetryPolicy.MAX_ATTEMPTS : policy.maximumRetryAttempts();
        int age = policy.maximumEventAgeInSeconds() == null ? RetryPolicy.MAX_AGE_SECONDS : policy.maximumEventAgeInSeconds();
        if (attempts < RetryPolicy.MIN_ATTEMPTS || attempts > RetryPolicy.MAX_ATTEMPTS) {
            throw new ValidationError(location + ".maximumRetryAttempts", location + ".maximumRetryAttempts must be from "
                    + RetryPolicy.MIN_ATTEMPTS + " to " + RetryPolicy.MAX_ATTEMPTS + ", not " + attempts);
        }
        if (age < RetryPolicy.MIN_AGE_SECONDS || age > RetryPolicy.MAX_AGE_SECONDS) {
            throw new ValidationError(location + ".maximumEventAgeInSeconds", location
                    + ".maximumEventAgeInSeconds must be from " + RetryPolicy.MIN_AGE_SECONDS + " to "
                    + RetryPolicy.MAX_AGE_SECONDS + ", not " + age);
        }
        return new RetryPolicy(attempts, age);
    }
}
