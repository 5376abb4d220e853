package io.eventbus.control.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.target.TargetKinds;
import io.eventbus.core.connection.AuthorizationType;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.role.ControlRole;
import io.eventbus.core.target.QueueConfig;
import io.eventbus.core.target.WebhookConfig;
import io.eventbus.core.target.WebhookRequest;
import io.eventbus.core.transform.Context;
import io.eventbus.core.transform.ShapeInput;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The request of a delivery ({@link DeliveryRequest}), made from the stored event and the target's settings by the
 * code the data plane sends with. The signature and a connection's header are masked: their values come from secrets
 * and are computed when sending. Thread-safe.
 */
@Singleton
@ControlRole
class ShowRequest {

    private static final String MASK = "••••••••";

    private final JdbcOperations jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final TargetKinds kinds;

    ShowRequest(JdbcOperations jdbc, ObjectMapper json, TargetKinds kinds, Clock clock) {
        this.kinds = kinds;
        this.clock = clock;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What one stored delivery reads; target fields null when its rule or target was deleted. */
    private record Stored(UUID id, String bus, String rule, String target, Instant ingestedAt, String envelope,
                          String type, JsonNode config, JsonNode shaping, String connection,
                          AuthorizationType authorization, JsonNode parameters, Instant lastAttemptAt,
                          Instant savedAt) {
    }

    @Transactional(readOnly = true)
    DeliveryRequest show(UUID id) {
        Stored d = read(id);
        if (d.envelope() == null) {
            throw new NotFound("the event of delivery " + id + " is no longer stored (past its bus' retention)");
        }
        if (d.type() == null) {
            throw new NotFound("rule " + d.rule() + " of bus " + d.bus() + " has no target " + d.target()
                    + " any more, so delivery " + id + " sends nothing");
        }
        boolean changed = d.lastAttemptAt() != null && d.savedAt().isAfter(d.lastAttemptAt());
        JsonNode event = parse(d.envelope());
        String body;
        try {
            body = ShapeInput.shape(d.shaping(), d.envelope(), new Context(d.rule(), Context.ruleArn(
                    event.path("region").asText(), event.path("account").asText(), d.bus(), d.rule()), d.ingestedAt()));
        } catch (IllegalArgumentException e) {
            return new DeliveryRequest(id, d.bus(), d.rule(), d.target(), d.type(), null, null, null, null, null, null,
                    null, null, d.lastAttemptAt(), changed, "INPUT_TRANSFORMATION_FAILED: " + e.getMessage(), null);
        }
        if (QueueConfig.TYPE.name().equals(d.type())) {
            return new DeliveryRequest(id, d.bus(), d.rule(), d.target(), d.type(), null, null,
                    QueueConfig.TYPE.parse(d.config()).name(), null, "application/json", body, null, null, d.lastAttemptAt(),
                    changed, null, null);
        }
        if (!WebhookConfig.TYPE.name().equals(d.type())) {
            return new DeliveryRequest(id, d.bus(), d.rule(), d.target(), d.type(), null, null, null, null,
                    "application/json", body, null, null, d.lastAttemptAt(), changed, null,
                    kinds.get(d.type()).destination(d.config()));
        }
        long timestamp = (d.lastAttemptAt() == null ? clock.instant() : d.lastAttemptAt()).getEpochSecond();
        WebhookConfig config = WebhookConfig.TYPE.parse(d.config());
        WebhookRequest request = WebhookRequest.of(id.toString(), timestamp, config, d.envelope(), body,
                ShapeInput.shapes(d.shaping()));
        String text = utf8(request.body());
        return new DeliveryRequest(id, d.bus(), d.rule(), d.target(), d.type(), request.method(), request.url(), null,
                headers(request, d, config.storedSigningSecrets().size()), request.contentType(), text,
                text == null ? Base64.getEncoder().encodeToString(request.body()) : null, timestamp,
                d.lastAttemptAt(), changed, null, null);
    }

    private static List<DeliveryRequest.Header> headers(WebhookRequest request, Stored d, int secrets) {
        List<DeliveryRequest.Header> headers = new ArrayList<>();
        String credential = d.connection() == null ? null : d.authorization().header(d.parameters());
        request.headers().forEach((name, value) -> {
            if (credential == null || !credential.equalsIgnoreCase(name)) {
                headers.add(new DeliveryRequest.Header(name, value, false, null));
            }
        });
        if (credential != null) {
            headers.add(new DeliveryRequest.Header(credential, d.authorization().scheme() + MASK, true,
                    "from connection " + d.connection() + " (" + d.authorization() + "), which wins over a"
                            + " configured header of the same name"));
        }
        if (secrets > 0) {
            headers.add(new DeliveryRequest.Header(WebhookRequest.SIGNATURE_HEADER,
                    String.join(" ", Collections.nCopies(secrets, "v1," + MASK)), true,
                    "HMAC-SHA256 of webhook-id.webhook-timestamp.body with the current signing secret"
                            + (secrets > 1 ? " and " + (secrets - 1) + " previous" : "")
                            + " (Standard Webhooks), computed when sending"));
        }
        return headers;
    }

    private Stored read(UUID id) {
        return jdbc.prepareStatement("""
                SELECT d.rule_name, d.target_id, d.event_ingested_at, b.name, e.envelope, t.type, t.config::text,
                       t.input_shaping::text, c.name, c.authorization_type, c.parameters::text,
                       (SELECT max(a.at) FROM delivery_attempt a WHERE a.delivery_id = d.id), r.updated_at
                FROM delivery d
                JOIN bus b ON b.id = d.bus_id
                LEFT JOIN event e ON e.id = d.event_id AND e.ingested_at = d.event_ingested_at
                LEFT JOIN rule r ON r.bus_id = d.bus_id AND r.name = d.rule_name
                LEFT JOIN target t ON t.rule_id = r.id AND t.target_id = d.target_id
                LEFT JOIN connection c ON c.id = t.connection_id
                WHERE d.id = ?
                """, ps -> {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("delivery " + id + " does not exist (or its event is past its bus' retention)");
                }
                String authorization = rs.getString(10);
                return new Stored(id, rs.getString(4), rs.getString(1), rs.getString(2), instant(rs, 3),
                        rs.getString(5), rs.getString(6), parse(rs.getString(7)), parse(rs.getString(8)),
                        rs.getString(9), authorization == null ? null : AuthorizationType.valueOf(authorization),
                        parse(rs.getString(11)), instant(rs, 12), instant(rs, 13));
            }
        });
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not parse", e);
        }
    }

    /** The body as text when it is UTF-8; null when it is not (a CloudEvent's binary data). */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
