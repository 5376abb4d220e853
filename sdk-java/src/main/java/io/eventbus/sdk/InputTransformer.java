package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;

/**
 * EventBridge's input transformer: JSON paths into the event, by name, and a template that uses the names as
 * {@code <name>}. Immutable.
 *
 * @param inputPathsMap name to JSON path, e.g. {@code "order" -> "$.detail.orderId"}
 * @param inputTemplate e.g. {@code {"id": <order>}}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InputTransformer(Map<String, String> inputPathsMap, String inputTemplate) {

    public InputTransformer {
        inputPathsMap = inputPathsMap == null ? Map.of() : Map.copyOf(inputPathsMap);
    }
}
