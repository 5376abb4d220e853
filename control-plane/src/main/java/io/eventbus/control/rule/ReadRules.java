package io.eventbus.control.rule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.target.TargetKinds;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.role.ControlRole;
import io.eventbus.core.target.InputTransformer;
import io.eventbus.core.target.RetryPolicy;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads rules with their targets, as the API shows them. Thread-safe. */
@Singleton
@ControlRole
public class ReadRules {

    private static final String RULES = """
            SELECT r.id, r.name, r.description, r.event_pattern::text, r.state, r.created_at, r.updated_at, r.version
            FROM rule r JOIN bus b ON b.id = r.bus_id
            WHERE b.name = ? AND (CAST(? AS text) IS NULL OR r.name = ?) AND (CAST(? AS text) IS NULL OR r.name > ?)
            ORDER BY r.name LIMIT ?
            """;
    private static final String TARGETS = """
            SELECT t.rule_id, t.target_id, t.type, t.config::text, t.input_shaping::text, t.maximum_retry_attempts,
                   t.maximum_event_age_seconds, q.name
            FROM target t LEFT JOIN queue q ON q.id = t.dead_letter_queue_id
            WHERE t.rule_id = ANY (?) ORDER BY t.rule_id, t.position
            """;

    private final JdbcOperations jdbc;
    private final TargetKinds kinds;
    private final ObjectMapper json;

    ReadRules(JdbcOperations jdbc, TargetKinds kinds, ObjectMapper json) {
        this.jdbc = jdbc;
        this.kinds = kinds;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public Optional<Rule> one(String bus, String name) {
        return query(bus, name, null, 1).stream().findFirst();
    }

    /** Rules of a bus in name order, after {@code after} (exclusive) when given. */
    @Transactional(readOnly = true)
    public List<Rule> page(String bus, String after, int limit) {
        List<Rule> rules = query(bus, null, after, limit);
        if (rules.isEmpty() && !busExists(bus)) {
            throw new NotFound("bus '" + bus + "' does not exist");
        }
        return rules;
    }

    private List<Rule> query(String bus, String name, String after, int limit) {
        Map<Long, Rule> rules = new LinkedHashMap<>();
        jdbc.prepareStatement(RULES, ps -> {
            ps.setString(1, bus);
            ps.setString(2, name);
            ps.setString(3, name);
            ps.setString(4, after);
            ps.setString(5, after);
            ps.setInt(6, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rules.put(rs.getLong(1), new Rule(rs.getString(2), bus, rs.getString(3), parse(rs.getString(4)),
                            RuleState.valueOf(rs.getString(5)), new ArrayList<>(), rs.getTimestamp(6).toInstant(),
                            rs.getTimestamp(7).toInstant(), null, rs.getLong(8)));
                }
            }
            return null;
        });
        if (!rules.isEmpty()) {
            addTargets(rules);
        }
        return List.copyOf(rules.values());
    }

    private void addTargets(Map<Long, Rule> rules) {
        jdbc.prepareStatement(TARGETS, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("bigint", rules.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(3);
                    JsonNode shaping = rs.getString(5) == null ? null : parse(rs.getString(5));
                    Rule.Target shaped = new Rule.Target(null, null, null, null, null, null, null, null,
                            shaping == null ? null : shaping.get("input"),
                            shaping == null || !shaping.has("inputPath") ? null : shaping.get("inputPath").asText(),
                            shaping == null || !shaping.has("inputTransformer") ? null
                                    : json.convertValue(shaping.get("inputTransformer"), InputTransformer.class),
                            new RetryPolicy(rs.getInt(6), rs.getInt(7)), rs.getString(8));
                    JsonNode view = kinds.get(type).view(parse(rs.getString(4)), false);
                    rules.get(rs.getLong(1)).targets().add(target(rs.getString(2), type, view, shaped));
                }
            }
            return null;
        });
    }

    /** A target of {@code type} with its settings view in the block of that name, the rest from {@code shaped}. */
    static Rule.Target target(String id, String type, JsonNode view, Rule.Target shaped) {
        return Rule.Target.of(id, type, view, shaped.input(), shaped.inputPath(), shaped.inputTransformer(),
                shaped.retryPolicy(), shaped.deadLetterQueue());
    }

    private boolean busExists(String bus) {
        return jdbc.prepareStatement("SELECT 1 FROM bus WHERE name = ?", ps -> {
            ps.setString(1, bus);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not JSON", e);
        }
    }
}
