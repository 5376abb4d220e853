package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key as the admin API shows it. Immutable.
 *
 * @param buses      the buses it may put events on; {@code ["*"]} for every bus
 * @param queues     the queues whose messages it may send, receive and delete; {@code ["*"]} for every queue
 * @param secret     the key itself ({@code eb_key_...}): only in the answer to {@link ApiKeys#create}, never again
 * @param lastUsedAt when it last authenticated a request, to the minute (shows within about 10 s); null when
 *                   never used
 * @param revokedAt  when it was revoked; null while it is valid
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiKey(UUID id, String name, List<String> buses, List<String> queues, String secret,
                     Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public ApiKey {
        buses = buses == null ? List.of() : List.copyOf(buses);
        queues = queues == null ? List.of() : List.copyOf(queues);
    }

    /** The key without its secret, so that printing it shows no secret. */
    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", name=" + name + ", buses=" + buses + ", queues=" + queues
                + (secret == null ? "" : ", secret=(hidden)") + ", createdAt=" + createdAt + ", lastUsedAt="
                + lastUsedAt + ", revokedAt=" + revokedAt + "]";
    }
}
