package io.eventbus.control.connection;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.control.support.AdminApi.Reply;
import io.eventbus.control.support.ControlPlaneTest;
import io.eventbus.core.secret.Secrets;
import io.eventbus.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class ConnectionApiTest extends ControlPlaneTest {

    static final String PASSWORD = "correct-horse-battery-staple";
    static final String API_KEY = "ak_live_0123456789abcdef";
    static final String CLIENT_SECRET = "cs_9f8e7d6c5b4a";

    static final String BASIC = """
            {"name": "billing-auth", "description": "billing's basic auth", "authorizationType": "BASIC",
             "authParameters": {"basic": {"username": "eventbus", "password": "%s"}}}""".formatted(PASSWORD);
    static final String API_KEY_CONNECTION = """
            {"name": "crm-key", "authorizationType": "API_KEY",
             "authParameters": {"apiKey": {"name": "x-api-key", "value": "%s"}}}""".formatted(API_KEY);
    static final String OAUTH = """
            {"name": "erp-oauth", "authorizationType": "OAUTH_CLIENT_CREDENTIALS",
             "authParameters": {"oauth": {"authorizationEndpoint": "https://login.example.com/oauth2/token",
                                          "clientId": "eventbus-client", "clientSecret": "%s", "scope": "events.write"}}}"""
            .formatted(CLIENT_SECRET);

    private final TestDatabase db = TestDatabase.get();

    @Inject
    Secrets secrets;

    @Test
    void createsReadsListsUpdatesAndDeletes() {
        Reply created = api.post("/v1/connections", BASIC);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.header("Location")).isEqualTo("/v1/connections/billing-auth");
        JsonNode connection = created.json();
        assertThat(connection.path("authorizationType").asText()).isEqualTo("BASIC");
        assertThat(connection.path("description").asText()).isEqualTo("billing's basic auth");
        assertThat(connection.path("authParameters").path("basic").path("username").asText()).isEqualTo("eventbus");
        assertThat(connection.has("createdAt")).isTrue();

        Reply read = api.get("/v1/connections/billing-auth");
        assertThat(read.json()).isEqualTo(connection);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        api.post("/v1/connections", OAUTH);
        JsonNode list = api.get("/v1/connections").json().path("connections");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("name").asText()).isEqualTo("billing-auth");
        JsonNode oauth = list.get(1).path("authParameters").path("oauth");
        assertThat(oauth.path("authorizationEndpoint").asText()).isEqualTo("https://login.example.com/oauth2/token");
        assertThat(oauth.path("clientId").asText()).isEqualTo("eventbus-client");
        assertThat(oauth.path("scope").asText()).isEqualTo("events.write");
        assertThat(oauth.path("httpMethod").asText()).as("the default").isEqualTo("POST");

        Reply updated = api.send("PUT", "/v1/connections/billing-auth", """
                {"authorizationType": "BASIC", "authParameters": {"basic": {"username": "eventbus2", "password": "new-password"}}}""",
                Map.of("If-Match", "\"1\""));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.header("ETag")).isEqualTo("\"2\"");
        assertThat(updated.json().path("authParameters").path("basic").path("username").asText()).isEqualTo("eventbus2");
        assertThat(secrets.decrypt(storedSecret("billing-auth"))).isEqualTo("new-password");

        assertThat(api.send("DELETE", "/v1/connections/billing-auth", null, Map.of("If-Match", "\"1\"")).status())
                .isEqualTo(412);
        assertThat(api.delete("/v1/connections/billing-auth").status()).isEqualTo(204);
        assertThat(api.get("/v1/connections/billing-auth").problemCode(404)).isEqualTo("NotFound");
        assertThat(api.post("/v1/connections", OAUTH).problemCode(409)).isEqualTo("Conflict");
    }

    @Test
    void noAnswerEverContainsASecretAndTheDatabaseHoldsItEncrypted() {
        String[] bodies = {
                api.post("/v1/connections", BASIC).body(),
                api.post("/v1/connections", API_KEY_CONNECTION).body(),
                api.post("/v1/connections", OAUTH).body(),
                api.get("/v1/connections").body(),
                api.get("/v1/connections/billing-auth").body(),
                api.get("/v1/connections/crm-key").body(),
                api.get("/v1/connections/erp-oauth").body(),
                api.put("/v1/connections/crm-key", """
                        {"authorizationType": "API_KEY", "authParameters": {"apiKey": {"name": "x-api-key"}}}""").body(),
                api.get("/v1/audit-log").body(),
        };

        for (String body : bodies) {
            assertThat(body).doesNotContain(PASSWORD).doesNotContain(API_KEY).doesNotContain(CLIENT_SECRET)
                    .doesNotContain("eb1:");
        }
        assertThat(api.get("/v1/connections/crm-key").json().path("authParameters").path("apiKey").path("name").asText())
                .isEqualTo("x-api-key");
        for (String name : new String[]{"billing-auth", "crm-key", "erp-oauth"}) {
            assertThat(storedSecret(name)).startsWith("eb1:").doesNotContain(PASSWORD).doesNotContain(API_KEY)
                    .doesNotContain(CLIENT_SECRET);
        }
        assertThat(String.join(" ", db.strings("SELECT connection::text FROM connection")))
                .doesNotContain(PASSWORD).doesNotContain(API_KEY).doesNotContain(CLIENT_SECRET);
        assertThat(String.join(" ", db.strings("SELECT coalesce(detail::text, '') FROM audit_log")))
                .contains("authorizationType").doesNotContain(PASSWORD).doesNotContain(API_KEY).doesNotContain(CLIENT_SECRET);
        assertThat(secrets.decrypt(storedSecret("billing-auth"))).isEqualTo(PASSWORD);
        assertThat(secrets.decrypt(storedSecret("erp-oauth"))).isEqualTo(CLIENT_SECRET);
    }

    @Test
    void anUpdateWithoutTheSecretKeepsTheStoredOne() {
        api.post("/v1/connections", OAUTH);
        String before = storedSecret("erp-oauth");

        Reply updated = api.put("/v1/connections/erp-oauth", """
                {"description": "new scope", "authorizationType": "OAUTH_CLIENT_CREDENTIALS",
                 "authParameters": {"oauth": {"authorizationEndpoint": "https://login.example.com/v2/token",
                                              "clientId": "eventbus-client", "scope": "events.read events.write"}}}""");

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("authParameters").path("oauth").path("scope").asText())
                .isEqualTo("events.read events.write");
        assertThat(storedSecret("erp-oauth")).isEqualTo(before);
        assertThat(secrets.decrypt(storedSecret("erp-oauth"))).isEqualTo(CLIENT_SECRET);
    }

    @Test
    void changingTheTypeNeedsTheNewSecret() {
        api.post("/v1/connections", BASIC);

        Reply refused = api.put("/v1/connections/billing-auth", """
                {"authorizationType": "API_KEY", "authParameters": {"apiKey": {"name": "x-api-key"}}}""");

        assertThat(refused.problemCode(400)).isEqualTo("ValidationError");
        assertThat(refused.json().path("location").asText()).isEqualTo("authParameters.apiKey.value");
        assertThat(api.get("/v1/connections/billing-auth").json().path("authorizationType").asText()).isEqualTo("BASIC");
    }

    @Test
    void aConnectionInUseCannotBeDeleted() {
        api.post("/v1/connections", BASIC);
        api.post("/v1/buses", "{\"name\": \"orders\"}");
        Reply rule = api.put("/v1/buses/orders/rules/to-billing", """
                {"eventPattern": {"source": ["shop"]}, "targets": [{"id": "billing", "type": "webhook",
                 "webhook": {"url": "https://billing.example.com/hook", "connection": "billing-auth"}}]}""");
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        assertThat(rule.json().path("targets").get(0).path("webhook").path("connection").asText()).isEqualTo("billing-auth");
        assertThat(db.strings("SELECT c.name FROM target t JOIN connection c ON c.id = t.connection_id"))
                .containsExactly("billing-auth");

        Reply refused = api.delete("/v1/connections/billing-auth");

        assertThat(refused.problemCode(409)).isEqualTo("Conflict");
        assertThat(refused.json().path("detail").asText()).contains("rule orders/to-billing target billing");
        api.delete("/v1/buses/orders/rules/to-billing");
        assertThat(api.delete("/v1/connections/billing-auth").status()).isEqualTo(204);
    }

    @Test
    void aTargetWithAnUnknownConnectionIsRefused() {
        Reply refused = api.put("/v1/buses/default/rules/r", """
                {"eventPattern": {"source": ["shop"]}, "targets": [{"id": "t", "type": "webhook",
                 "webhook": {"url": "https://x.example.com", "connection": "nope"}}]}""");

        assertThat(refused.problemCode(400)).isEqualTo("ValidationError");
        assertThat(refused.json().path("location").asText()).isEqualTo("targets[0].webhook.connection");
        assertThat(refused.json().path("detail").asText()).contains("connection 'nope' does not exist");
        assertThat(api.get("/v1/buses/default/rules/r").status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no type         | {\"name\": \"c\", \"authParameters\": {\"basic\": {\"username\": \"u\", \"password\": \"p\"}}}                                   | authorizationType",
            "unknown type    | {\"name\": \"c\", \"authorizationType\": \"DIGEST\", \"authParameters\": {}}                                                    | authorizationType",
            "no parameters   | {\"name\": \"c\", \"authorizationType\": \"BASIC\"}                                                                              | authParameters",
            "wrong block     | {\"name\": \"c\", \"authorizationType\": \"BASIC\", \"authParameters\": {\"apiKey\": {\"name\": \"x\", \"value\": \"v\"}}}        | authParameters.apiKey",
            "no password     | {\"name\": \"c\", \"authorizationType\": \"BASIC\", \"authParameters\": {\"basic\": {\"username\": \"u\"}}}                     | authParameters.basic.password",
            "colon in user   | {\"name\": \"c\", \"authorizationType\": \"BASIC\", \"authParameters\": {\"basic\": {\"username\": \"a:b\", \"password\": \"p\"}}} | authParameters.basic.username",
            "bad header      | {\"name\": \"c\", \"authorizationType\": \"API_KEY\", \"authParameters\": {\"apiKey\": {\"name\": \"x key\", \"value\": \"v\"}}}  | authParameters.apiKey.name",
            "reserved header | {\"name\": \"c\", \"authorizationType\": \"API_KEY\", \"authParameters\": {\"apiKey\": {\"name\": \"Host\", \"value\": \"v\"}}}   | authParameters.apiKey.name",
            "no endpoint     | {\"name\": \"c\", \"authorizationType\": \"OAUTH_CLIENT_CREDENTIALS\", \"authParameters\": {\"oauth\": {\"clientId\": \"i\", \"clientSecret\": \"s\"}}} | authParameters.oauth.authorizationEndpoint",
            "ftp endpoint    | {\"name\": \"c\", \"authorizationType\": \"OAUTH_CLIENT_CREDENTIALS\", \"authParameters\": {\"oauth\": {\"authorizationEndpoint\": \"ftp://x/t\", \"clientId\": \"i\", \"clientSecret\": \"s\"}}} | authParameters.oauth.authorizationEndpoint",
            "bad method      | {\"name\": \"c\", \"authorizationType\": \"OAUTH_CLIENT_CREDENTIALS\", \"authParameters\": {\"oauth\": {\"authorizationEndpoint\": \"https://x/t\", \"clientId\": \"i\", \"clientSecret\": \"s\", \"httpMethod\": \"DELETE\"}}} | authParameters.oauth.httpMethod",
            "bad name        | {\"name\": \"a b\", \"authorizationType\": \"BASIC\", \"authParameters\": {\"basic\": {\"username\": \"u\", \"password\": \"p\"}}} | name",
            "typo            | {\"name\": \"c\", \"authorizationType\": \"BASIC\", \"authParameters\": {\"basic\": {\"username\": \"u\", \"pasword\": \"p\"}}}   | authParameters.basic.pasword",
    })
    void refusesABadConnectionSayingWhere(String name, String body, String location) {
        Reply refused = api.post("/v1/connections", body);

        assertThat(refused.problemCode(400)).as(refused.body()).isEqualTo("ValidationError");
        assertThat(refused.json().path("location").asText()).as(refused.body()).isEqualTo(location);
        assertThat(api.get("/v1/connections").json().path("connections")).isEmpty();
    }

    @Test
    void needsTheAdminToken() {
        assertThat(api.send("GET", "/v1/connections", null, Map.of("Authorization", "Bearer wrong-token-0000000"))
                .problemCode(401)).isEqualTo("Unauthorized");
    }

    private String storedSecret(String name) {
        return db.strings("SELECT secret FROM connection WHERE name = ?", name).get(0);
    }
}
