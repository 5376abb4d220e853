package io.eventbus.core.schema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Refuses regular expressions ({@code pattern}, {@code patternProperties}) that are too long, do not compile with
 * {@link java.util.regex.Pattern} (the engine validation uses), or have one of the classic catastrophic-backtracking
 * shapes. Stateless, thread-safe.
 *
 * <p>The shape check is a <em>heuristic</em>, a structural scan rather than an analysis of the automaton. It
 * refuses a group repeated without an upper bound ({@code *}, {@code +}, <code>{n,}</code>) when the group
 * <ul>
 *   <li>itself contains a repetition without an upper bound: {@code (a+)+}, {@code (a*)*}, {@code (.*)*},
 *       {@code (\w+\s?)*}; or</li>
 *   <li>has alternatives that can start the same way: two equal alternatives ({@code (a|a)*}), one a prefix of
 *       another ({@code (a|ab)*}), or one starting with {@code .} ({@code (.|x)*}).</li>
 * </ul>
 * It can miss other exponential shapes and refuse some safe ones (e.g. {@code ([a-z]+-)*}); those can be written
 * with a possessive quantifier ({@code ([a-z]++-)*}) or an atomic group ({@code (?>...)}), which the scan accepts
 * because they cannot backtrack.
 */
final class SafeRegex {

    private SafeRegex() {
    }

    /** Why {@code regex} is refused, or empty when it is accepted. */
    static Optional<String> problem(String regex) {
        if (regex.length() > SchemaLimits.MAX_PATTERN_LENGTH) {
            return Optional.of("regular expression is " + regex.length() + " characters long; the limit is "
                    + SchemaLimits.MAX_PATTERN_LENGTH);
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return Optional.of("regular expression does not compile: " + e.getDescription() + " near index "
                    + e.getIndex());
        }
        try {
            return new Scan(regex).run();
        } catch (RuntimeException e) {
            // the scan assumes a well-formed expression; one it cannot follow is refused, not let through
            return Optional.of("regular expression could not be checked for catastrophic backtracking");
        }
    }

    /** One group being scanned: its alternatives so far and whether it repeats something without bound. */
    private static final class Group {
        final int start;
        final boolean atomic;
        final List<String> alternatives = new ArrayList<>();
        int alternativeStart;
        boolean repeatsUnbounded;

        Group(int start, boolean atomic, int contentStart) {
            this.start = start;
            this.atomic = atomic;
            this.alternativeStart = contentStart;
        }
    }

    private static final class Scan {
        private final String regex;
        private final Deque<Group> groups = new ArrayDeque<>();
        private int i;

        Scan(String regex) {
            this.regex = regex;
            groups.push(new Group(0, false, 0));
        }

        Optional<String> run() {
            while (i < regex.length()) {
                char c = regex.charAt(i);
                if (c == '\\') {
                    i += 2;
                    quantifierAfterAtom();
                } else if (c == '[') {
                    skipClass();
                    quantifierAfterAtom();
                } else if (c == '(') {
                    openGroup();
                } else if (c == '|') {
                    Group g = groups.peek();
                    g.alternatives.add(regex.substring(g.alternativeStart, i));
                    g.alternativeStart = ++i;
                } else if (c == ')' && groups.size() > 1) {
                    Optional<String> problem = closeGroup();
                    if (problem.isPresent()) {
                        return problem;
                    }
                } else {
                    i++;
                    quantifierAfterAtom();
                }
            }
            return Optional.empty();
        }

        private void openGroup() {
            int start = i;
            boolean atomic = regex.startsWith("(?>", i);
            i = contentStart(i);
            groups.push(new Group(start, atomic, i));
        }

        /** Where the content of the group opened at {@code open} starts, past its {@code ?} prefix if any. */
        private int contentStart(int open) {
            if (!regex.startsWith("(?", open)) {
                return open + 1;
            }
            if (regex.startsWith("(?<=", open) || regex.startsWith("(?<!", open)) {
                return open + 4;
            }
            if (regex.startsWith("(?<", open)) {
                int close = regex.indexOf('>', open);
                return close < 0 ? regex.length() : close + 1;
            }
            for (int j = open + 2; j < regex.length(); j++) {
                char c = regex.charAt(j);
                if (c == ':' || c == '>' || c == '=' || c == '!') {
                    return j + 1;
                }
                if (c == ')') {
                    return j; // flags only, e.g. (?i): an empty group that closes at once
                }
            }
            return regex.length();
        }

        private Optional<String> closeGroup() {
            Group g = groups.pop();
            g.alternatives.add(regex.substring(g.alternativeStart, i));
            String group = regex.substring(g.start, i + 1);
            i++;
            boolean repeated = unboundedQuantifier();
            if (repeated && !g.atomic) {
                if (g.repeatsUnbounded) {
                    return Optional.of("nested repetition " + group + regex.substring(g.start + group.length(), i)
                            + " can take exponential time to fail (catastrophic backtracking)");
                }
                if (overlapping(g.alternatives)) {
                    return Optional.of("repeated alternatives in " + group
                            + " can match the same text in several ways (catastrophic backtracking)");
                }
            }
            if (!g.atomic && (repeated || g.repeatsUnbounded)) {
                groups.peek().repeatsUnbounded = true;
            }
            return Optional.empty();
        }

        private void quantifierAfterAtom() {
            if (unboundedQuantifier()) {
                groups.peek().repeatsUnbounded = true;
            }
        }

        /** Consumes a quantifier at {@code i}, if any; true when it has no upper bound and is not possessive. */
        private boolean unboundedQuantifier() {
            if (i >= regex.length()) {
                return false;
            }
            char c = regex.charAt(i);
            boolean unbounded;
            if (c == '*' || c == '+') {
                unbounded = true;
                i++;
            } else if (c == '?') {
                unbounded = false;
                i++;
            } else if (c == '{' && regex.indexOf('}', i) > 0) {
                int end = regex.indexOf('}', i);
                unbounded = regex.substring(i, end).endsWith(",");
                i = end + 1;
            } else {
                return false;
            }
            if (i < regex.length() && regex.charAt(i) == '+') {
                i++;
                return false;
            }
            if (i < regex.length() && regex.charAt(i) == '?') {
                i++;
            }
            return unbounded;
        }

        private void skipClass() {
            i++;
            if (i < regex.length() && regex.charAt(i) == '^') {
                i++;
            }
            if (i < regex.length() && regex.charAt(i) == ']') {
                i++;
            }
            int depth = 1;
            while (i < regex.length() && depth > 0) {
                char c = regex.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                }
                i++;
            }
        }

        private static boolean overlapping(List<String> alternatives) {
            if (alternatives.size() < 2) {
                return false;
            }
            for (int a = 0; a < alternatives.size(); a++) {
                String first = alternatives.get(a);
                if (first.isEmpty() || first.startsWith(".")) {
                    return true;
                }
                for (int b = a + 1; b < alternatives.size(); b++) {
                    String second = alternatives.get(b);
                    if (first.startsWith(second) || second.startsWith(first)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
