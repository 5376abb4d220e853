package io.eventbus.core.pattern;

/**
 * The limits a pattern must stay within to be accepted. Immutable, thread-safe.
 *
 * @param maxLength     the longest pattern text accepted, in characters (EventBridge: 4096)
 * @param maxComplexity the highest event-ruler wildcard complexity accepted: the most wildcard prefixes one input
 *                      value can be matching at once. AWS does not publish its threshold; the recorded corpus
 *                      brackets it: it accepted {@code /Users/*}{@code /dir/dir/dir/dir/dir/doc.txt} (complexity 7)
 *                      and rejected {@code *:*:*:*:*:event-bus/*} (complexity 11). The default, 10, is the highest
 *                      value that agrees with both, so we reject nothing AWS might accept
 */
public record PatternLimits(int maxLength, int maxComplexity) {

    /** EventBridge's limits: 4096 characters and a wildcard complexity of at most 10. */
    public static final PatternLimits DEFAULTS = new PatternLimits(4096, 10);

    public PatternLimits {
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be at least 2 (the shortest object is {}), was " + maxLength);
        }
        if (maxComplexity < 1) {
            throw new IllegalArgumentException("maxComplexity must be positive, was " + maxComplexity);
        }
    }
}
