package io.eventbus.core.target;

import java.util.Map;

/**
 * EventBridge's input transformer: JSON paths into the event, named, and a template that uses the names as
 * {@code <name>}.
 */
public record InputTransformer(Map<String, String> inputPathsMap, String inputTemplate) {

    public static final int MAX_PATHS = 100;
    public static final int MAX_PATH_LENGTH = 256;
    public static final int MAX_TEMPLATE_LENGTH = 8_192;
    public static final String KEY_PATTERN = "[A-Za-z0-9_-]+";
}
