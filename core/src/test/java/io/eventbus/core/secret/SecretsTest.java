package io.eventbus.core.secret;

import io.eventbus.core.startup.StartupFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsTest {

    static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String OTHER_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());

    @TempDir
    Path home;

    private Secrets withKey(String key) {
        return new Secrets(key, home.toString(), null);
    }

    @Test
    void encryptsToAVersionedValueThatDecryptsBack() {
        Secrets secrets = withKey(KEY);

        String stored = secrets.encrypt("hunter2-is-my-password");

        assertThat(stored).startsWith("eb1:").doesNotContain("hunter2");
        assertThat(stored.split(":")).hasSize(3);
        assertThat(Secrets.isEncrypted(stored)).isTrue();
        assertThat(secrets.decrypt(stored)).isEqualTo("hunter2-is-my-password");
        assertThat(secrets.encrypt("hunter2-is-my-password")).as("a new nonce each time").isNotEqualTo(stored);
        assertThat(secrets.decrypt(secrets.encrypt(""))).isEmpty();
        assertThat(secrets.decrypt(secrets.encrypt("ünïcødé ✓"))).isEqualTo("ünïcødé ✓");
    }

    @Test
    void aTamperedValueIsRefused() {
        Secrets secrets = withKey(KEY);
        String stored = secrets.encrypt("hunter2");
        byte[] data = Base64.getUrlDecoder().decode(stored.substring(stored.lastIndexOf(':') + 1));
        data[data.length - 1] ^= 1;
        String tampered = stored.substring(0, stored.lastIndexOf(':') + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(data);

        assertThatThrownBy(() -> secrets.decrypt(tampered)).isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining("damaged");
        assertThatThrownBy(() -> secrets.decrypt(stored.substring(0, 20))).isInstanceOf(SecretUnreadable.class);
        assertThatThrownBy(() -> secrets.decrypt("whsec_plaintext")).isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining("not encrypted");
    }

    @Test
    void anotherKeyGivesAClearErrorNotGarbage() {
        String stored = withKey(KEY).encrypt("hunter2");

        assertThatThrownBy(() -> withKey(OTHER_KEY).decrypt(stored))
                .isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining("secret was encrypted with another key")
                .hasMessageContaining("set EVENTBUS_SECRET_KEY to the key used before")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOwnerOnlyAndReusedOnTheNextStart() throws IOException {
        Secrets first = new Secrets(null, home.toString(), "control,data");
        Path file = home.resolve("secret-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
        assertThat(first.origin()).contains(file.toString());
        assertThat(home.resolve("secret-key.tmp")).doesNotExist();
        String stored = first.encrypt("hunter2");
        String content = Files.readString(file);

        Secrets next = new Secrets("  ", home.toString(), "data");

        assertThat(next.decrypt(stored)).isEqualTo("hunter2");
        assertThat(Files.readString(file)).as("not rewritten").isEqualTo(content);
    }

    @Test
    void aConfiguredKeyWinsAndNothingIsWritten() {
        Secrets secrets = withKey(" " + KEY + "\n");

        assertThat(secrets.origin()).isEqualTo("from EVENTBUS_SECRET_KEY");
        assertThat(home.resolve("secret-key")).doesNotExist();
        assertThat(withKey(KEY).decrypt(secrets.encrypt("x"))).isEqualTo("x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64 at all!", "c2hvcnQ=", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYwMQ=="})
    void aBadConfiguredKeyStopsTheStartWithOneLine(String key) {
        assertThatThrownBy(() -> withKey(key))
                .isInstanceOf(StartupFailure.class)
                .hasMessage("EVENTBUS_SECRET_KEY is not the base64 of 32 bytes; use the key used before, or for a new"
                        + " installation: openssl rand -base64 32");
    }

    @Test
    void aDamagedKeyFileStopsTheStartInsteadOfBeingReplaced() throws IOException {
        Files.writeString(home.resolve("secret-key"), "oops\n");

        assertThatThrownBy(() -> new Secrets(null, home.toString(), null))
                .isInstanceOf(StartupFailure.class)
                .hasMessageContaining("does not hold the base64 of 32 bytes");
        assertThat(Files.readString(home.resolve("secret-key"))).isEqualTo("oops\n");
    }
}
