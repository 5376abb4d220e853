package io.eventbus.helm;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Renders the chart as {@code helm template} does (Helm 3 inside the JVM, through helm-java), as release
 * {@value #RELEASE} in namespace {@value #NAMESPACE}, and parses the result ({@link Manifests}). Values come from
 * files in {@code src/test/resources/values/} or from YAML written by a test.
 */
final class Chart {

    static final Path DIR = Path.of(System.getProperty("eventbus.chart", "eventbus"));
    static final String RELEASE = "shop";
    static final String NAMESPACE = "events";
    /** The release's full name: every resource name starts with it. */
    static final String FULLNAME = "shop-eventbus";
    /** The cluster version Helm renders for (its own default, 1.20, is below the chart's kubeVersion). */
    static final String KUBE_VERSION = "1.30.0";

    private static final Path VALUE_SETS = Path.of("src/test/resources/values");
    private static final Path WRITTEN = Path.of("target/test-values");
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Chart() {
    }

    /** A value set from {@code src/test/resources/values/<name>.yaml}. */
    static Path valueSet(String name) {
        Path file = VALUE_SETS.resolve(name + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no value set " + file.toAbsolutePath());
        }
        return file;
    }

    /** Every value set in {@code src/test/resources/values/}, by name. */
    static List<String> valueSets() {
        try (var files = Files.list(VALUE_SETS)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Values written by a test, as a file Helm can read. */
    static Path values(String yaml) {
        try {
            Files.createDirectories(WRITTEN);
            Path file = WRITTEN.resolve("values-" + COUNTER.incrementAndGet() + ".yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders with the chart's defaults overridden by {@code valuesFiles}, in order. */
    static Manifests render(Path... valuesFiles) {
        return Manifests.parse(renderText(valuesFiles));
    }

    /** The rendered YAML, as {@code helm template} prints it. */
    static String renderText(Path... valuesFiles) {
        FakeCluster.get();
        TemplateCommand template = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path file : valuesFiles) {
            template.withValuesFile(file.toAbsolutePath());
        }
        return template.call();
    }

    /** NOTES.txt as {@code helm install} prints it (a client-side dry run: nothing reaches a cluster). */
    static String notes(Path... valuesFiles) {
        FakeCluster.get();
        InstallCommand install = new Helm(DIR).install().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION).dryRun().withDryRunOption(DryRun.CLIENT).clientOnly();
        for (Path file : valuesFiles) {
            install.withValuesFile(file.toAbsolutePath());
        }
        String output = install.call().getOutput();
        int notes = output.indexOf("NOTES:\n");
        if (notes < 0) {
            throw new AssertionError("no NOTES in:\n" + output);
        }
        return output.substring(notes + "NOTES:\n".length());
    }

    /** Why Helm refuses to render with these values (schema or template check); fails if it renders. */
    static String refusal(Path... valuesFiles) {
        try {
            String rendered = renderText(valuesFiles);
            throw new AssertionError("expected Helm to refuse these values, but it rendered:\n" + rendered);
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }
}
