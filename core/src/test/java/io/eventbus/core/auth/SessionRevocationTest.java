package io.eventbus.core.auth;

import io.eventbus.core.testing.CleanDatabase;
import io.eventbus.core.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Signing out revokes a console session in every process on the database: two application contexts stand for a
 * control-plane and a data-plane pod (each with its own connection pool and listener), a third for a pod started
 * after the sign-out.
 */
@ExtendWith(CleanDatabase.class)
class SessionRevocationTest {

    @Test
    void aSignOutInOneProcessReachesTheOthersAndThoseStartedLater() throws Exception {
        try (ApplicationContext control = process();
             ApplicationContext data = process()) {
            ConsoleSession here = control.getBean(ConsoleSession.class);
            ConsoleSession there = data.getBean(ConsoleSession.class);
            String signedOut = here.issue();
            String other = here.issue();
            assertThat(there.verify(signedOut)).as("a session of one process is valid in another").isPresent();

            assertThat(here.revoke(signedOut)).isTrue();

            assertThat(here.verify(signedOut)).as("where it was signed out: at once").isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> there.verify(signedOut).isEmpty());
            assertThat(there.verify(other)).as("another session").isPresent();
            assertThat(here.verify(other)).isPresent();
            assertThat(TestDatabase.get().strings("SELECT count(*) FROM console_session_revocation"))
                    .containsExactly("1");

            try (ApplicationContext later = process()) {
                ConsoleSession started = later.getBean(ConsoleSession.class);
                assertThat(started.verify(signedOut)).as("a process started after the sign-out").isEmpty();
                assertThat(started.verify(other)).isPresent();
            }
        }
    }

    /** A process on the test database, with both roles, as the single jar runs. */
    private static ApplicationContext process() {
        return ApplicationContext.run(new HashMap<String, Object>(TestDatabase.get().micronautProperties()));
    }

    @Test
    void onlyAValidSessionIsRevokedAndAnExpiredRevocationIsForgotten() throws Exception {
        Instant now = Instant.parse("2025-06-01T12:00:00Z");
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes();
        RevokedSessions revoked = new RevokedSessions(TestDatabase.get().dataSource(), Clock.fixed(now, ZoneOffset.UTC));
        ConsoleSession sessions = new ConsoleSession(key, Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC), revoked);
        String session = sessions.issue();

        assertThat(sessions.revoke("v1.9999999999.x")).isFalse();
        assertThat(sessions.revoke(null)).isFalse();
        String[] parts = session.split("\\.");
        assertThat(sessions.revoke(parts[0] + ".other-id." + parts[2] + "." + parts[3])).as("forged").isFalse();
        assertThat(TestDatabase.get().strings("SELECT count(*) FROM console_session_revocation")).containsExactly("0");
        assertThat(sessions.verify(session)).contains(now.plus(Duration.ofHours(1)));

        assertThat(sessions.revoke(session)).isTrue();
        assertThat(sessions.verify(session)).isEmpty();
        String id = parts[1];
        assertThat(revoked.isRevoked(id)).isTrue();

        RevokedSessions twoHoursLater = new RevokedSessions(TestDatabase.get().dataSource(),
                Clock.fixed(now.plus(Duration.ofHours(2)), ZoneOffset.UTC));
        assertThat(twoHoursLater.isRevoked(id)).as("expired anyway: not loaded").isFalse();
        revoked.announced(RevokedSessions.KIND + "another:" + now.minusSeconds(1).getEpochSecond());
        assertThat(revoked.isRevoked("another")).as("announced already expired").isFalse();
        revoked.announced("orders");
        revoked.announced(RevokedSessions.KIND + "garbage");
        assertThat(revoked.isRevoked(id)).isTrue();
    }
}
