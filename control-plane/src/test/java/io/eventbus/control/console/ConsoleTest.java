package io.eventbus.control.console;

import io.eventbus.control.support.AdminApi;
import io.eventbus.control.support.AdminApi.Reply;
import io.eventbus.control.support.ControlPlaneTest;
import io.eventbus.core.auth.ConsoleSession;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's files, its client-side routes, its security headers, and sign-in with the session cookie. */
@MicronautTest
class ConsoleTest extends ControlPlaneTest {

    @Test
    void servesTheAppAtTheRootAndForClientSideRoutes() {
        for (String path : new String[]{"/", "/buses", "/buses/orders/rules/big-orders",
                "/buses/shop.orders", "/buses/shop.orders/rules/v1.2"}) {
            Reply page = anonymous("GET", path, null, Map.of());
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.body()).contains("<div id=\"root\">");
            assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
            assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'")
                    .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void servesHashedAssetsForAYearAndMissingFilesAsNotFound() {
        Reply asset = anonymous("GET", "/assets/app-abc123.js", null, Map.of());
        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.header("Content-Type")).startsWith("text/javascript");
        assertThat(asset.header("Cache-Control")).contains("immutable");
        assertThat(anonymous("GET", "/assets/gone-000.js", null, Map.of()).status()).isEqualTo(404);
        assertThat(anonymous("GET", "/favicon-gone.ico", null, Map.of()).status()).isEqualTo(404);
        assertThat(anonymous("GET", "/../etc/passwd", null, Map.of()).status()).isIn(400, 404);
    }

    @Test
    void unknownApiPathsStayProblems() {
        assertThat(api.get("/v1/no-such-thing").problemCode(404)).isEqualTo("NotFound");
        assertThat(api.get("/health-not").status()).as("non-API paths go to the app").isEqualTo(200);
        assertThat(api.get("/v1/buses/default").status()).as("routes win over the console").isEqualTo(200);
    }

    @Test
    void signsInWithTheAdminTokenIntoAnHttpOnlyStrictCookie() {
        assertThat(anonymous("POST", "/v1/session", "{\"token\": \"not-the-token\"}", Map.of()).problemCode(401))
                .isEqualTo("Unauthorized");
        assertThat(anonymous("GET", "/v1/buses", null, Map.of()).status()).isEqualTo(401);

        Reply signedIn = anonymous("POST", "/v1/session", "{\"token\": \"" + AdminApi.TOKEN + "\"}", Map.of());
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(204);
        String setCookie = signedIn.header("Set-Cookie");
        assertThat(setCookie).startsWith(ConsoleSession.COOKIE + "=v2.").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict").contains("Path=/").doesNotContain(AdminApi.TOKEN);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        Reply buses = anonymous("GET", "/v1/buses", null, Map.of("Cookie", cookie));
        assertThat(buses.status()).as(buses.body()).isEqualTo(200);
        assertThat(anonymous("GET", "/v1/session", null, Map.of("Cookie", cookie)).json().has("expiresAt")).isTrue();

        String origin = "http://" + server.getHost() + ":" + server.getPort();
        Reply sameSite = anonymous("POST", "/v1/buses", "{\"name\": \"from-console\"}",
                Map.of("Cookie", cookie, "Origin", origin, "Sec-Fetch-Site", "same-origin"));
        assertThat(sameSite.status()).as(sameSite.body()).isEqualTo(201);

        // another page on this machine (a foreign Origin on loopback passes Micronaut's own localhost guard)
        Reply otherSite = anonymous("POST", "/v1/buses", "{\"name\": \"forged\"}",
                Map.of("Cookie", cookie, "Origin", "http://localhost:1", "Sec-Fetch-Site", "same-site"));
        assertThat(otherSite.problemCode(403)).isEqualTo("Forbidden");
        Reply otherOrigin = anonymous("POST", "/v1/buses", "{\"name\": \"forged\"}",
                Map.of("Cookie", cookie, "Origin", "http://localhost:1"));
        assertThat(otherOrigin.problemCode(403)).isEqualTo("Forbidden");
        assertThat(api.get("/v1/buses/forged").status()).isEqualTo(404);

        Reply signedOut = anonymous("DELETE", "/v1/session", null, Map.of("Cookie", cookie));
        assertThat(signedOut.status()).isEqualTo(204);
        assertThat(signedOut.header("Set-Cookie")).contains("Max-Age=0");
    }

    @Test
    void aTamperedOrForeignCookieIsNoSession() {
        Reply signedIn = anonymous("POST", "/v1/session", "{\"token\": \"" + AdminApi.TOKEN + "\"}", Map.of());
        String value = signedIn.header("Set-Cookie").split(";")[0].split("=", 2)[1];
        String[] parts = value.split("\\.");
        String longer = parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 86_400) + "." + parts[3];
        assertThat(anonymous("GET", "/v1/buses", null, Map.of("Cookie", ConsoleSession.COOKIE + "=" + longer)).status())
                .isEqualTo(401);
        assertThat(anonymous("GET", "/v1/buses", null, Map.of("Cookie", ConsoleSession.COOKIE + "=v1.9999999999.x")).status())
                .isEqualTo(401);
        String otherId = parts[0] + ".AAAAAAAAAAAAAAAAAAAAAA." + parts[2] + "." + parts[3];
        assertThat(anonymous("GET", "/v1/buses", null, Map.of("Cookie", ConsoleSession.COOKIE + "=" + otherId)).status())
                .as("another session id under the same signature").isEqualTo(401);
    }

    @Test
    void signingOutEndsTheSessionOnTheServerNotOnlyInTheBrowser() {
        String signedOut = signIn();
        String other = signIn();
        assertThat(anonymous("GET", "/v1/buses", null, Map.of("Cookie", signedOut)).status()).isEqualTo(200);

        Reply signOut = anonymous("DELETE", "/v1/session", null, Map.of("Cookie", signedOut));
        assertThat(signOut.status()).as(signOut.body()).isEqualTo(204);
        assertThat(signOut.header("Set-Cookie")).contains("Max-Age=0");

        // the copy of the cookie a browser would have deleted
        Reply copied = anonymous("GET", "/v1/buses", null, Map.of("Cookie", signedOut));
        assertThat(copied.problemCode(401)).isEqualTo("Unauthorized");
        assertThat(anonymous("GET", "/v1/session", null, Map.of("Cookie", signedOut)).status())
                .as("the console sees it is signed out").isEqualTo(401);
        assertThat(anonymous("GET", "/v1/buses", null, Map.of("Cookie", other)).status())
                .as("another session of the admin").isEqualTo(200);
        assertThat(api.get("/v1/buses").status()).as("the admin token").isEqualTo(200);
        assertThat(anonymous("DELETE", "/v1/session", null, Map.of("Cookie", signedOut)).status())
                .as("signing out twice").isEqualTo(204);
        assertThat(anonymous("DELETE", "/v1/session", null, Map.of()).status()).as("without a cookie").isEqualTo(204);
    }

    private String signIn() {
        Reply signedIn = anonymous("POST", "/v1/session", "{\"token\": \"" + AdminApi.TOKEN + "\"}", Map.of());
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(204);
        String setCookie = signedIn.header("Set-Cookie");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private Reply anonymous(String method, String path, String body, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Authorization", null);
        return api.send(method, path, body, all);
    }
}
