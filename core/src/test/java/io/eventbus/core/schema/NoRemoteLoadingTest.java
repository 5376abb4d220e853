package io.eventbus.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.SchemaException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Nothing a schema says makes the server open a connection: a local listener never sees one. */
class NoRemoteLoadingTest {

    private final AtomicInteger connections = new AtomicInteger();
    private ServerSocket listener;
    private Thread acceptor;
    private String base;

    /** Accepts and at once closes every connection, counting them, so a fetch would fail fast, not hang. */
    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        base = "http://127.0.0.1:" + listener.getLocalPort();
        acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket accepted = listener.accept();
                    connections.incrementAndGet();
                    accepted.close();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "schema-test-listener");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void close() throws IOException, InterruptedException {
        listener.close();
        acceptor.join(5_000);
    }

    @Test
    void refusesARemoteReferenceWithoutConnecting() {
        String schema = "{\"properties\":{\"a\":{\"$ref\":\"" + base + "/x.json\"}}}";

        InvalidSchema e = InvalidSchemaTest.refused(SchemaFormat.JSON_SCHEMA_2020_12, schema);

        assertThat(e.location()).isEqualTo("content/properties/a/$ref");
        assertNoConnection();
    }

    @Test
    void compilesARemoteIdWithLocalReferencesWithoutConnecting() {
        CompiledSchema latest = CompiledSchema.compile(SchemaFormat.JSON_SCHEMA_2020_12, """
                {"$id": "%s/order.json", "properties": {"a": {"$ref": "#/$defs/a"}},
                 "$defs": {"a": {"type": "integer"}}}""".formatted(base));
        CompiledSchema draft4 = CompiledSchema.compile(SchemaFormat.JSON_SCHEMA_DRAFT4, """
                {"id": "%s/order.json", "properties": {"a": {"$ref": "#/definitions/a"}},
                 "definitions": {"a": {"type": "integer"}}}""".formatted(base));

        assertThat(latest.validate(CompiledSchemaTest.json("{\"a\":\"x\"}"))).hasSize(1);
        assertThat(draft4.validate(CompiledSchemaTest.json("{\"a\":\"x\"}"))).hasSize(1);
        assertNoConnection();
    }

    @Test
    void theValidatorItselfRefusesToLoadAnythingRemote() {
        JsonSchemaEngine engine = JsonSchemaEngine.of(SchemaFormat.JSON_SCHEMA_2020_12);

        assertThatThrownBy(() -> engine.compile(CompiledSchemaTest.json(
                "{\"properties\":{\"a\":{\"$ref\":\"" + base + "/x.json\"}}}")))
                .isInstanceOf(SchemaException.class);
        assertThatThrownBy(() -> engine.compile(CompiledSchemaTest.json(
                "{\"$schema\":\"" + base + "/meta.json\",\"type\":\"object\"}")))
                .isInstanceOf(SchemaException.class);
        assertThatThrownBy(() -> JsonSchemaEngine.of(SchemaFormat.JSON_SCHEMA_DRAFT4).compile(CompiledSchemaTest.json(
                "{\"id\":\"" + base + "/root.json\",\"properties\":{\"a\":{\"$ref\":\"other.json\"}}}")))
                .isInstanceOf(SchemaException.class);
        assertNoConnection();
    }

    private void assertNoConnection() {
        assertThat(connections).as("connections to %s", base).hasValue(0);
    }
}
