package io.chainrule.examples.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a function over configurations on a pool of local threads: each worker runs one configuration at a time
 * (training a model of its own), and each result is handed to the caller as soon as it is done, on the caller's
 * thread, so a consumer needs no locking.
 */
public final class LocalSweep {
    private LocalSweep() {
    }

    /** A result and the position of its configuration. */
    private record Done<R>(int index, R result) {
    }

    /**
     * {@code trial} applied to every configuration on {@code threads} workers; {@code finished} hears each result as
     * it completes (in completion order), and the results come back in the configurations' order. A trial that
     * throws stops the sweep: the trials not yet started are cancelled, and a {@link TrialFailure} names it.
     */
    public static <C, R> List<R> run(List<C> configs, Function<? super C, ? extends R> trial, int threads,
            Consumer<? super R> finished) throws InterruptedException {
        if (threads < 1) {
            throw new IllegalArgumentException("a sweep needs at least 1 thread, got " + threads);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, configs.size())), r -> {
            Thread t = new Thread(r, "sweep-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<Done<R>> done = new ExecutorCompletionService<>(pool);
            List<Future<Done<R>>> submitted = new ArrayList<>();
            for (int i = 0; i < configs.size(); i++) {
                int index = i;
                submitted.add(done.submit(() -> new Done<>(index, run(trial, configs.get(index)))));
            }
            List<R> results = new ArrayList<>(Collections.nCopies(configs.size(), null));
            for (int i = 0; i < configs.size(); i++) {
                Done<R> d;
                try {
                    d = done.take().get();
                } catch (ExecutionException e) {
                    submitted.forEach(f -> f.cancel(false));
                    // a trial throws only unchecked exceptions: TrialFailure, or an Error
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw (Error) e.getCause();
                }
                results.set(d.index(), d.result());
                finished.accept(d.result());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <C, R> R run(Function<? super C, ? extends R> trial, C config) {
        try {
            return trial.apply(config);
        } catch (RuntimeException e) {
            throw new TrialFailure(config, e);
        }
    }
}
