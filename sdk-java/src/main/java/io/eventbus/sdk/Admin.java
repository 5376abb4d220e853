package io.eventbus.sdk;

import java.time.Instant;

/**
 * The admin API of Eventbus, with the admin token: {@link #buses()}, {@link #rules(String) rules} with typed
 * patterns and targets, {@link #apiKeys()}, {@link #queues()}, {@link #connections()}, {@link #schemas()},
 * {@link #archives()} and {@link #replays()}, and the sandboxes
 * {@link #testEventPattern} and {@link #testInputTransformation}. Get one from {@link Eventbus#admin()}; an
 * {@link Eventbus} built with an API key gets 401 {@code Unauthorized} here. Problems are
 * {@link EventbusException}s with the server's code and the location of the field at fault. Thread-safe.
 *
 * <pre>{@code
 * Admin admin = Eventbus.builder().endpoint(endpoint).adminToken(adminToken).build().admin();
 * admin.queues().create("big-orders");
 * admin.rules("orders").put("big-orders", RuleRequest.builder()
 *         .eventPattern("{\"detail\": {\"total\": [{\"numeric\": [\">=\", 100]}]}}")
 *         .target(Target.queue("to-queue", "big-orders"))
 *         .build());
 * }</pre>
 */
public final class Admin {

    private record PatternResult(boolean result) {
    }

    private record TransformationResult(String output) {
    }

    private final AdminHttp http;

    Admin(Transport transport) {
        this.http = new AdminHttp(transport);
    }

    /** Event buses. */
    public Buses buses() {
        return new Buses(http);
    }

    /** The rules of bus {@code bus}. */
    public Rules rules(String bus) {
        return new Rules(http, bus);
    }

    /** API keys. */
    public ApiKeys apiKeys() {
        return new ApiKeys(http);
    }

    /** Built-in queues and their messages. */
    public Queues queues() {
        return new Queues(http);
    }

    /** The schema registry: JSON Schemas of events' detail, their versions and compatibility. */
    public Schemas schemas() {
        return new Schemas(http);
    }

    /** Archives: the events of a bus kept for replays. */
    public Archives archives() {
        return new Archives(http);
    }

    /** Replays: archived events of a time window sent through their bus's rules again. */
    public Replays replays() {
        return new Replays(http);
    }

    /** Connections that authenticate webhook deliveries. */
    public Connections connections() {
        return new Connections(http);
    }

    /**
     * Whether {@code pattern} matches {@code eventJson} (an EventBridge envelope: id, source, detail-type, account,
     * time, region, resources, detail), exactly as a rule would. An invalid pattern is a 400
     * {@code InvalidEventPattern} with its location.
     */
    public boolean testEventPattern(EventPattern pattern, String eventJson) {
        return http.post("/v1/test-event-pattern", AdminHttp.body("eventPattern", pattern.json(), "event", eventJson),
                PatternResult.class).result();
    }

    /**
     * The body a target with {@code shaping} would receive for {@code eventJson} (an EventBridge envelope), exactly as
     * it would be sent; null shaping: the event unchanged. A shaping that fails on this event is a 400
     * {@code InputTransformationFailed}.
     */
    public String testInputTransformation(String eventJson, InputShaping shaping) {
        return testInputTransformation(eventJson, shaping, null, null, null);
    }

    /**
     * {@link #testInputTransformation(String, InputShaping)} with what fills {@code <aws.events.rule-name>},
     * {@code <aws.events.rule-arn>} ({@code bus}, {@code ruleName}) and {@code <aws.events.event.ingestion-time>};
     * nulls take the defaults ({@code default}, {@code test-rule}, now).
     */
    public String testInputTransformation(String eventJson, InputShaping shaping, String bus, String ruleName,
                                          Instant ingestionTime) {
        java.util.Map<String, Object> body = AdminHttp.body("event", eventJson, "bus", bus, "ruleName", ruleName,
                "ingestionTime", ingestionTime);
        if (shaping != null) {
            body.putAll(shaping.members());
        }
        return http.post("/v1/test-input-transformation", body, TransformationResult.class).output();
    }
}
