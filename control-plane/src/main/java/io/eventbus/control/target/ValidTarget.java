package io.eventbus.control.target;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.target.RetryPolicy;

/**
 * A target that passed validation, ready to store: its kind's config, its input shaping (null: the whole
 * event), retry policy and dead-letter queue. {@code revealSecrets} is true when this request generated its
 * secret, which the answer then shows once.
 */
public record ValidTarget(String id, String type, JsonNode config, JsonNode inputShaping, RetryPolicy retryPolicy,
                          String deadLetterQueue, Long deadLetterQueueId, boolean revealSecrets) {

    public ValidTarget withConfig(JsonNode newConfig) {
        return new ValidTarget(id, type, newConfig, inputShaping, retryPolicy, deadLetterQueue, deadLetterQueueId,
                revealSecrets);
    }
}
