package io.eventbus.control.rule;

import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.setting.EnvironmentVariable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;

import io.eventbus.control.auth.Caller;
import io.eventbus.control.concurrency.Versions;
import io.eventbus.control.target.CheckEgress;
import io.eventbus.control.target.TargetRequest;
import io.eventbus.control.target.ValidTarget;
import io.eventbus.control.target.ValidateTarget;
import io.eventbus.core.json.JsonText;
import io.eventbus.core.name.Names;
import io.eventbus.core.pattern.EventPattern;
import io.eventbus.core.problem.LimitExceeded;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /v1/buses/{bus}/rules}: rules with EventBridge event patterns and their targets. */
@Controller("/v1/buses/{bus}/rules")
@ControlRole
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "rules")
@ApiResponse(responseCode = "400", description = ProblemResponse.BAD_REQUEST, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class RuleController {

    static final int MAX_PAGE = 1000;

    private final RuleStore store;
    private final ReadRules read;
    private final ValidateTarget validateTarget;
    private final RuleLimits limits;
    private final CheckEgress egress;

    RuleController(RuleStore store, ReadRules read, ValidateTarget validateTarget, RuleLimits limits,
                   CheckEgress egress) {
        this.store = store;
        this.read = read;
        this.validateTarget = validateTarget;
        this.limits = limits;
        this.egress = egress;
    }

    /** A page of rules; pass {@code nextToken} as {@code ?after=} for the next page. */
    record RuleList(List<Rule> rules, @Nullable String nextToken) {
    }

    @Operation(operationId = "putRule")
    @ApiResponse(responseCode = "200", description = "Replaced; ETag header; warnings of what deliveries will run into", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Rule.class)))
    @ApiResponse(responseCode = "201", description = "Created; ETag and Location headers; warnings of what deliveries will run into", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Rule.class)))
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = ProblemResponse.CONFLICT, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "412", description = ProblemResponse.PRECONDITION_FAILED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Put("/{rule}")
    HttpResponse<Rule> put(HttpRequest<?> request, String bus, String rule, @Body PutRuleRequest body,
                           @Nullable @Header("If-Match") String ifMatch) {
        Names.require("path: bus", bus);
        Names.require("path: rule", rule);
        RuleStore.PutResult result = store.put(Caller.of(request), bus, rule, validate(body), Versions.required(ifMatch));
        Rule saved = withWarnings(result.rule());
        return HttpResponse.<Rule>status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).body(saved)
                .header("ETag", Versions.etag(saved.version()))
                .header("Location", "/v1/buses/" + bus + "/rules/" + rule);
    }

    @Operation(operationId = "listRules")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get
    RuleList list(String bus, @Nullable @QueryValue String after, @QueryValue(defaultValue = "100") int limit) {
        Names.require("path: bus", bus);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ValidationError("query: limit", "limit must be from 1 to " + MAX_PAGE);
        }
        List<Rule> rules = read.page(bus, after, limit);
        String next = rules.size() == limit ? rules.get(rules.size() - 1).name() : null;
        return new RuleList(rules, next);
    }

    @Operation(operationId = "getRule")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get("/{rule}")
    HttpResponse<Rule> read(String bus, String rule) {
        Names.require("path: bus", bus);
        Names.require("path: rule", rule);
        Rule found = withWarnings(read.one(bus, rule).orElseThrow(() -> new NotFound("rule '" + rule
                + "' does not exist on bus '" + bus + "'")));
        return HttpResponse.ok(found).header("ETag", Versions.etag(found.version()));
    }

    @Operation(operationId = "deleteRule")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "412", description = ProblemResponse.PRECONDITION_FAILED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Delete("/{rule}")
    HttpResponse<Void> delete(HttpRequest<?> request, String bus, String rule,
                              @Nullable @Header("If-Match") String ifMatch) {
        Names.require("path: bus", bus);
        Names.require("path: rule", rule);
        store.delete(Caller.of(request), bus, rule, Versions.required(ifMatch));
        return HttpResponse.noContent();
    }

    /** The rule with what deliveries will run into: webhook targets at addresses they refuse. */
    private Rule withWarnings(Rule rule) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (int i = 0; i < rule.targets().size(); i++) {
            Rule.Target target = rule.targets().get(i);
            if (target.webhook() != null && target.webhook().hasNonNull("url")) {
                urls.put("targets[" + i + "].webhook.url", target.webhook().get("url").asText());
            }
        }
        return rule.withWarnings(egress.check(urls));
    }

    private RuleStore.ValidRule validate(PutRuleRequest body) {
        String pattern = JsonText.of("eventPattern", body.eventPattern());
        EventPattern.parse(pattern, limits.patternLimits());
        List<TargetRequest> requested = body.targets() == null ? List.of() : body.targets();
        if (requested.size() > limits.maxTargetsPerRule()) {
            throw new LimitExceeded("targets", "a rule may have at most " + limits.maxTargetsPerRule()
                    + " targets (" + EnvironmentVariable.of(RuleLimits.PREFIX + ".max-targets-per-rule") + "), not "
                    + requested.size());
        }
        List<ValidTarget> targets = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            ValidTarget target = validateTarget.validate(requested.get(i), "targets[" + i + "]");
            if (!ids.add(target.id())) {
                throw new ValidationError("targets[" + i + "].id", "target id '" + target.id() + "' is used twice");
            }
            targets.add(target);
        }
        return new RuleStore.ValidRule(body.description(), pattern,
                body.state() == null ? RuleState.ENABLED : body.state(), targets);
    }
}
