package io.chainrule.examples.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * The one Spark context of this JVM (Spark allows one at a time), shared by whoever uses it at once and stopped when
 * the last user releases it: a sweep run from a test, or from a command, while a test holds a context, joins it.
 * Spark reads JDK internals by reflection, which needs its module options (JavaModuleOptions: what spark-submit gives
 * the driver, and SparkContext the executors), so this JVM is checked for them first.
 */
final class SparkContexts {
    private static JavaSparkContext running;
    private static String runningMaster;
    private static int users;

    private SparkContexts() {
    }

    /**
     * The running context when it is for {@code master}, else a new one ({@link #start}); each call needs a
     * {@link #release}.
     *
     * @throws IllegalStateException when a context for another master is running, naming both
     */
    static synchronized JavaSparkContext acquire(String master, String appName) {
        if (running != null && !runningMaster.equals(master)) {
            throw new IllegalStateException("--spark " + master + ": this JVM already runs Spark on " + runningMaster
                    + ", and Spark allows one context per JVM");
        }
        if (running == null) {
            running = start(master, appName);
            runningMaster = master;
        }
        users++;
        return running;
    }

    /** Gives back a context from {@link #acquire}; the last user's release stops it. */
    static synchronized void release(JavaSparkContext sc) {
        if (sc != running || users == 0) {
            throw new IllegalStateException("released a Spark context that was not acquired");
        }
        if (--users == 0) {
            running.stop();
            running = null;
            runningMaster = null;
        }
    }

    /**
     * A context for {@code master}: on local masters bound to the loopback address, without the web UI unless
     * {@code spark.ui.enabled} says otherwise; for a cluster, with the jar that holds chainrule (the executors need
     * its classes) unless spark-submit named the jars.
     *
     * @throws IllegalStateException when this JVM lacks Spark's module options, naming one
     * @throws IllegalArgumentException when Spark refuses the master, with Spark's reason
     */
    private static JavaSparkContext start(String master, String appName) {
        List<String> missing = missingOpens();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Spark needs java started with its module options, and this JVM lacks "
                    + missing.get(0) + (missing.size() > 1 ? " and " + (missing.size() - 1) + " more" : "")
                    + ": run chainrule without --add-modules, so that it restarts java with them, or give them all: "
                    + JavaModuleOptions.defaultModuleOptions());
        }
        SparkConf conf = new SparkConf().setMaster(master).setAppName(appName)
                .setIfMissing("spark.ui.enabled", "false")
                .setIfMissing("spark.ui.showConsoleProgress", "false");
        if (master.startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        } else if (!conf.contains("spark.jars")) {
            conf.setJars(JavaSparkContext.jarOfClass(SparkContexts.class));
        }
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--spark " + master + ": " + Optional.ofNullable(e.getMessage())
                    .map(m -> m.lines().findFirst().orElse(m)).orElse(e.toString()), e);
        }
        sc.setLogLevel("WARN");
        return sc;
    }

    /** Spark's {@code --add-opens} options that this JVM was not started with. */
    static List<String> missingOpens() {
        Module unnamed = SparkContexts.class.getClassLoader().getUnnamedModule();
        List<String> missing = new ArrayList<>();
        for (String option : Arrays.asList(JavaModuleOptions.defaultModuleOptionArray())) {
            if (!option.startsWith("--add-opens=")) {
                continue;
            }
            String[] modulePackage = option.substring("--add-opens=".length(), option.lastIndexOf('=')).split("/");
            // a package this JDK does not have (sun.security.action is gone from JDK 25) needs no opening: java
            // ignores the option
            boolean open = ModuleLayer.boot().findModule(modulePackage[0])
                    .filter(m -> m.getPackages().contains(modulePackage[1]))
                    .map(m -> m.isOpen(modulePackage[1], unnamed)).orElse(true);
            if (!open) {
                missing.add(option);
            }
        }
        return missing;
    }
}
