package io.chainrule.codegen;

import io.chainrule.ir.Graph;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

/**
 * Compiled graphs by graph, the least recently used dropped past a bound (a long run over many shapes stays bounded).
 * A graph is compiled once even when several threads ask for it together, and outside the lock, so that other graphs
 * are looked up meanwhile; a compilation that failed is not kept.
 */
final class CompileCache {
    private final Map<Graph, FutureTask<Compiler.Compiled>> entries;
    private final Function<Graph, Compiler.Compiled> compiler;

    CompileCache(int capacity, Function<Graph, Compiler.Compiled> compiler) {
        this.compiler = compiler;
        this.entries = leastRecentlyUsed(capacity);
    }

    /** A map that keeps its {@code capacity} most recently used entries (not synchronized). */
    static <K, V> Map<K, V> leastRecentlyUsed(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    Compiler.Compiled get(Graph graph) {
        FutureTask<Compiler.Compiled> task;
        boolean mine = false;
        synchronized (entries) {
            task = entries.get(graph);
            if (task == null) {
                task = new FutureTask<>(() -> compiler.apply(graph));
                entries.put(graph, task);
                mine = true;
            }
        }
        if (mine) {
            task.run();
        }
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (mine) {
                synchronized (entries) {
                    entries.remove(graph, task);
                }
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + graph.name() + " was compiled", e);
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
