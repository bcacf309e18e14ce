package io.chainrule.examples.spark;

import org.apache.spark.api.java.JavaSparkContext;

/**
 * One Spark context for every test of this module, started by the first that needs it and stopped by Spark's
 * shutdown hook: a context takes seconds to start. local[2,2]: two cores, and a task that fails is tried once more,
 * as a lost executor's task is on a cluster.
 */
public final class SharedSpark {
    public static final String MASTER = "local[2,2]";
    private static JavaSparkContext context;

    private SharedSpark() {
    }

    public static synchronized JavaSparkContext context() {
        if (context == null) {
            context = SparkContexts.acquire(MASTER, "chainrule tests");
        }
        return context;
    }
}
