package io.eventbus.core.auth;

import io.eventbus.core.startup.StartupFailure;
import io.eventbus.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminTokenTest {

    private static final String BOTH = "control,data";

    @TempDir
    Path home;

    @Test
    void generatesATokenOnFirstStartReadableOnlyByTheOwner() throws IOException {
        AdminToken token = new AdminToken(null, home.toString(), BOTH);

        Path file = home.resolve("admin-token");
        String stored = Files.readString(file).trim();
        assertThat(stored).startsWith(AdminToken.PREFIX).hasSizeGreaterThan(40);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(token.matches(stored)).isTrue();
        assertThat(token.origin()).contains(file.toString()).doesNotContain(stored);
    }

    @Test
    void showsAGeneratedTokenOnlyOnce() {
        AdminToken token = new AdminToken(null, home.toString(), BOTH);

        String shown = token.takeNewlyGenerated().orElseThrow();
        assertThat(token.matches(shown)).isTrue();
        assertThat(token.takeNewlyGenerated()).isEmpty();
    }

    @Test
    void aLaterStartReusesTheStoredTokenWithoutShowingIt() {
        String first = new AdminToken(null, home.toString(), BOTH).takeNewlyGenerated().orElseThrow();

        AdminToken again = new AdminToken(null, home.toString(), BOTH);

        assertThat(again.matches(first)).isTrue();
        assertThat(again.takeNewlyGenerated()).isEmpty();
    }

    @Test
    void aConfiguredTokenWinsAndNothingIsWritten() {
        AdminToken token = new AdminToken("  s3cret-from-the-environment  ", home.toString(), BOTH);

        assertThat(token.matches("s3cret-from-the-environment")).isTrue();
        assertThat(token.origin()).isEqualTo("from EVENTBUS_ADMIN_TOKEN");
        assertThat(home.resolve("admin-token")).doesNotExist();
        assertThat(token.takeNewlyGenerated()).isEmpty();
    }

    @Test
    void refusesAShortConfiguredToken() {
        assertThatThrownBy(() -> new AdminToken("short", home.toString(), BOTH))
                .isInstanceOf(StartupFailure.class)
                .hasMessageContaining("shorter than 16");
    }

    @Test
    void refusesAnEmptyTokenFileInsteadOfReplacingIt() throws IOException {
        Files.writeString(home.resolve("admin-token"), "\n");

        assertThatThrownBy(() -> new AdminToken(null, home.toString(), BOTH))
                .isInstanceOf(StartupFailure.class)
                .hasMessageContaining("empty or too short");
        assertThat(Files.readString(home.resolve("admin-token"))).isEqualTo("\n");
    }

    @Test
    void rejectsWrongMissingAndPrefixTokens() {
        AdminToken token = new AdminToken("correct-horse-battery-staple", home.toString(), BOTH);

        assertThat(token.matches(null)).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches("correct-horse-battery")).isFalse();
        assertThat(token.matches("correct-horse-battery-staple!")).isFalse();
    }

    @Test
    void aDataOnlyProcessGeneratesNoTokenAndAcceptsNone() throws Exception {
        AdminToken token = new AdminToken(null, home.toString(), "data");

        assertThat(token.isSet()).isFalse();
        assertThat(home.resolve("admin-token")).doesNotExist();
        assertThat(token.matches("")).isFalse();
        assertThat(token.origin()).contains("EVENTBUS_ADMIN_TOKEN");
        RevokedSessions revoked = new RevokedSessions(TestDatabase.get().dataSource(), Clock.systemUTC());
        String issuedElsewhere = new ConsoleSession(new AdminToken("correct-horse-battery-staple", home.toString(),
                BOTH), Duration.ofHours(1), revoked, Clock.systemUTC()).issue();
        assertThat(new ConsoleSession(token, Duration.ofHours(1), revoked, Clock.systemUTC()).verify(issuedElsewhere)).isEmpty();
    }

    @Test
    void aDataOnlyProcessUsesAConfiguredOrStoredToken() {
        assertThat(new AdminToken("correct-horse-battery-staple", home.toString(), "data")
                .matches("correct-horse-battery-staple")).isTrue();

        String stored = new AdminToken(null, home.toString(), "control").takeNewlyGenerated().orElseThrow();
        AdminToken dataOnly = new AdminToken(null, home.toString(), "data");

        assertThat(dataOnly.isSet()).isTrue();
        assertThat(dataOnly.matches(stored)).isTrue();
        assertThat(dataOnly.takeNewlyGenerated()).isEmpty();
    }
}
