package io.eventbus.data.deliver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.eventbus.core.secret.Secrets;
import io.eventbus.core.testing.TestDatabase;
import io.eventbus.core.testing.WithTestDatabase;
import io.eventbus.data.ingest.AcceptEvents;
import io.eventbus.data.ingest.Entry;
import io.eventbus.data.ingest.ParsedEntry;
import io.eventbus.data.match.MatchRules;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook deliveries authenticated by connections (basic, API key, OAuth client credentials against a token
 * endpoint on the receiver's server), and signed with encrypted signing secrets, at a real HTTP receiver.
 */
@MicronautTest
class ConnectionDeliveryTest implements WithTestDatabase {

    static final String CURRENT = secret("the-current-secret-32-bytes-long");
    static final String PREVIOUS = secret("an-older-secret-of-32-bytes-long");

    @Inject
    AcceptEvents accept;

    @Inject
    MatchRules match;

    @Inject
    Secrets secrets;

    @Inject
    TargetGuards guards;

    private final TestDatabase db = TestDatabase.get();
    private HttpServer receiver;
    private final ConcurrentLinkedQueue<Received> hooks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Received> tokenRequests = new ConcurrentLinkedQueue<>();
    private final List<Integer> hookAnswers = new CopyOnWriteArrayList<>();
    private final List<Integer> tokenAnswers = new CopyOnWriteArrayList<>();
    private final AtomicInteger hookCalls = new AtomicInteger();
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private volatile long tokenDelayMillis;

    record Received(String method, Map<String, String> headers, String body) {
    }

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith(
                "eventbus.delivery.allow-private-networks", "true",
                "eventbus.delivery.idle-poll", "100ms");
    }

    @BeforeEach
    void start() throws IOException {
        guards.breaker("default/orders/hook").reset();
        hooks.clear(); // one instance serves every test of the class
        tokenRequests.clear();
        hookAnswers.clear();
        tokenAnswers.clear();
        hookCalls.set(0);
        tokenCalls.set(0);
        tokenDelayMillis = 0;
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            hooks.add(read(exchange));
            int call = hookCalls.getAndIncrement();
            exchange.sendResponseHeaders(call < hookAnswers.size() ? hookAnswers.get(call) : 200, -1);
            exchange.close();
        });
        receiver.createContext("/token", exchange -> {
            tokenRequests.add(read(exchange));
            int call = tokenCalls.incrementAndGet();
            sleep(tokenDelayMillis);
            int status = call <= tokenAnswers.size() ? tokenAnswers.get(call - 1) : 200;
            byte[] answer = (status == 200
                    ? "{\"access_token\": \"tok-" + call + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600}"
                    : "{\"error\": \"temporarily_unavailable\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.start();
        db.execute("INSERT INTO rule (bus_id, name, event_pattern) SELECT id, 'orders', '{\"source\": [\"shop\"]}'"
                + " FROM bus WHERE name = 'default'");
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void aBasicConnectionSendsBasicAuth() throws Exception {
        connection("billing-auth", "BASIC", "{\"username\": \"eventbus\"}", "pa55:word");
        webhook("billing-auth", "{}");
        put();

        await().atMost(Duration.ofSeconds(10)).until(() -> state().equals("DELIVERED"));
        assertThat(hooks.peek().headers().get("authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("eventbus:pa55:word".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anApiKeyConnectionSendsItsHeaderOverAConfiguredOne() throws Exception {
        connection("crm-key", "API_KEY", "{\"apiKeyName\": \"x-api-key\"}", "ak_live_0123456789");
        webhook("crm-key", "{\"X-Api-Key\": \"from-the-target\", \"x-team\": \"crm\"}");
        put();

        await().atMost(Duration.ofSeconds(10)).until(() -> state().equals("DELIVERED"));
        assertThat(hooks.peek().headers()).containsEntry("x-api-key", "ak_live_0123456789").containsEntry("x-team", "crm");
    }

    @Test
    void oauthDeliveriesShareOneTokenRequest() throws Exception {
        oauthConnection();
        webhook("erp-oauth", "{}");
        tokenDelayMillis = 300; // both deliveries ask while the request is under way
        put(2);

        await().atMost(Duration.ofSeconds(10)).until(() -> states().equals(List.of("DELIVERED", "DELIVERED")));
        assertThat(tokenCalls.get()).isEqualTo(1);
        assertThat(hooks).extracting(r -> r.headers().get("authorization")).containsExactly("Bearer tok-1", "Bearer tok-1");
        Received token = tokenRequests.peek();
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.headers().get("content-type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(token.body()).isEqualTo("grant_type=client_credentials&scope=events.write");
        assertThat(token.headers().get("authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("eventbus-client:cs_secret".getBytes(StandardCharsets.UTF_8)));

        put();
        await().atMost(Duration.ofSeconds(10)).until(() -> states().equals(List.of("DELIVERED", "DELIVERED", "DELIVERED")));
        assertThat(tokenCalls.get()).as("the token is kept").isEqualTo(1);
    }

    @Test
    void a401DropsTheTokenAndTheRetryFetchesANewOne() throws Exception {
        oauthConnection();
        webhook("erp-oauth", "{}");
        hookAnswers.add(401);
        put();

        await().atMost(Duration.ofSeconds(15)).until(() -> state().equals("DELIVERED"));
        assertThat(tokenCalls.get()).isEqualTo(2);
        assertThat(hooks).extracting(r -> r.headers().get("authorization")).containsExactly("Bearer tok-1", "Bearer tok-2");
        assertThat(db.strings("SELECT attempt || ':' || coalesce(status::text, '-') FROM delivery_attempt ORDER BY attempt"))
                .containsExactly("1:401", "2:200");
    }

    @Test
    void aSecond401InARowIsPermanent() throws Exception {
        oauthConnection();
        webhook("erp-oauth", "{}");
        hookAnswers.addAll(List.of(401, 401, 401));
        put();

        await().atMost(Duration.ofSeconds(15)).until(() -> state().equals("DEAD_LETTERED"));
        assertThat(hooks).hasSize(2);
        assertThat(db.strings("SELECT last_error FROM delivery")).singleElement().asString().startsWith("HTTP_401");
    }

    @Test
    void aFailedTokenRequestIsARetryableAttemptWithAClearError() throws Exception {
        oauthConnection();
        webhook("erp-oauth", "{}");
        tokenAnswers.add(503);
        put();

        await().atMost(Duration.ofSeconds(15)).until(() -> state().equals("DELIVERED"));
        assertThat(hooks).hasSize(1);
        List<String> errors = db.strings("SELECT coalesce(error, '-') FROM delivery_attempt ORDER BY attempt");
        assertThat(errors).containsExactly("OAUTH_TOKEN_ERROR: the token endpoint of connection erp-oauth answered 503"
                + " (temporarily_unavailable)", "-");
        assertThat(String.join(" ", errors)).doesNotContain("cs_secret");
    }

    @Test
    void signsWithTheCurrentAndEveryPreviousSecretSoEitherVerifies() throws Exception {
        webhookConfig("\"signingSecret\": \"" + secrets.encrypt(CURRENT) + "\", \"previousSigningSecrets\": [\""
                + secrets.encrypt(PREVIOUS) + "\"]", null);
        put();

        await().atMost(Duration.ofSeconds(10)).until(() -> state().equals("DELIVERED"));
        Received r = hooks.peek();
        String signed = r.headers().get("webhook-id") + "." + r.headers().get("webhook-timestamp") + "." + r.body();
        String[] signatures = r.headers().get("webhook-signature").split(" ");
        assertThat(signatures).containsExactly("v1," + hmac(CURRENT, signed), "v1," + hmac(PREVIOUS, signed));
    }

    @Test
    void aSecretEncryptedWithAnotherKeyIsARetryableErrorThatSaysSo() throws Exception {
        String otherKey = secrets.encrypt(CURRENT).replaceFirst("^eb1:[0-9a-f]{8}:", "eb1:00000000:");
        webhookConfig("\"signingSecret\": \"" + otherKey + "\"", null);
        put();

        await().atMost(Duration.ofSeconds(10)).until(() -> state().equals("RETRYABLE"));
        assertThat(hooks).isEmpty();
        assertThat(db.strings("SELECT error FROM delivery_attempt")).singleElement().asString()
                .startsWith("SECRET_UNREADABLE: the signing secret: secret was encrypted with another key");
    }

    private void oauthConnection() {
        connection("erp-oauth", "OAUTH_CLIENT_CREDENTIALS", "{\"authorizationEndpoint\": \"http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/token\", \"clientId\": \"eventbus-client\", \"scope\":"
                + " \"events.write\", \"httpMethod\": \"POST\"}", "cs_secret");
    }

    private void connection(String name, String type, String parameters, String secret) {
        db.execute("INSERT INTO connection (name, authorization_type, parameters, secret) VALUES (?, ?, CAST(? AS jsonb), ?)",
                name, type, parameters, secrets.encrypt(secret));
    }

    private void webhook(String connection, String headers) {
        webhookConfig("\"headers\": " + headers + ", \"connection\": \"" + connection + "\"", connection);
    }

    private void webhookConfig(String fields, String connection) {
        db.execute("""
                INSERT INTO target (rule_id, target_id, position, type, config, maximum_retry_attempts, connection_id)
                SELECT r.id, 'hook', 0, 'webhook', CAST(? AS jsonb), 3, (SELECT id FROM connection WHERE name = ?)
                FROM rule r WHERE r.name = 'orders'
                """, "{\"url\": \"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\", \"method\": \"POST\","
                + " \"timeoutMillis\": 2000, " + fields + "}", connection);
        match.refresh("default");
    }

    private void put() throws Exception {
        put(1);
    }

    private void put(int events) throws Exception {
        List<ParsedEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < events; i++) {
            entries.add(ParsedEntry.ok(new Entry("shop", "Order Placed", "{\"total\":" + i + "}", List.of(), null, null)));
        }
        accept.accept("default", entries).get();
    }

    private String state() {
        List<String> states = states();
        return states.size() == 1 ? states.get(0) : String.valueOf(states);
    }

    private List<String> states() {
        return db.strings("SELECT state FROM delivery ORDER BY created_at, id");
    }

    private static Received read(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
        return new Received(exchange.getRequestMethod(), headers,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis); // the token endpoint is slow on purpose
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String secret(String key) {
        return "whsec_" + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** What a receiver computes per Standard Webhooks, independently of the code under test. */
    private static String hmac(String secret, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
