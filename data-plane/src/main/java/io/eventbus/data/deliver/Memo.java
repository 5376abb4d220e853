package io.eventbus.data.deliver;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values computed once per key and kept, for keys that name their value for good (an encrypted secret, a JSON
 * text). Bounded: past {@code max} keys it starts over rather than grow. Thread-safe; two threads may compute the
 * same value once each.
 */
final class Memo<K, V> {

    private final int max;
    private final Map<K, V> known = new ConcurrentHashMap<>();

    Memo(int max) {
        this.max = max;
    }

    V get(K key, Function<K, V> compute) {
        V value = known.get(key);
        if (value != null) {
            return value;
        }
        value = compute.apply(key);
        if (known.size() >= max) {
            known.clear();
        }
        known.put(key, value);
        return value;
    }
}
