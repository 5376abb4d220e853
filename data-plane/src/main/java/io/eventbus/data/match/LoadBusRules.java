package io.eventbus.data.match;

import io.eventbus.core.pattern.RuleSet;
import io.eventbus.core.role.DataRole;
import io.eventbus.core.schema.SchemaValidation;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads a bus' ENABLED rules with their target ids, and its archives, and compiles them. Thread-safe. */
@Singleton
@DataRole
class LoadBusRules {

    private final JdbcOperations jdbc;

    LoadBusRules(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the bus does not exist. */
    @Transactional(readOnly = true)
    Optional<BusRules> load(String bus) {
        return fingerprint(bus).map(f -> new BusRules(busId(f), bus, f, rules(busId(f)), schemaPolicy(busId(f)),
                archives(busId(f))));
    }

    /**
     * Changes whenever the bus' settings, rules, targets or archives change (every rule or archive write bumps its
     * version and updated_at; a deletion changes the count; a bus or archive created again has a new id). Empty when
     * the bus does not exist.
     */
    @Transactional(readOnly = true)
    Optional<String> fingerprint(String bus) {
        return jdbc.prepareStatement("""
                SELECT b.id || ':' || count(r.id) || ':' || coalesce(sum(r.version), 0) || ':'
                       || coalesce(max(r.updated_at)::text, '-') || ':' || b.version || ':'
                       || (SELECT count(*) || '/' || coalesce(sum(a.version), 0) || '/' || coalesce(max(a.id), 0) || '/'
                                  || coalesce(max(a.updated_at)::text, '-') FROM archive a WHERE a.bus_id = b.id)
                FROM bus b LEFT JOIN rule r ON r.bus_id = b.id WHERE b.name = ? GROUP BY b.id
                """, ps -> {
            ps.setString(1, bus);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        });
    }

    private static long busId(String fingerprint) {
        return Long.parseLong(fingerprint.substring(0, fingerprint.indexOf(':')));
    }

    private BusRules.SchemaPolicy schemaPolicy(long busId) {
        return jdbc.prepareStatement("SELECT schema_validation, require_schema, schema_discovery FROM bus WHERE id = ?",
                ps -> {
                    ps.setLong(1, busId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? new BusRules.SchemaPolicy(SchemaValidation.valueOf(rs.getString(1)),
                                rs.getBoolean(2), rs.getBoolean(3)) : BusRules.SchemaPolicy.OFF;
                    }
                });
    }

    private BusRules.Archives archives(long busId) {
        return jdbc.prepareStatement("SELECT id, event_pattern::text FROM archive WHERE bus_id = ? ORDER BY id", ps -> {
            ps.setLong(1, busId);
            List<Long> everything = new ArrayList<>();
            RuleSet.Builder<Long> patterned = RuleSet.builder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(2) == null) {
                        everything.add(rs.getLong(1));
                    } else {
                        patterned.add(rs.getLong(1), rs.getString(2));
                    }
                }
            }
            return new BusRules.Archives(List.copyOf(everything), patterned.build());
        });
    }

    private RuleSet<BusRules.MatchedRule> rules(long busId) {
        return jdbc.prepareStatement("""
                SELECT r.id, r.name, r.event_pattern::text,
                       coalesce(array_agg(t.target_id ORDER BY t.position) FILTER (WHERE t.id IS NOT NULL), '{}')
                FROM rule r LEFT JOIN target t ON t.rule_id = r.id
                WHERE r.bus_id = ? AND r.state = 'ENABLED'
                GROUP BY r.id
                """, ps -> {
            ps.setLong(1, busId);
            ps.setFetchSize(1000);
            RuleSet.Builder<BusRules.MatchedRule> builder = RuleSet.builder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    builder.add(new BusRules.MatchedRule(rs.getLong(1), rs.getString(2),
                            Arrays.asList((String[]) rs.getArray(4).getArray())), rs.getString(3));
                }
            }
            return builder.build();
        });
    }
}
