package io.eventbus.core.pattern;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One case of the AWS-recorded corpus. {@code event} and {@code pattern} are the exact text of the file's
 * {@code event}/{@code pattern} values (a substring of the file, so numbers such as {@code 1.0} or {@code 5e3}
 * keep their spelling), or its {@code event_raw}/{@code pattern_raw} string when the object form is null.
 */
public record ConformanceCase(String name, String event, String pattern, String expected, String awsCode,
                       String awsMessage) {

    /** How many cases AWS recorded. */
    public static final int CASE_COUNT = 176;
    private static final String CORPUS = "conformance/eventbridge-patterns";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static ConformanceCase read(Path file) throws IOException {
        String text = Files.readString(file);
        String event = null;
        String pattern = null;
        String eventRaw = null;
        String patternRaw = null;
        String expected = null;
        JsonNode awsError = null;
        try (JsonParser parser = MAPPER.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(file + " is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "event" -> event = rawValue(parser, text);
                    case "pattern" -> pattern = rawValue(parser, text);
                    case "event_raw" -> eventRaw = parser.getValueAsString();
                    case "pattern_raw" -> patternRaw = parser.getValueAsString();
                    case "expected" -> expected = parser.getValueAsString();
                    case "aws_error" -> awsError = parser.readValueAsTree();
                    default -> parser.skipChildren();
                }
            }
        }
        String name = file.getParent().getFileName() + "/" + file.getFileName();
        return new ConformanceCase(name, event != null ? event : eventRaw, pattern != null ? pattern : patternRaw,
                expected, awsError == null ? null : awsError.path("code").asText(null),
                awsError == null ? null : awsError.path("message").asText(null));
    }

    /** The object or array the parser stands on, as the file spells it; null for JSON null. */
    private static String rawValue(JsonParser parser, String text) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!parser.currentToken().isStructStart()) {
            throw new IOException("event and pattern must be an object, an array or null");
        }
        int start = (int) parser.currentTokenLocation().getCharOffset();
        parser.skipChildren();
        int end = (int) parser.currentTokenLocation().getCharOffset() + 1;
        return text.substring(start, end);
    }

    /**
     * The corpus folder, a test resource of core ({@value #CORPUS} on the test classpath): a directory when core's
     * own tests run, a folder inside core's test-jar when another module's tests use it. Fails when it is missing.
     */
    public static synchronized Path corpus() {
        URL marker = ConformanceCase.class.getClassLoader().getResource(CORPUS + "/README.md");
        if (marker == null) {
            throw new AssertionError("The conformance corpus " + CORPUS + " is not on the test classpath"
                    + " (core/src/test/resources/" + CORPUS + ")");
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException alreadyOpen) {
                    // opened by an earlier call: Path.of finds it
                }
            }
            return Path.of(uri).getParent();
        } catch (URISyntaxException | IOException e) {
            throw new AssertionError("The conformance corpus cannot be opened at " + marker, e);
        }
    }

    /** Every case file of the corpus, sorted. */
    public static List<Path> caseFiles() throws IOException {
        try (Stream<Path> files = Files.walk(corpus())) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }
}
