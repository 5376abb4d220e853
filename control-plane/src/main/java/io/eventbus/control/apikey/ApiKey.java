package io.eventbus.control.apikey;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key as the API shows it. {@code secret} is present only in the answer to its creation; it is
 * stored only as a hash and can never be read again.
 *
 * @param buses      the buses it may put events on; {@code ["*"]} for every bus
 * @param queues     the queues whose messages it may send, receive and delete; {@code ["*"]} for every queue
 * @param lastUsedAt when the key last authenticated a request (putting events, or a queue consumer route), to
 *                   the minute; the data plane writes it in batches, so a use shows within about 10 seconds.
 *                   Absent for a key never used
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKey(UUID id, String name, List<String> buses, List<String> queues, String secret,
                     Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    ApiKey withSecret(String value) {
        return new ApiKey(id, name, buses, queues, value, createdAt, lastUsedAt, revokedAt);
    }
}
