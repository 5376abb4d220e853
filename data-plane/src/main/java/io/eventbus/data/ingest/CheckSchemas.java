package io.eventbus.data.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.role.DataRole;
import io.eventbus.core.schema.SchemaNames;
import io.eventbus.core.schema.SchemaValidation;
import io.eventbus.core.schema.SchemaViolation;
import io.eventbus.data.match.BusRules.SchemaPolicy;
import io.eventbus.data.schema.LatestSchemas;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks each entry's detail against the latest version of its schema ({@code <source>@<DetailTypeWithoutSpaces>}),
 * as the bus' {@code schemaValidation} says: OFF checks nothing; WARN accepts an invalid entry, counts it in
 * {@code eventbus.ingest.schema.violations} and keeps the problem with the event (the explorer shows it); ENFORCE refuses it with {@code SchemaValidationFailed}, naming each
 * violation's place in the detail and its reason. An event with no schema passes, unless the bus sets
 * {@code requireSchema}. Thread-safe.
 */
@Singleton
@DataRole
public class CheckSchemas {

    /** The error code of an entry refused by its schema. */
    public static final String FAILED = "SchemaValidationFailed";

    private final LatestSchemas schemas;
    private final ObjectMapper json;
    private final MeterRegistry meters;

    CheckSchemas(LatestSchemas schemas, ObjectMapper json, @Nullable MeterRegistry meters) {
        this.schemas = schemas;
        this.json = json;
        this.meters = meters;
    }

    /**
     * The entries as the bus takes them, and for each the problem its schema found that the bus only warns of.
     *
     * @param entries the entries as the bus takes them: the given list when nothing is refused
     * @param warnings one per entry: why its schema refused it on a bus that warns, else null; empty: no warnings
     */
    public record Checked(List<ParsedEntry> entries, List<String> warnings) {

        /** The warning of entry {@code i}; null when there is none. */
        public String warning(int i) {
            return warnings.isEmpty() ? null : warnings.get(i);
        }
    }

    /** Whether {@link #check} would read nothing: no validation, or every entry's schema (or its absence) known. */
    public boolean checksFromMemory(SchemaPolicy policy, List<ParsedEntry> entries) {
        if (policy.validation() == SchemaValidation.OFF) {
            return true;
        }
        for (ParsedEntry parsed : entries) {
            if (parsed.isOk() && !schemas.isKnown(SchemaNames.of(parsed.entry().source(),
                    parsed.entry().detailType()))) {
                return false;
            }
        }
        return true;
    }

    /** The entries checked against their schemas as the bus' policy says. */
    public Checked check(String bus, SchemaPolicy policy, List<ParsedEntry> entries) {
        if (policy.validation() == SchemaValidation.OFF) {
            return new Checked(entries, List.of());
        }
        List<ParsedEntry> checked = null;
        List<String> warnings = List.of();
        for (int i = 0; i < entries.size(); i++) {
            ParsedEntry parsed = entries.get(i);
            if (!parsed.isOk()) {
                continue;
            }
            Optional<String> problem = problem(policy, parsed.entry());
            if (problem.isEmpty()) {
                continue;
            }
            if (meters != null) {
                meters.counter("eventbus.ingest.schema.violations", "bus", bus, "mode", policy.validation().name())
                        .increment();
            }
            if (policy.validation() == SchemaValidation.ENFORCE) {
                if (checked == null) {
                    checked = new ArrayList<>(entries);
                }
                checked.set(i, new ParsedEntry(null, new EntryError(FAILED, problem.get(), "detail")));
            } else {
                if (warnings.isEmpty()) {
                    warnings = new ArrayList<>(java.util.Collections.nCopies(entries.size(), (String) null));
                }
                warnings.set(i, problem.get());
            }
        }
        return new Checked(checked == null ? entries : checked, warnings);
    }

    /** What is wrong with the entry's detail for its schema; empty when nothing is. */
    private Optional<String> problem(SchemaPolicy policy, Entry entry) {
        String name = SchemaNames.of(entry.source(), entry.detailType());
        Optional<LatestSchemas.Latest> latest = schemas.latest(name);
        if (latest.isEmpty()) {
            return policy.requireSchema()
                    ? Optional.of("no schema '" + name + "' exists, and this bus requires one for every event")
                    : Optional.empty();
        }
        List<SchemaViolation> violations;
        try {
            violations = latest.get().schema().validate(json.readTree(entry.detail()));
        } catch (IOException e) {
            return Optional.of("detail is not JSON: " + e.getMessage()); // read as JSON before; kept for safety
        }
        if (violations.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("detail does not match schema '" + name + "' version " + latest.get().version() + ": "
                + violations.stream().map(v -> (v.pointer().isEmpty() ? "/" : v.pointer()) + ": " + v.message())
                .collect(Collectors.joining("; ")));
    }
}
