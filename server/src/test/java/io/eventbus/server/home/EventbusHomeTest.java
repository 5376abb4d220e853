package io.eventbus.server.home;

import io.eventbus.core.startup.StartupFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventbusHomeTest {

    @TempDir
    Path tmp;

    @Test
    void createsANewHomeWithItsMarker() {
        Path dir = tmp.resolve("new");
        try (EventbusHome home = EventbusHome.open(dir)) {
            assertThat(dir.resolve(EventbusHome.MARKER)).exists();
            assertThat(home.databaseDir()).isEqualTo(dir.resolve("postgres"));
        }
    }

    @Test
    void reopensItsOwnHome() {
        EventbusHome.open(tmp).close();
        EventbusHome.open(tmp).close();
        assertThat(tmp.resolve(EventbusHome.MARKER)).exists();
    }

    @Test
    void refusesAForeignDirectoryAndLeavesItAlone() throws IOException {
        Files.writeString(tmp.resolve("thesis.tex"), "years of work");

        assertThatThrownBy(() -> EventbusHome.open(tmp))
                .isInstanceOf(StartupFailure.class)
                .hasMessageContaining("is not an Eventbus home");
        try (var entries = Files.list(tmp)) {
            assertThat(entries).containsExactly(tmp.resolve("thesis.tex"));
        }
    }

    @Test
    void refusesAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");

        assertThatThrownBy(() -> EventbusHome.open(file)).hasMessageContaining("is a file");
    }

    @Test
    void refusesASecondProcessOnTheSameHome() {
        try (EventbusHome first = EventbusHome.open(tmp)) {
            assertThat(first.dir()).isEqualTo(tmp);
            assertThatThrownBy(() -> EventbusHome.open(tmp))
                    .isInstanceOf(StartupFailure.class)
                    .hasMessageContaining("another Eventbus process is running");
        }
        EventbusHome.open(tmp).close();
    }
}
