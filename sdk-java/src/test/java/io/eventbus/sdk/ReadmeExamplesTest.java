package io.eventbus.sdk;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles and runs the examples of {@code sdk-java/README.md} against the real server, as its "How it is tested"
 * section promises: every {@code ```java} block, in order, as the body of one method with the variables listed
 * there. A compile error names the README's line; a failing example fails the test with its exception.
 */
class ReadmeExamplesTest {

    static final Path README = Path.of("README.md");
    static final String CLASS = "ReadmeExamples";
    static final String IMPORTS = """
            import java.util.*;
            import java.util.concurrent.*;
            import java.net.URI;
            import java.time.*;
            import io.eventbus.sdk.*;
            """;
    static final String PARAMETERS = "URI endpoint, String adminToken, String apiKey, String webhookSecret,"
            + " String webhookPayload, Map<String, List<String>> webhookHeaders";

    /** A line of an example, with its line number in the README. */
    record Line(int readmeLine, String text) {
    }

    /** A webhook delivery as the receiver got it. */
    record Delivery(String payload, Map<String, List<String>> headers) {
    }

    @Test
    void theExamplesCompileAndRun(@org.junit.jupiter.api.io.TempDir Path classes) throws Throwable {
        List<Line> lines = javaBlocks(Files.readAllLines(README, StandardCharsets.UTF_8));
        assertThat(lines).as("```java blocks in " + README).isNotEmpty();
        Method run = compile(lines, classes);

        RunningEventbus server = RunningEventbus.get();
        Admin admin = server.asAdmin().admin();
        admin.buses().create("orders");
        admin.queues().create("orders-queue");
        admin.rules("orders").put("to-queue", RuleRequest.builder()
                .eventPattern(EventPattern.builder().exists("source", true).build())
                .target(Target.queue("queue", "orders-queue")).build());
        MatchingRules.await(server, "orders", 1);
        String apiKey = admin.apiKeys().create("readme", List.of("orders"), List.of("orders-queue")).secret();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        try {
            CompletableFuture<Delivery> delivered = new CompletableFuture<>();
            receiver.createContext("/hooks", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                delivered.complete(new Delivery(body, new LinkedHashMap<>(exchange.getRequestHeaders())));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            receiver.start();
            String webhookSecret = signedWebhook(admin, receiver.getAddress().getPort());
            Delivery delivery = delivered.get(60, TimeUnit.SECONDS);

            invoke(run, server.endpoint(), RunningEventbus.ADMIN_TOKEN, apiKey, webhookSecret, delivery.payload(),
                    delivery.headers());
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aCompileErrorNamesTheReadmeLine(@org.junit.jupiter.api.io.TempDir Path classes) {
        List<String> readme = List.of("# x", "", "```java", "int a = 1;", "int b = notDeclared;", "```");

        List<Line> lines = javaBlocks(readme);

        assertThat(lines).extracting(Line::readmeLine).containsExactly(4, 5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> compile(lines, classes))
                .isInstanceOf(AssertionError.class).hasMessageContaining("README.md:5")
                .hasMessageContaining("notDeclared");
    }

    /** A rule on its own bus with a webhook to the receiver, signed with a generated secret; one event put. */
    private static String signedWebhook(Admin admin, int port) {
        admin.buses().create("readme-webhook");
        Rule rule = admin.rules("readme-webhook").put("to-receiver", RuleRequest.builder()
                .eventPattern(EventPattern.builder().exists("source", true).build())
                .target(Target.webhook("receiver", Webhook.to("http://127.0.0.1:" + port + "/hooks")
                        .generateSigningSecret().build()))
                .build());
        String secret = rule.target("receiver").webhook().signingSecret();
        MatchingRules.await(RunningEventbus.get(), "readme-webhook", 1);
        RunningEventbus.get().asAdmin().putEvents("readme-webhook", List.of(Event.builder().source("shop.orders")
                .detailType("Order Placed").detail("{\"orderId\": \"o-42\"}").build()));
        return secret;
    }

    /** The lines of every {@code ```java} block, in order. */
    static List<Line> javaBlocks(List<String> readme) {
        List<Line> lines = new ArrayList<>();
        boolean inJava = false;
        for (int i = 0; i < readme.size(); i++) {
            String text = readme.get(i);
            if (!inJava && text.strip().equals("```java")) {
                inJava = true;
            } else if (inJava && text.strip().equals("```")) {
                inJava = false;
            } else if (inJava) {
                lines.add(new Line(i + 1, text));
            }
        }
        return lines;
    }

    /** The examples compiled into {@code classes}; their method. A compile error names the README's lines. */
    static Method compile(List<Line> lines, Path classes) throws Exception {
        String header = IMPORTS + "public class " + CLASS + " {\n    public static void run(" + PARAMETERS
                + ") throws Exception {\n";
        int firstLine = (int) header.lines().count() + 1;
        String source = header + lines.stream().map(Line::text).collect(Collectors.joining("\n")) + "\n    }\n}\n";
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + CLASS + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
                "-proc:none", "-Xlint:none");
        boolean compiled = compiler.getTask(null, null, diagnostics, options, null, List.of(file)).call();
        if (!compiled) {
            throw new AssertionError("the README's examples do not compile:\n" + diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> where(d, lines, firstLine) + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n")));
        }
        URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()},
                ReadmeExamplesTest.class.getClassLoader());
        return Arrays.stream(loader.loadClass(CLASS).getMethods()).filter(m -> m.getName().equals("run"))
                .findFirst().orElseThrow();
    }

    private static String where(Diagnostic<?> diagnostic, List<Line> lines, int firstLine) {
        int index = (int) diagnostic.getLineNumber() - firstLine;
        return index >= 0 && index < lines.size() ? README + ":" + lines.get(index).readmeLine()
                : "the harness's line " + diagnostic.getLineNumber();
    }

    private static void invoke(Method run, Object... arguments) throws Throwable {
        try {
            run.invoke(null, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
