package io.eventbus.control.bus;

import io.eventbus.control.support.AdminApi.Reply;
import io.eventbus.control.support.ControlPlaneTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class BusApiTest extends ControlPlaneTest {

    @Test
    void createsReadsListsUpdatesAndDeletesABus() {
        Reply created = api.post("/v1/buses", """
                {"name": "orders", "description": "shop orders", "settings": {"eventRetentionDays": 14}}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/v1/buses/orders");
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.json().path("settings").path("eventRetentionDays").asInt()).isEqualTo(14);
        assertThat(created.json().has("createdAt")).isTrue();

        assertThat(api.get("/v1/buses").json().findValuesAsText("name")).containsExactly("default", "orders");

        Reply updated = api.put("/v1/buses/orders", """
                {"description": "all orders"}""");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.header("ETag")).isEqualTo("\"2\"");
        assertThat(updated.json().path("description").asText()).isEqualTo("all orders");
        assertThat(updated.json().path("settings").path("eventRetentionDays").asInt()).as("PUT replaces").isEqualTo(7);

        assertThat(api.delete("/v1/buses/orders").status()).isEqualTo(204);
        assertThat(api.get("/v1/buses/orders").problemCode(404)).isEqualTo("NotFound");
    }

    @Test
    void refusesADuplicateBus() {
        api.post("/v1/buses", "{\"name\": \"orders\"}");
        assertThat(api.post("/v1/buses", "{\"name\": \"orders\"}").problemCode(409)).isEqualTo("Conflict");
    }

    @Test
    void theDefaultBusExistsAndCannotBeDeleted() {
        assertThat(api.get("/v1/buses/default").status()).isEqualTo(200);
        Reply refused = api.delete("/v1/buses/default");
        assertThat(refused.problemCode(409)).isEqualTo("Conflict");
        assertThat(refused.json().path("detail").asText()).contains("default bus cannot be deleted");
    }

    @Test
    void ifMatchGuardsUpdatesAndDeletes() {
        api.post("/v1/buses", "{\"name\": \"orders\"}");
        Reply stale = api.send("PUT", "/v1/buses/orders", "{\"description\": \"x\"}", Map.of("If-Match", "\"7\""));
        assertThat(stale.problemCode(412)).isEqualTo("PreconditionFailed");
        assertThat(api.get("/v1/buses/orders").json().has("description")).as("nothing written").isFalse();

        Reply fresh = api.send("PUT", "/v1/buses/orders", "{\"description\": \"x\"}", Map.of("If-Match", "\"1\""));
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(api.send("DELETE", "/v1/buses/orders", null, Map.of("If-Match", "\"1\"")).status()).isEqualTo(412);
        assertThat(api.send("DELETE", "/v1/buses/orders", null, Map.of("If-Match", "\"2\"")).status()).isEqualTo(204);
    }

    @Test
    void aDeadLetterQueueMustExist() {
        Reply refused = api.post("/v1/buses", """
                {"name": "orders", "settings": {"deadLetterQueue": "nope"}}""");
        assertThat(refused.problemCode(400)).isEqualTo("ValidationError");
        assertThat(refused.json().path("location").asText()).isEqualTo("settings.deadLetterQueue");

        api.post("/v1/queues", "{\"name\": \"orders-dlq\"}");
        Reply created = api.post("/v1/buses", """
                {"name": "orders", "settings": {"deadLetterQueue": "orders-dlq"}}""");
        assertThat(created.json().path("settings").path("deadLetterQueue").asText()).isEqualTo("orders-dlq");
        assertThat(api.delete("/v1/queues/orders-dlq").problemCode(409)).as("queue in use").isEqualTo("Conflict");
    }

    @Test
    void badInputIsAProblemThatSaysWhatAndWhere() {
        Reply typo = api.post("/v1/buses", "{\"name\": \"orders\", \"descripton\": \"x\"}");
        assertThat(typo.problemCode(400)).isEqualTo("ValidationError");
        assertThat(typo.json().path("detail").asText()).contains("Unknown field 'descripton'");
        assertThat(typo.json().path("location").asText()).isEqualTo("descripton");

        Reply malformed = api.post("/v1/buses", "{\"name\": ");
        assertThat(malformed.problemCode(400)).as(malformed.body()).isEqualTo("InvalidJson");

        Reply wrongType = api.post("/v1/buses", "{\"name\": \"o\", \"settings\": {\"eventRetentionDays\": \"14\"}}");
        assertThat(wrongType.problemCode(400)).isEqualTo("ValidationError");
        assertThat(wrongType.json().path("location").asText()).isEqualTo("settings.eventRetentionDays");

        Reply badName = api.post("/v1/buses", "{\"name\": \"has space\"}");
        assertThat(badName.problemCode(400)).isEqualTo("ValidationError");
        assertThat(badName.json().path("detail").asText()).contains("not a valid name");

        Reply range = api.post("/v1/buses", "{\"name\": \"o\", \"settings\": {\"eventRetentionDays\": 0}}");
        assertThat(range.json().path("location").asText()).isEqualTo("settings.eventRetentionDays");

        assertThat(api.get("/v1/buses").json().findValuesAsText("name")).as("nothing half-written")
                .containsExactly("default");
    }

    @Test
    void everyRouteNeedsTheAdminToken() {
        Reply anonymous = api.send("GET", "/v1/buses", null, Map.of("Authorization", ""));
        assertThat(anonymous.problemCode(401)).isEqualTo("Unauthorized");
        Reply wrong = api.send("GET", "/v1/buses", null, Map.of("Authorization", "Bearer not-the-token"));
        assertThat(wrong.problemCode(401)).isEqualTo("Unauthorized");
        assertThat(wrong.header("WWW-Authenticate")).startsWith("Bearer");
        Reply unknownRoute = api.send("GET", "/v1/nothing-here", null, Map.of("Authorization", ""));
        assertThat(unknownRoute.status()).as("no route is revealed without the token").isEqualTo(401);
    }

    @Test
    void unknownRoutesAndMethodsAreProblems() {
        assertThat(api.get("/v1/nothing-here").problemCode(404)).isEqualTo("NotFound");
        assertThat(api.send("PATCH", "/v1/buses/default", "{}", Map.of()).problemCode(405))
                .isEqualTo("MethodNotAllowed");
    }
}
