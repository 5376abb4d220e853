package io.eventbus.control.rule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.audit.AuditLog;
import io.eventbus.control.auth.Caller;
import io.eventbus.control.concurrency.Versions;
import io.eventbus.control.target.TargetKinds;
import io.eventbus.control.target.ValidTarget;
import io.eventbus.core.change.ConfigChannel;
import io.eventbus.core.problem.LimitExceeded;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.problem.PreconditionFailed;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.eventbus.core.setting.EnvironmentVariable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rules and their targets in PostgreSQL. A write locks the bus row first, so writers of one bus are serialised
 * (the rules-per-bus limit holds under concurrency) while other buses proceed; it writes the rule, replaces its
 * targets, records the audit entry and announces the bus on {@link ConfigChannel}, all in one transaction.
 * Thread-safe.
 */
@Singleton
@ControlRole
public class RuleStore {

    private final JdbcOperations jdbc;
    private final AuditLog audit;
    private final TargetKinds kinds;
    private final RuleLimits limits;
    private final ObjectMapper json;
    private final ReadRules read;

    RuleStore(JdbcOperations jdbc, AuditLog audit, TargetKinds kinds, RuleLimits limits, ObjectMapper json,
              ReadRules read) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.kinds = kinds;
        this.limits = limits;
        this.json = json;
        this.read = read;
    }

    /** What a PUT did: the rule as stored, and whether it was created. */
    public record PutResult(Rule rule, boolean created) {
    }

    /** A validated rule, ready to store. */
    public record ValidRule(String description, String eventPattern, RuleState state, List<ValidTarget> targets) {
    }

    @Transactional
    public PutResult put(Caller caller, String bus, String name, ValidRule rule, OptionalLong ifMatch) {
        long busId = lockBus(bus);
        Optional<long[]> existing = existing(busId, name);
        if (existing.isEmpty() && ifMatch.isPresent()) {
            throw new PreconditionFailed("rule '" + name + "' does not exist, so If-Match cannot match");
        }
        existing.ifPresent(e -> Versions.check(ifMatch, e[1], "rule '" + name + "'"));
        long ruleId;
        List<ValidTarget> targets = rule.targets();
        if (existing.isPresent()) {
            ruleId = existing.get()[0];
            targets = withCarriedSecrets(ruleId, targets);
            update(ruleId, rule);
            jdbc.prepareStatement("DELETE FROM target WHERE rule_id = ?", ps -> {
                ps.setLong(1, ruleId);
                return ps.executeUpdate();
            });
        } else {
            checkRoomFor(busId, bus);
            ruleId = insert(busId, name, rule);
        }
        insertTargets(ruleId, targets);
        audit.record(caller, "rule.put", "buses/" + bus + "/rules/" + name, Map.of("state", rule.state().name(),
                "targets", targets.stream().map(t -> t.id() + ":" + t.type()).toList()));
        announce(bus);
        Rule stored = read.one(bus, name).orElseThrow();
        return new PutResult(revealGenerated(stored, rule.targets()), existing.isEmpty());
    }

    @Transactional
    public void delete(Caller caller, String bus, String name, OptionalLong ifMatch) {
        long busId = lockBus(bus);
        long[] existing = existing(busId, name)
                .orElseThrow(() -> new NotFound("rule '" + name + "' does not exist on bus '" + bus + "'"));
        Versions.check(ifMatch, existing[1], "rule '" + name + "'");
        jdbc.prepareStatement("DELETE FROM rule WHERE id = ?", ps -> {
            ps.setLong(1, existing[0]);
            return ps.executeUpdate();
        });
        audit.record(caller, "rule.delete", "buses/" + bus + "/rules/" + name, null);
        announce(bus);
    }

    private long lockBus(String bus) {
        return jdbc.prepareStatement("SELECT id FROM bus WHERE name = ? FOR UPDATE", ps -> {
            ps.setString(1, bus);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("bus '" + bus + "' does not exist");
                }
                return rs.getLong(1);
            }
        });
    }

    /** {id, version} of the rule, locked. */
    private Optional<long[]> existing(long busId, String name) {
        return jdbc.prepareStatement("SELECT id, version FROM rule WHERE bus_id = ? AND name = ? FOR UPDATE", ps -> {
            ps.setLong(1, busId);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new long[]{rs.getLong(1), rs.getLong(2)}) : Optional.empty();
            }
        });
    }

    private void checkRoomFor(long busId, String bus) {
        long count = jdbc.prepareStatement("SELECT count(*) FROM rule WHERE bus_id = ?", ps -> {
            ps.setLong(1, busId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        if (count >= limits.maxRulesPerBus()) {
            throw new LimitExceeded("path: rule", "bus '" + bus + "' already has " + count + " rules, the limit"
                    + " (" + EnvironmentVariable.of(RuleLimits.PREFIX + ".max-rules-per-bus") + "="
                    + limits.maxRulesPerBus() + ")");
        }
    }

    private long insert(long busId, String name, ValidRule rule) {
        return jdbc.prepareStatement("""
                INSERT INTO rule (bus_id, name, description, event_pattern, state)
                VALUES (?, ?, ?, CAST(? AS jsonb), ?) RETURNING id
                """, ps -> {
            ps.setLong(1, busId);
            ps.setString(2, name);
            ps.setString(3, rule.description());
            ps.setString(4, rule.eventPattern());
            ps.setString(5, rule.state().name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private void update(long ruleId, ValidRule rule) {
        jdbc.prepareStatement("""
                UPDATE rule SET description = ?, event_pattern = CAST(? AS jsonb), state = ?,
                                version = version + 1, updated_at = now()
                WHERE id = ?
                """, ps -> {
            ps.setString(1, rule.description());
            ps.setString(2, rule.eventPattern());
            ps.setString(3, rule.state().name());
            ps.setLong(4, ruleId);
            return ps.executeUpdate();
        });
    }

    private void insertTargets(long ruleId, List<ValidTarget> targets) {
        if (targets.isEmpty()) {
            return;
        }
        List<Long> connectionIds = connectionIds(targets);
        jdbc.prepareStatement("""
                INSERT INTO target (rule_id, target_id, position, type, config, input_shaping,
                                    maximum_retry_attempts, maximum_event_age_seconds, dead_letter_queue_id,
                                    connection_id)
                VALUES (?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?, ?)
                """, ps -> {
            for (int i = 0; i < targets.size(); i++) {
                ValidTarget t = targets.get(i);
                ps.setObject(10, connectionIds.get(i), Types.BIGINT);
                ps.setLong(1, ruleId);
                ps.setString(2, t.id());
                ps.setInt(3, i);
                ps.setString(4, t.type());
                ps.setString(5, text(t.config()));
                ps.setString(6, t.inputShaping() == null ? null : text(t.inputShaping()));
                ps.setInt(7, t.retryPolicy().maximumRetryAttempts());
                ps.setInt(8, t.retryPolicy().maximumEventAgeInSeconds());
                ps.setObject(9, t.deadLetterQueueId(), Types.BIGINT);
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    /**
     * The id of the connection each target uses (null for none), locked against deletion until commit; a
     * connection deleted since validation is a validation error, as if it had never existed.
     */
    private List<Long> connectionIds(List<ValidTarget> targets) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            ValidTarget t = targets.get(i);
            String location = "targets[" + i + "]." + t.type() + ".connection";
            ids.add(kinds.get(t.type()).connection(t.config()).map(name -> jdbc.prepareStatement(
                    "SELECT id FROM connection WHERE name = ? FOR KEY SHARE", ps -> {
                        ps.setString(1, name);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                throw new ValidationError(location, "connection '" + name + "' does not exist; create it first");
                            }
                            return rs.getLong(1);
                        }
                    })).orElse(null));
        }
        return ids;
    }

    /** Targets written without a secret keep the one the same target had. */
    private List<ValidTarget> withCarriedSecrets(long ruleId, List<ValidTarget> targets) {
        Map<String, JsonNode> previous = jdbc.prepareStatement(
                "SELECT target_id, type, config::text FROM target WHERE rule_id = ?", ps -> {
                    ps.setLong(1, ruleId);
                    Map<String, JsonNode> out = new HashMap<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1) + "/" + rs.getString(2), parse(rs.getString(3)));
                        }
                    }
                    return out;
                });
        return targets.stream().map(t -> t.withConfig(kinds.get(t.type())
                .carryOverSecrets(t.config(), previous.get(t.id() + "/" + t.type())))).toList();
    }

    /** Shows the secrets this very request generated, once. */
    private Rule revealGenerated(Rule stored, List<ValidTarget> requested) {
        Set<String> reveal = requested.stream().filter(ValidTarget::revealSecrets).map(ValidTarget::id)
                .collect(Collectors.toSet());
        if (reveal.isEmpty()) {
            return stored;
        }
        Map<String, JsonNode> configs = requested.stream().collect(Collectors.toMap(ValidTarget::id, ValidTarget::config));
        List<Rule.Target> targets = stored.targets().stream().map(t -> reveal.contains(t.id())
                ? ReadRules.target(t.id(), t.type(), kinds.get(t.type()).view(configs.get(t.id()), true), t)
                : t).toList();
        return new Rule(stored.name(), stored.bus(), stored.description(), stored.eventPattern(), stored.state(),
                targets, stored.createdAt(), stored.updatedAt(), stored.warnings(), stored.version());
    }

    private void announce(String bus) {
        jdbc.execute(connection -> {
            ConfigChannel.announce(connection, bus);
            return null;
        });
    }

    private String text(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not JSON", e);
        }
    }

}
