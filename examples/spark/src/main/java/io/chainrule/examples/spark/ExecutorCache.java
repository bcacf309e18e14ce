package io.chainrule.examples.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What an executor JVM keeps between the tasks of one fit (its compiled step, its shard as a dataset), so that a
 * round costs the steps and not a compilation or a copy of the data. A few fits' worth, least recently used out
 * first: a long-lived executor serves fits in turn, and an entry is only ever rebuilt, never wrong, since a task
 * gives the same result whether it finds one or not.
 */
final class ExecutorCache<V> {
    private final Map<String, V> entries;

    ExecutorCache(int capacity) {
        this.entries = new LinkedHashMap<>(2 * capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value kept under {@code key}, made by {@code make} the first time (one task at a time makes it). */
    synchronized V get(String key, Supplier<V> make) {
        V v = entries.get(key);
        if (v == null) {
            v = make.get();
            entries.put(key, v);
        }
        return v;
    }
}
