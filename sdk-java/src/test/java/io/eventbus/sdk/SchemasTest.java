package io.eventbus.sdk;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Schemas} and a bus that enforces them, against the real server. Names start with sdk-schemas. */
class SchemasTest {

    static final String V1 = "{\"$schema\": \"http://json-schema.org/draft-04/schema#\", \"type\": \"object\","
            + " \"properties\": {\"total\": {\"type\": \"number\"}, \"customer\": {\"type\": \"string\"}},"
            + " \"required\": [\"total\"]}";
    static final String CUSTOMER_REQUIRED = V1.replace("\"required\": [\"total\"]", "\"required\": [\"total\", \"customer\"]");

    static RunningEventbus server;
    static Admin admin;

    @BeforeAll
    static void theServer() {
        server = RunningEventbus.get();
        admin = server.asAdmin().admin();
    }

    @Test
    void registersReadsValidatesAndDeletesASchema() {
        SchemaVersion first = admin.schemas().put("sdk-schemas.orders@OrderPlaced", V1);
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.created()).isTrue();
        assertThat(first.content()).contains("\"required\":[\"total\"]");
        assertThat(admin.schemas().put("sdk-schemas.orders@OrderPlaced", V1).created()).isFalse();

        SchemaInfo read = admin.schemas().get("sdk-schemas.orders@OrderPlaced");
        assertThat(read.format()).isEqualTo("JSONSchemaDraft4");
        assertThat(read.compatibility()).isEqualTo(SchemaCompatibility.BACKWARD);
        assertThat(read.versions()).extracting(SchemaInfo.Version::version).containsExactly(1);
        assertThat(admin.schemas().list()).extracting(SchemaInfo::name).contains("sdk-schemas.orders@OrderPlaced");
        assertThat(admin.schemas().latest("sdk-schemas.orders@OrderPlaced").version()).isEqualTo(1);
        assertThat(admin.schemas().version("sdk-schemas.orders@OrderPlaced", 1).content()).isEqualTo(first.content());

        SchemaValidationResult invalid = admin.schemas().validate("sdk-schemas.orders@OrderPlaced", "{\"total\": \"12\"}");
        assertThat(invalid.valid()).isFalse();
        assertThat(invalid.violations()).extracting(SchemaValidationResult.Violation::pointer).containsExactly("/total");

        admin.schemas().delete("sdk-schemas.orders@OrderPlaced");
        assertThatThrownBy(() -> admin.schemas().get("sdk-schemas.orders@OrderPlaced"))
                .isInstanceOfSatisfying(EventbusException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void aBreakingVersionIsATypedProblemWithItsReason() {
        admin.schemas().put("sdk-schemas.refunds@RefundIssued", V1);

        assertThatThrownBy(() -> admin.schemas().put("sdk-schemas.refunds@RefundIssued", CUSTOMER_REQUIRED))
                .isInstanceOfSatisfying(EventbusException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("IncompatibleSchema");
                    assertThat(e.detail()).contains("required property 'customer' added");
                });
        SchemaVersion anyway = admin.schemas().put("sdk-schemas.refunds@RefundIssued", null,
                SchemaCompatibility.NONE, CUSTOMER_REQUIRED, "customers are known now");
        assertThat(anyway.version()).isEqualTo(2);
    }

    @Test
    void aBusThatEnforcesItsSchemasRefusesAnInvalidEventNamingTheField() {
        admin.buses().create("sdk-schemas-bus", null, new BusSettings(null, null, SchemaValidation.ENFORCE, null, null));
        admin.schemas().put("sdk-schemas.shop@OrderPlaced", V1);
        Eventbus producer = server.withNewApiKey("sdk-schemas-producer", "[\"sdk-schemas-bus\"]", "[]");

        PutEventsResult result = producer.putEvents("sdk-schemas-bus", List.of(
                Event.builder().source("sdk-schemas.shop").detailType("Order Placed").detail("{\"customer\": \"c\"}").build(),
                Event.builder().source("sdk-schemas.shop").detailType("Order Placed").detail("{\"total\": 3}").build()));

        assertThat(result.failedEntryCount()).isEqualTo(1);
        PutEventsResultEntry refused = result.entries().get(0);
        assertThat(refused.errorCode()).isEqualTo("SchemaValidationFailed");
        assertThat(refused.errorMessage()).contains("sdk-schemas.shop@OrderPlaced").contains("'total'");
        assertThat(result.entries().get(1).isSuccess()).isTrue();
    }
}
