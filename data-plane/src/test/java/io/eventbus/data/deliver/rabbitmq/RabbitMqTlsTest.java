package io.eventbus.data.deliver.rabbitmq;

import io.eventbus.core.target.RabbitMqConfig;
import io.eventbus.data.deliver.Attempt;
import io.eventbus.data.deliver.Sent;
import io.eventbus.data.retry.DeliveryOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code amqps://} checks the broker's certificate: a broker whose certificate the JVM does not trust never completes
 * the TLS handshake (the AMQP client's own {@code amqps} would trust every certificate), and the attempt is retried.
 */
class RabbitMqTlsTest {

    @Test
    void aBrokerWithACertificateTheJvmDoesNotTrustIsRefusedInTheHandshake(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("broker.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0)
                .as(new String(keytool.getInputStream().readAllBytes())).isTrue();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);

        try (SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 5,
                InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> handshake = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                    return "completed";
                } catch (Exception e) {
                    return "failed: " + e;
                }
            });
            RabbitMqDriver driver = new RabbitMqDriver(null, Clock.systemUTC());
            try {
                Sent sent = driver.send(new Attempt("d-1", 1, "e-1", "default", "r", "{\"source\":\"shop\"}",
                                "{\"source\":\"shop\"}", false, null, null),
                        new RabbitMqConfig("amqps://127.0.0.1:" + server.getLocalPort(), null, "orders", null, null,
                                null)).get(30, TimeUnit.SECONDS);

                assertThat(handshake.get(30, TimeUnit.SECONDS)).as("the server's side of the handshake")
                        .startsWith("failed");
                assertThat(sent.outcome()).isInstanceOf(DeliveryOutcome.Retryable.class);
                assertThat(sent.outcome().errorCode()).isEqualTo("CONNECTION_ERROR");
            } finally {
                driver.close();
            }
        }
    }
}
