package io.eventbus.data.retry;

import io.eventbus.data.egress.EgressRefused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class ClassifyResponseTest {

    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "200, Delivered", "201, Delivered", "204, Delivered", "299, Delivered",
            "408, Retryable", "429, Retryable", "500, Retryable", "502, Retryable", "503, Retryable", "504, Retryable",
            "400, Permanent", "401, Permanent", "403, Permanent", "404, Permanent", "410, Permanent", "413, Permanent",
            "422, Permanent", "301, Permanent", "302, Permanent", "100, Permanent",
    })
    void classifiesStatusCodes(int status, String kind) {
        assertThat(ClassifyResponse.status(status, null, NOW).getClass().getSimpleName()).isEqualTo(kind);
    }

    @ParameterizedTest(name = "Retry-After: {0}")
    @CsvSource(delimiter = '|', value = {
            "120                           | PT2M",
            "0                             | PT0S",
            "Thu, 26 Nov 2026 10:00:30 GMT | PT30S",
            "Thu, 26 Nov 2026 09:00:00 GMT | ",
            "soon                          | ",
            "-5                            | ",
    })
    void readsRetryAfterAsSecondsOrAnHttpDate(String header, String expected) {
        DeliveryOutcome outcome = ClassifyResponse.status(503, header, NOW);
        Optional<Duration> retryAfter = ((DeliveryOutcome.Retryable) outcome).retryAfter();
        assertThat(retryAfter).isEqualTo(expected == null ? Optional.empty() : Optional.of(Duration.parse(expected)));
    }

    @ParameterizedTest(name = "after {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "                                          | Retryable",
            "HTTP_503: the target answered 503         | Retryable",
            "OAUTH_TOKEN_ERROR: the token endpoint ... | Retryable",
            "HTTP_401: the target answered 401 to the OAuth token; the retry uses a new token | Permanent",
    })
    void a401ToAnOAuthTokenIsRetriedOnceWithANewToken(String previousError, String kind) {
        DeliveryOutcome outcome = ClassifyResponse.unauthorizedWithToken(previousError, NOW);

        assertThat(outcome.getClass().getSimpleName()).isEqualTo(kind);
        assertThat(outcome).isInstanceOfAny(DeliveryOutcome.Retryable.class, DeliveryOutcome.Permanent.class);
        String code = outcome instanceof DeliveryOutcome.Retryable r ? r.errorCode() : ((DeliveryOutcome.Permanent) outcome).errorCode();
        assertThat(code).isEqualTo("HTTP_401");
    }

    @Test
    void noAnswerIsRetryable() {
        assertThat(ClassifyResponse.failure(new CompletionException(new InterruptedIOException("timeout"))))
                .isInstanceOfSatisfying(DeliveryOutcome.Retryable.class, r -> assertThat(r.errorCode()).isEqualTo("TIMEOUT"));
        assertThat(ClassifyResponse.failure(new CompletionException(new SocketTimeoutException("connect timed out"))))
                .isInstanceOfSatisfying(DeliveryOutcome.Retryable.class, r -> assertThat(r.errorCode()).isEqualTo("TIMEOUT"));
        assertThat(ClassifyResponse.failure(new ConnectException("Failed to connect to /10.1.2.3:443")))
                .isInstanceOfSatisfying(DeliveryOutcome.Retryable.class, r -> {
                    assertThat(r.errorCode()).isEqualTo("CONNECTION_ERROR");
                    assertThat(r.errorMessage()).isEqualTo("Failed to connect to /10.1.2.3:443");
                });
        assertThat(ClassifyResponse.failure(new UnknownHostException("hooks.invalid")))
                .isInstanceOfSatisfying(DeliveryOutcome.Retryable.class,
                        r -> assertThat(r.errorMessage()).isEqualTo("unknown host hooks.invalid"));
    }

    @Test
    void anAddressRefusedByTheEgressPolicyIsPermanentWhereverItIsWrapped() {
        ConnectException wrapped = new ConnectException("Failed to connect to localhost/127.0.0.1:9000");
        wrapped.initCause(new EgressRefused("localhost is 127.0.0.1, an internal address"));
        assertThat(ClassifyResponse.failure(new CompletionException(wrapped)))
                .isEqualTo(new DeliveryOutcome.Permanent("EGRESS_BLOCKED", "localhost is 127.0.0.1, an internal address"));
    }
}
