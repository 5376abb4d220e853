package io.eventbus.sdk;

import java.util.List;
import java.util.UUID;

/**
 * API keys ({@code /v1/api-keys}) that producers put events with and consumers use queues with: create (the answer
 * holds the secret, once), get, list, revoke. Obtained from {@link Admin#apiKeys()}; thread-safe.
 */
public final class ApiKeys {

    /** In {@code buses} or {@code queues}: every bus, every queue. */
    public static final String ALL = "*";

    private record ApiKeyList(List<ApiKey> apiKeys) {
    }

    private final AdminHttp http;

    ApiKeys(AdminHttp http) {
        this.http = http;
    }

    /**
     * Creates a key that may put events on {@code buses} and use {@code queues} (each may be empty, not both;
     * {@code List.of(ApiKeys.ALL)} for all). Keep {@link ApiKey#secret()}: it is never shown again.
     */
    public ApiKey create(String name, List<String> buses, List<String> queues) {
        return http.post("/v1/api-keys", AdminHttp.body("name", name, "buses", buses, "queues", queues),
                ApiKey.class);
    }

    /** Key {@code id}, without its secret; 404 {@code NotFound} when there is none. */
    public ApiKey get(UUID id) {
        return http.get("/v1/api-keys/" + id, ApiKey.class);
    }

    /** Every key, revoked ones too, without secrets. */
    public List<ApiKey> list() {
        return List.copyOf(http.get("/v1/api-keys", ApiKeyList.class).apiKeys());
    }

    /** Revokes key {@code id}: it is refused from now on, and stays listed with {@link ApiKey#revokedAt()}. */
    public void revoke(UUID id) {
        http.delete("/v1/api-keys/" + id, null);
    }
}
