package io.chainrule.examples.spark;

import io.chainrule.examples.sweep.LocalSweep;
import java.io.Serializable;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

/**
 * A sweep on Spark: each configuration is a job of one task, so that results arrive as tasks finish and a task that
 * Spark gives up on (after spark.task.maxFailures attempts) fails its configuration alone. Jobs are submitted from a
 * few driver threads at a time ({@link LocalSweep} over the configurations, each thread waiting for its job), twice
 * as many as the cluster runs tasks at once, so that a free core always has a task waiting. A job's result is
 * delivered once whatever attempts its task took, so no configuration counts twice.
 */
final class SparkSweep {
    private SparkSweep() {
    }

    /**
     * {@code trial} applied to every configuration, each a Spark task; {@code finished} hears each result on the
     * caller's thread as it arrives; the results come back in the configurations' order. A task Spark gave up on gives
     * {@code lost}'s result for its configuration and Spark's reason.
     */
    static <C extends Serializable, R> List<R> run(JavaSparkContext sc, List<C> configs, Function<C, R> trial,
            BiFunction<C, String, R> lost, Consumer<? super R> finished) throws InterruptedException {
        int jobs = Math.max(1, Math.min(configs.size(), 2 * sc.defaultParallelism()));
        return LocalSweep.run(configs, c -> job(sc, c, trial, lost), jobs, finished);
    }

    private static <C extends Serializable, R> R job(JavaSparkContext sc, C config, Function<C, R> trial,
            BiFunction<C, String, R> lost) {
        sc.setJobDescription(config.toString());
        try {
            return sc.parallelize(List.of(config), 1).map(trial).collect().get(0);
        } catch (Exception e) {
            // Spark's SparkException (checked in Java's eyes, undeclared by Scala) once every attempt failed
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            return lost.apply(config, "Spark gave up on its task: " + reason);
        }
    }
}
