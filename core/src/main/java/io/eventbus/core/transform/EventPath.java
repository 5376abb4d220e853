package io.eventbus.core.transform;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

/**
 * One JSONPath ({@code $.detail.state}, {@code $.detail.list[0]}, {@code $['key with space']},
 * {@code $.detail.*}) evaluated against an event read by {@link ExactJson}, with Jayway json-path over Jackson's
 * tree. A definite path gives the one value it names; a path with a wildcard or a deep scan gives an array of
 * what it found. Thread-safe: the configuration is immutable and json-path's path cache is concurrent.
 */
public final class EventPath {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Configuration JSON_PATH = Configuration.builder()
            .jsonProvider(new IndexCheckingProvider())
            .mappingProvider(new JacksonMappingProvider(MAPPER))
            .build();

    private EventPath() {
    }

    /**
     * @return the value, or empty when the path names nothing in the event
     * @throws IllegalArgumentException when the path is not a JSONPath
     */
    public static Optional<JsonNode> select(JsonNode event, String path) {
        JsonPath compiled;
        try {
            compiled = JsonPath.compile(path);
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + path + "\" is not a valid JSONPath: " + e.getMessage(), e);
        }
        try {
            Object found = compiled.read(event, JSON_PATH);
            if (found instanceof JsonNode node) {
                return Optional.of(node);
            }
            return Optional.of(found == null ? NullNode.getInstance() : MAPPER.valueToTree(found));
        } catch (PathNotFoundException e) {
            return Optional.empty();
        } catch (JsonPathException e) {
            throw new IllegalArgumentException("JSONPath \"" + path + "\" cannot be evaluated: " + e.getMessage(), e);
        }
    }

    /**
     * Jackson's provider answers null for an array index past the end, which would read as a JSON null in the
     * event; failing the index the way json-path expects makes such a path name nothing instead.
     */
    private static final class IndexCheckingProvider extends JacksonJsonNodeJsonProvider {

        IndexCheckingProvider() {
            super(MAPPER);
        }

        @Override
        public Object getArrayIndex(Object array, int index) {
            if (index < 0 || index >= length(array)) {
                throw new IndexOutOfBoundsException(index);
            }
            return super.getArrayIndex(array, index);
        }
    }
}
