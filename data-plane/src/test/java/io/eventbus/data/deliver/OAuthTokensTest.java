package io.eventbus.data.deliver;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.connection.AuthorizationType;
import io.eventbus.core.egress.EgressPolicy;
import io.eventbus.data.egress.OutboundHttp;
import io.eventbus.data.retry.DeliveryOutcome;
import io.eventbus.data.outbox.StoredConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class OAuthTokensTest {

    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "expires_in {0} -> refresh after {1}")
    @CsvSource(delimiter = '|', value = {
            "3600     | PT59M",
            "'\"600\"'| PT9M",
            "10       | PT9S",
            "         | PT59M",
            "0        | PT59M",
            "'\"soon\"' | PT59M",
    })
    void keepsATokenUntilShortlyBeforeItExpires(String expiresIn, String refreshAfter) throws Exception {
        Instant at = OAuthTokens.refreshAt(expiresIn == null ? JSON.missingNode() : JSON.readTree(expiresIn), NOW);

        assertThat(Duration.between(NOW, at)).isEqualTo(Duration.parse(refreshAfter));
    }

    @Test
    void aTokenEndpointOnAnInternalAddressIsRefusedLikeAWebhook() throws Exception {
        OAuthTokens tokens = new OAuthTokens(new OutboundHttp(new EgressPolicy(false)), Clock.systemUTC(), null);
        StoredConnection connection = new StoredConnection(1, 1, "erp-oauth", AuthorizationType.OAUTH_CLIENT_CREDENTIALS,
                JSON.readTree("{\"authorizationEndpoint\": \"http://169.254.169.254/token\", \"clientId\": \"c\"}"), "eb1:x");

        Throwable failure = catchThrowable(() -> tokens.token(connection, "the-client-secret").join());

        assertThat(failure).isInstanceOf(CompletionException.class).hasCauseInstanceOf(ConnectionFailed.class);
        ConnectionFailed failed = (ConnectionFailed) failure.getCause();
        assertThat(failed.outcome()).isInstanceOfSatisfying(DeliveryOutcome.Permanent.class,
                p -> assertThat(p.errorCode()).isEqualTo("EGRESS_BLOCKED"));
        assertThat(failed.getMessage()).contains("token endpoint of connection erp-oauth").contains("169.254.169.254")
                .doesNotContain("the-client-secret");
    }
}
