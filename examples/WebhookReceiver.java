import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A webhook receiver for trying Eventbus on one machine, with nothing but a JDK:
 * {@code java examples/WebhookReceiver.java 9000}. It prints every request (the Standard Webhooks headers, the
 * credentials of a connection in {@code authorization} or {@code x-api-key}, and the body) and answers 200, except on paths starting with /fail, which it answers 400 (so the delivery is
 * dead-lettered). Listens on 127.0.0.1 only.
 */
public class WebhookReceiver {

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9000;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = exchange.getRequestURI().getPath().startsWith("/fail") ? 400 : 200;
            StringBuilder credentials = new StringBuilder();
            for (String header : new String[]{"authorization", "x-api-key"}) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    credentials.append("  ").append(header).append(": ").append(value).append('\n');
                }
            }
            System.out.printf("%s %s -> %d%n  webhook-id: %s%n  webhook-signature: %s%n%s  %s%n%n",
                    exchange.getRequestMethod(), exchange.getRequestURI(), status,
                    exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), credentials, body);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        System.out.println("listening on http://127.0.0.1:" + port + " (paths /fail... answer 400)");
    }
}
