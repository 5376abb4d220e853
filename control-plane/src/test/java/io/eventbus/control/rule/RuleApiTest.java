package io.eventbus.control.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.control.support.AdminApi.Reply;
import io.eventbus.control.support.ControlPlaneTest;
import io.eventbus.core.secret.Secrets;
import io.eventbus.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class RuleApiTest extends ControlPlaneTest {

    @Inject
    Secrets secrets;

    static final String RULE = """
            {"description": "orders over 100 to billing",
             "eventPattern": {"source": ["shop.orders"], "detail": {"total": [{"numeric": [">", 100]}]}},
             "targets": [
               {"id": "billing-hook", "type": "webhook",
                "webhook": {"url": "https://billing.example.com/hook", "timeoutMillis": 5000,
                            "headers": {"x-team": "billing"}, "generateSigningSecret": true},
                "inputTransformer": {"inputPathsMap": {"total": "$.detail.total"}, "inputTemplate": "{\\"t\\": <total>}"},
                "retryPolicy": {"maximumRetryAttempts": 10, "maximumEventAgeInSeconds": 3600},
                "deadLetterQueue": "billing-dlq"},
               {"id": "audit", "type": "queue", "queue": {"name": "audit"}}
             ]}""";

    @BeforeEach
    void queues() {
        api.post("/v1/queues", "{\"name\": \"billing-dlq\"}");
        api.post("/v1/queues", "{\"name\": \"audit\"}");
    }

    @Test
    void createsAndReadsARuleWithTargets() throws Exception {
        Reply created = api.put("/v1/buses/default/rules/big-orders", RULE);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        JsonNode rule = created.json();
        assertThat(rule.path("state").asText()).isEqualTo("ENABLED");
        assertThat(rule.path("eventPattern").path("detail").path("total").get(0).path("numeric").get(1).asInt())
                .isEqualTo(100);
        JsonNode hook = rule.path("targets").get(0);
        assertThat(hook.path("webhook").path("method").asText()).isEqualTo("POST");
        assertThat(hook.path("webhook").path("signingSecret").asText()).as("generated, shown once").startsWith("whsec_");
        assertThat(hook.path("retryPolicy").path("maximumRetryAttempts").asInt()).isEqualTo(10);
        assertThat(hook.path("deadLetterQueue").asText()).isEqualTo("billing-dlq");
        assertThat(hook.path("inputTransformer").path("inputPathsMap").path("total").asText()).isEqualTo("$.detail.total");
        assertThat(rule.path("targets").get(1).path("queue").path("name").asText()).isEqualTo("audit");
        assertThat(rule.path("targets").get(1).path("retryPolicy").path("maximumRetryAttempts").asInt())
                .as("EventBridge's default").isEqualTo(185);

        String generated = hook.path("webhook").path("signingSecret").asText();
        assertThat(storedSecret()).as("encrypted at rest").startsWith("eb1:").doesNotContain(generated.substring(6));
        assertThat(secrets.decrypt(storedSecret())).isEqualTo(generated);

        JsonNode read = api.get("/v1/buses/default/rules/big-orders").json();
        assertThat(read.path("targets").get(0).path("webhook").has("signingSecret")).as("never returned again").isFalse();
        assertThat(read.path("targets").get(0).path("webhook").path("signingSecretSet").asBoolean()).isTrue();
        assertThat(names(api.get("/v1/buses/default/rules").json().path("rules"))).containsExactly("big-orders");
    }

    @Test
    void replacingARuleKeepsAnOmittedSecretAndBumpsTheETag() throws Exception {
        api.put("/v1/buses/default/rules/big-orders", RULE);
        String secret = storedSecret();

        Reply replaced = api.put("/v1/buses/default/rules/big-orders", RULE.replace("\"generateSigningSecret\": true",
                "\"rateLimitPerSecond\": 5").replace("\"ENABLED\"", "\"DISABLED\""));

        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.header("ETag")).isEqualTo("\"2\"");
        assertThat(replaced.json().path("targets").get(0).path("webhook").path("rateLimitPerSecond").asInt()).isEqualTo(5);
        assertThat(storedSecret()).isEqualTo(secret);
    }

    @Test
    void givenSigningSecretsAreStoredEncryptedAndKeptOrDroppedAsARotationNeeds() throws Exception {
        String current = "whsec_" + Base64.getEncoder().encodeToString("the-current-secret-32-bytes-long".getBytes());
        String older = "whsec_" + Base64.getEncoder().encodeToString("an-older-secret-of-32-bytes-long".getBytes());
        String rule = """
                {"eventPattern": {"source": ["shop"]}, "targets": [{"id": "billing-hook", "type": "webhook",
                 "webhook": {"url": "https://billing.example.com/hook", %s}}]}""";

        Reply created = api.put("/v1/buses/default/rules/r", rule.formatted("\"signingSecret\": \"" + current
                + "\", \"previousSigningSecrets\": [\"" + older + "\"]"));
        Reply read = api.get("/v1/buses/default/rules/r");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        for (String body : new String[]{created.body(), read.body(), api.get("/v1/audit-log").body()}) {
            assertThat(body).doesNotContain(current.substring(6)).doesNotContain(older.substring(6)).doesNotContain("eb1:");
        }
        JsonNode webhook = read.json().path("targets").get(0).path("webhook");
        assertThat(webhook.path("signingSecretSet").asBoolean()).isTrue();
        assertThat(webhook.path("previousSigningSecretCount").asInt()).isEqualTo(1);
        String config = TestDatabase.get().strings("SELECT config::text FROM target").get(0);
        assertThat(config).doesNotContain(current.substring(6)).doesNotContain(older.substring(6));
        assertThat(secrets.decrypt(storedSecret())).isEqualTo(current);
        assertThat(secrets.decrypt(storedPrevious().get(0))).isEqualTo(older);

        api.put("/v1/buses/default/rules/r", rule.formatted("\"timeoutMillis\": 3000"));
        assertThat(secrets.decrypt(storedSecret())).as("no secret given: both kept").isEqualTo(current);
        assertThat(storedPrevious()).hasSize(1);

        api.put("/v1/buses/default/rules/r", rule.formatted("\"previousSigningSecrets\": []"));
        assertThat(secrets.decrypt(storedSecret())).as("rotation over: the current one stays").isEqualTo(current);
        assertThat(storedPrevious()).isEmpty();
        assertThat(api.get("/v1/buses/default/rules/r").json().path("targets").get(0).path("webhook")
                .has("previousSigningSecretCount")).isFalse();

        api.put("/v1/buses/default/rules/r", rule.formatted("\"previousSigningSecrets\": [\"" + older + "\"]"));
        api.put("/v1/buses/default/rules/r", rule.formatted("\"generateSigningSecret\": true"));
        assertThat(secrets.decrypt(storedSecret())).isNotEqualTo(current);
        assertThat(storedPrevious()).as("a new secret without previous ones drops them").isEmpty();

        Reply tooMany = api.put("/v1/buses/default/rules/r", rule.formatted("\"previousSigningSecrets\": [\""
                + older + "\", \"" + older + "\", \"" + older + "\", \"" + older + "\"]"));
        assertThat(tooMany.problemCode(400)).isEqualTo("ValidationError");
        assertThat(tooMany.json().path("location").asText()).isEqualTo("targets[0].webhook.previousSigningSecrets");
        Reply weak = api.put("/v1/buses/default/rules/r", rule.formatted("\"previousSigningSecrets\": [\"hunter2\"]"));
        assertThat(weak.json().path("location").asText()).isEqualTo("targets[0].webhook.previousSigningSecrets[0]");
        assertThat(weak.body()).doesNotContain("hunter2");
    }

    @Test
    void ifMatchGuardsReplaceAndDelete() {
        assertThat(api.send("PUT", "/v1/buses/default/rules/r", RULE, Map.of("If-Match", "\"1\"")).problemCode(412))
                .as("If-Match on a rule that does not exist").isEqualTo("PreconditionFailed");
        api.put("/v1/buses/default/rules/r", RULE);
        assertThat(api.send("PUT", "/v1/buses/default/rules/r", RULE, Map.of("If-Match", "\"9\"")).status()).isEqualTo(412);
        assertThat(api.send("DELETE", "/v1/buses/default/rules/r", null, Map.of("If-Match", "\"9\"")).status()).isEqualTo(412);
        assertThat(api.send("DELETE", "/v1/buses/default/rules/r", null, Map.of("If-Match", "\"1\"")).status()).isEqualTo(204);
        assertThat(api.get("/v1/buses/default/rules/r").problemCode(404)).isEqualTo("NotFound");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad pattern     | \"eventPattern\": {\"detail\": {\"total\": [{\"numeric\": [\">\", \"x\"]}]}}, \"targets\": [] | InvalidEventPattern | detail.total",
            "no pattern      | \"targets\": []                                                                            | ValidationError     | eventPattern",
            "unknown type    | \"eventPattern\": {\"source\": [\"s\"]}, \"targets\": [{\"id\": \"t\", \"type\": \"carrier-pigeon\"}]          | ValidationError     | targets[0].type",
            "missing block   | \"eventPattern\": {\"source\": [\"s\"]}, \"targets\": [{\"id\": \"t\", \"type\": \"webhook\"}]                 | ValidationError     | targets[0].webhook",
            "other block     | \"eventPattern\": {\"source\": [\"s\"]}, \"targets\": [{\"id\": \"t\", \"type\": \"queue\", \"queue\": {\"name\": \"audit\"}, \"webhook\": {\"url\": \"https://x\"}}] | ValidationError | targets[0].webhook",
            "ftp url         | \"eventPattern\": {\"source\": [\"s\"]}, \"targets\": [{\"id\": \"t\", \"type\": \"webhook\", \"webhook\": {\"url\": \"ftp://x/y\"}}] | ValidationError | targets[0].webhook.url",
            "attempts        | \"eventPattern\": {\"source\": [\"s\"]}, \"targets\": [{\"id\": \"t\", \"type\": \"queue\", \"queue\": {\"name\": \"audit\"}, \"retryPolicy\": {\"maximumRetryAttempts\": 186}}] | ValidationError | targets[0].retryPolicy.maximumRetryAttempts",
            "age             | \"eventPattern\": {\"source\": [\"s\"]}, \"targets\": [{\"id\": \"t\", \"type\": \"queue\", \"queue\": {\"name\": \"audit\"}, \"retryPolicy\": {\"maximumEventAgeInSeconds\": 59}}] | ValidationError | targets[0].retryPolicy.maximumEventAgeInSeconds",
            "no such dlq     | \"eventPattern\": {\"source\": [\"s\"]}, \"targets\": [{\"id\": \"t\", \"type\": \"queue\", \"queue\": {\"name\": \"audit\"}, \"deadLetterQueue\": \"nope\"}] | ValidationError | targets[0].deadLetterQueue",
            "no such queue   | \"eventPattern\": {\"source\": [\"s\"]}, \"targets\": [{\"id\": \"t\", \"type\": \"queue\", \"queue\": {\"name\": \"nope\"}}] | ValidationError | targets[0].queue.name",
            "two shapings    | \"eventPattern\": {\"source\": [\"s\"]}, \"targets\": [{\"id\": \"t\", \"type\": \"queue\", \"queue\": {\"name\": \"audit\"}, \"input\": {}, \"inputPath\": \"$.detail\"}] | ValidationError | targets[0]",
            "bad path key    | \"eventPattern\": {\"source\": [\"s\"]}, \"targets\": [{\"id\": \"t\", \"type\": \"queue\", \"queue\": {\"name\": \"audit\"}, \"inputTransformer\": {\"inputPathsMap\": {\"a b\": \"$.x\"}, \"inputTemplate\": \"x\"}}] | ValidationError | targets[0].inputTransformer.inputPathsMap.a b",
            "relative path   | \"eventPattern\": {\"source\": [\"s\"]}, \"targets\": [{\"id\": \"t\", \"type\": \"queue\", \"queue\": {\"name\": \"audit\"}, \"inputPath\": \"detail\"}] | ValidationError | targets[0].inputPath",
            "duplicate ids   | \"eventPattern\": {\"source\": [\"s\"]}, \"targets\": [{\"id\": \"t\", \"type\": \"queue\", \"queue\": {\"name\": \"audit\"}}, {\"id\": \"t\", \"type\": \"queue\", \"queue\": {\"name\": \"audit\"}}] | ValidationError | targets[1].id",
            "weak secret     | \"eventPattern\": {\"source\": [\"s\"]}, \"targets\": [{\"id\": \"t\", \"type\": \"webhook\", \"webhook\": {\"url\": \"https://x\", \"signingSecret\": \"hunter2\"}}] | ValidationError | targets[0].webhook.signingSecret",
            "reserved header | \"eventPattern\": {\"source\": [\"s\"]}, \"targets\": [{\"id\": \"t\", \"type\": \"webhook\", \"webhook\": {\"url\": \"https://x\", \"headers\": {\"webhook-id\": \"x\"}}}] | ValidationError | targets[0].webhook.headers.webhook-id",
            "format          | \"eventPattern\": {\"source\": [\"s\"]}, \"targets\": [{\"id\": \"t\", \"type\": \"webhook\", \"webhook\": {\"url\": \"https://x\", \"format\": \"XML\"}}] | ValidationError | targets[0].webhook.format",
            "timeout         | \"eventPattern\": {\"source\": [\"s\"]}, \"targets\": [{\"id\": \"t\", \"type\": \"webhook\", \"webhook\": {\"url\": \"https://x\", \"timeoutMillis\": 99}}] | ValidationError | targets[0].webhook.timeoutMillis",
            "typo in field   | \"eventPattern\": {\"source\": [\"s\"]}, \"targets\": [{\"id\": \"t\", \"type\": \"queue\", \"queue\": {\"name\": \"audit\"}, \"retryPolcy\": {}}] | ValidationError | targets[0].retryPolcy",
            "string number   | \"eventPattern\": {\"source\": [\"s\"]}, \"targets\": [{\"id\": \"t\", \"type\": \"queue\", \"queue\": {\"name\": \"audit\"}, \"retryPolicy\": {\"maximumRetryAttempts\": \"3\"}}] | ValidationError | targets[0].retryPolicy.maximumRetryAttempts",
            "bad state       | \"eventPattern\": {\"source\": [\"s\"]}, \"state\": \"ON\"                                                       | ValidationError     | state",
    })
    void refusesABadRuleSayingWhatAndWhere(String name, String fields, String code, String location) {
        Reply refused = api.put("/v1/buses/default/rules/r", "{" + fields + "}");

        assertThat(refused.problemCode(400)).as(refused.body()).isEqualTo(code);
        assertThat(refused.json().path("location").asText()).as(refused.body()).isEqualTo(location);
        assertThat(api.get("/v1/buses/default/rules/r").status()).as("nothing written").isEqualTo(404);
    }

    @Test
    void aRuleNeedsAnExistingBusAndAValidName() {
        assertThat(api.put("/v1/buses/nope/rules/r", "{\"eventPattern\": {\"source\": [\"s\"]}}").problemCode(404)).isEqualTo("NotFound");
        Reply badName = api.put("/v1/buses/default/rules/bad%20name", "{\"eventPattern\": {\"source\": [\"s\"]}}");
        assertThat(badName.problemCode(400)).isEqualTo("ValidationError");
        assertThat(badName.json().path("location").asText()).isEqualTo("path: rule");
    }

    @Test
    void aBusWithRulesIsDeletedOnlyWithForce() {
        api.post("/v1/buses", "{\"name\": \"orders\"}");
        api.put("/v1/buses/orders/rules/r", "{\"eventPattern\": {\"source\": [\"shop\"]}}");

        Reply refused = api.delete("/v1/buses/orders");
        assertThat(refused.problemCode(409)).isEqualTo("Conflict");
        assertThat(refused.json().path("detail").asText()).contains("has 1 rule(s)").contains("force=true");

        assertThat(api.delete("/v1/buses/orders?force=true").status()).isEqualTo(204);
        assertThat(api.get("/v1/buses/orders/rules").problemCode(404)).isEqualTo("NotFound");
    }

    @Test
    void aQueueUsedByATargetCannotBeDeleted() {
        api.put("/v1/buses/default/rules/big-orders", RULE);

        Reply refused = api.delete("/v1/queues/audit");

        assertThat(refused.problemCode(409)).isEqualTo("Conflict");
        assertThat(refused.json().path("detail").asText()).contains("rule default/big-orders target audit");
    }

    @Test
    void aBusTargetForwardsToAnExistingBusAndShapesNothing() {
        api.post("/v1/buses", "{\"name\": \"billing\"}");
        String rule = "{\"eventPattern\": {\"source\": [\"shop\"]}, \"targets\": [{\"id\": \"to-billing\", \"type\": \"bus\","
                + " \"bus\": {\"name\": \"%s\"}%s}]}";

        Reply created = api.put("/v1/buses/default/rules/forward", rule.formatted("billing", ""));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("targets").get(0).path("bus").path("name").asText()).isEqualTo("billing");
        Reply missing = api.put("/v1/buses/default/rules/r2", rule.formatted("nope", ""));
        assertThat(missing.problemCode(400)).isEqualTo("ValidationError");
        assertThat(missing.json().path("location").asText()).isEqualTo("targets[0].bus.name");
        Reply shaped = api.put("/v1/buses/default/rules/r3", rule.formatted("billing", ", \"inputPath\": \"$.detail\""));
        assertThat(shaped.problemCode(400)).isEqualTo("ValidationError");
        assertThat(shaped.json().path("detail").asText()).contains("forwards the event as it is");
        Reply deleted = api.delete("/v1/buses/billing");
        assertThat(deleted.problemCode(409)).as("a bus that is forwarded to").isEqualTo("Conflict");
        assertThat(deleted.json().path("detail").asText()).contains("rule default/forward target to-billing");
    }

    @Test
    void listsRulesPageByPage() {
        for (String name : new String[]{"a", "b", "c"}) {
            api.put("/v1/buses/default/rules/" + name, "{\"eventPattern\": {\"source\": [\"" + name + "\"]}}");
        }
        JsonNode first = api.get("/v1/buses/default/rules?limit=2").json();
        assertThat(names(first.path("rules"))).containsExactly("a", "b");
        assertThat(first.path("nextToken").asText()).isEqualTo("b");
        JsonNode second = api.get("/v1/buses/default/rules?limit=2&after=b").json();
        assertThat(names(second.path("rules"))).containsExactly("c");
        assertThat(second.has("nextToken")).isFalse();
    }

    private static java.util.List<String> names(JsonNode rules) {
        java.util.List<String> names = new java.util.ArrayList<>();
        rules.forEach(rule -> names.add(rule.path("name").asText()));
        return names;
    }

    private static java.util.List<String> storedPrevious() {
        return TestDatabase.get().strings("SELECT jsonb_array_elements_text(coalesce(config -> 'previousSigningSecrets',"
                + " '[]')) FROM target WHERE target_id = 'billing-hook'");
    }

    private static String storedSecret() throws Exception {
        try (Connection c = TestDatabase.get().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT config ->> 'signingSecret' FROM target WHERE target_id = 'billing-hook'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
