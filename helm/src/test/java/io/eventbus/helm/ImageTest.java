package io.eventbus.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.eventbus.helm.Manifests.env;
import static io.eventbus.helm.Manifests.eventbus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * There is no container engine here to build {@code server/Dockerfile}; this reads it and checks that the image
 * and the chart agree on what they share: the name, the user, the port, the home, the JVM flags.
 */
class ImageTest {

    private static final Path DOCKERFILE = Path.of(System.getProperty("eventbus.dockerfile", "../server/Dockerfile"));
    private static final Path REPOSITORY = Path.of(System.getProperty("eventbus.repository", ".."));
    private static final Pattern DOCKER_BUILD = Pattern.compile("docker build -t (\\S+)");

    private final List<String> instructions = instructions(DOCKERFILE);
    private final Container chart = eventbus(Chart.render().dataPlane());

    @Test
    void buildsOnATemurin17JreAndRunsTheFatJar() {
        assertThat(instruction("FROM")).hasValue("eclipse-temurin:17-jre");
        assertThat(instruction("COPY")).hasValue("target/eventbus.jar /opt/eventbus/eventbus.jar");
        assertThat(instruction("ENTRYPOINT")).hasValue("[\"java\", \"-jar\", \"/opt/eventbus/eventbus.jar\"]");
        assertThat(DOCKERFILE.resolveSibling(".dockerignore")).content()
                .contains("\n*\n", "!target/eventbus.jar");
    }

    @Test
    void runsAsTheNonRootUserThatTheChartRunsAs() throws IOException {
        JsonNode values = new ObjectMapper(new YAMLFactory()).readTree(Chart.DIR.resolve("values.yaml").toFile());

        assertThat(instruction("USER")).hasValue("10001:10001");
        assertThat(values.at("/podSecurityContext/runAsUser").asInt()).isEqualTo(10001);
        assertThat(values.at("/podSecurityContext/runAsGroup").asInt()).isEqualTo(10001);
    }

    @Test
    void exposesThePortTheChartProbes() {
        assertThat(instruction("EXPOSE")).hasValue("8080");
        assertThat(chart.getPorts().get(0).getContainerPort()).isEqualTo(8080);
    }

    @Test
    void theHomeAndTheJvmFlagsAreTheSameInImageAndChart() {
        String env = instruction("ENV").orElseThrow();

        assertThat(env).contains("EVENTBUS_HOME=/var/lib/eventbus");
        assertThat(env(chart, "EVENTBUS_HOME")).map(EnvVar::getValue).hasValue("/var/lib/eventbus");
        String chartFlags = env(chart, "JAVA_TOOL_OPTIONS").map(EnvVar::getValue).orElseThrow();
        assertThat(env).contains("JAVA_TOOL_OPTIONS=\"" + chartFlags + "\"");
        assertThat(chartFlags).contains("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError");
    }

    /** The image name every document builds is the one the chart runs when no {@code image} value is set. */
    @Test
    void everyDocumentBuildsTheImageTheChartRunsByDefault() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode values = yaml.readTree(Chart.DIR.resolve("values.yaml").toFile());
        String appVersion = yaml.readTree(Chart.DIR.resolve("Chart.yaml").toFile()).path("appVersion").asText();
        assertThat(values.at("/image/tag").asText()).as("values.yaml image.tag: empty, so appVersion").isEmpty();
        String image = values.at("/image/repository").asText() + ":" + appVersion;

        List<Path> documents = List.of(DOCKERFILE, REPOSITORY.resolve("CONTRIBUTING.md"),
                REPOSITORY.resolve("README.md"), REPOSITORY.resolve("docs/operations.md"),
                REPOSITORY.resolve("helm/README.md"));
        List<String> builds = new ArrayList<>();
        for (Path document : documents) {
            Matcher build = DOCKER_BUILD.matcher(Files.readString(document));
            while (build.find()) {
                builds.add(document.getFileName() + ": " + build.group(1));
            }
        }

        assertThat(builds).as("docker build -t ... in the documents").isNotEmpty()
                .allSatisfy(build -> assertThat(build).endsWith(": " + image));
    }

    private Optional<String> instruction(String keyword) {
        return instructions.stream()
                .filter(i -> i.startsWith(keyword + " "))
                .map(i -> i.substring(keyword.length() + 1).trim())
                .reduce((first, second) -> {
                    throw new AssertionError("more than one " + keyword + " in " + DOCKERFILE);
                });
    }

    /** Instructions with their continuation lines joined; comments and blank lines dropped. */
    private static List<String> instructions(Path dockerfile) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        try {
            for (String line : Files.readAllLines(dockerfile)) {
                String trimmed = line.trim();
                if (trimmed.startsWith("#") || trimmed.isEmpty()) {
                    continue;
                }
                boolean continues = trimmed.endsWith("\\");
                current.append(continues ? trimmed.substring(0, trimmed.length() - 1).trim() + " " : trimmed);
                if (!continues) {
                    out.add(current.toString().replaceAll("\\s+", " "));
                    current.setLength(0);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
