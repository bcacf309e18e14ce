package io.chainrule.examples.cluster;

import io.chainrule.examples.sweep.FitTrial;
import io.chainrule.examples.sweep.TrialOutcome;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.model.EpochRecord;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.TrainingListener;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Runs sweeps and data-parallel training on a cluster, for the tool's {@code --spark MASTER}. The implementation is
 * found at run time on the class path ({@link ServiceLoader}), so that the tool's own jar and start-up hold no Spark:
 * chainrule-spark (examples/spark) provides it, and its jar, chainrule-spark.jar, is the tool with it.
 */
public interface ClusterRunner {
    /** Why {@link #find()} found none, and what to run instead. */
    String MISSING = "--spark needs chainrule's Spark module and Spark on the class path: run "
            + "examples/spark/target/chainrule-spark.jar (mvn package puts Spark's jars in spark-lib/ beside it), or "
            + "spark-submit it";

    /**
     * Each trial as a task of the cluster at {@code master} ({@code local[2]}, {@code spark://host:7077}, ...),
     * compiling its step where it runs; {@code finished} hears each outcome as it arrives, on the caller's thread, and
     * the outcomes come back in the trials' order. A trial that fails is a {@link TrialOutcome.Failed} outcome, a
     * task the cluster lost is run again, and each trial's outcome counts once.
     */
    List<TrialOutcome> sweep(String master, List<FitTrial> trials, Consumer<TrialOutcome> finished)
            throws InterruptedException;

    /**
     * Trains {@code model} as {@code workers} replicas, each on its own shard of {@code train}, averaging their
     * parameters and optimizer state every {@code syncEvery} steps (0: once an epoch), with {@code options}' epochs,
     * batch size (per replica), optimizer, schedule, seed and non-finite check; a model that trained before goes on
     * from its parameters, optimizer state and counts. The model ends with the averaged parameters and optimizer state
     * and a training record of what was done, as {@link Model#fit} leaves it (so it saves and resumes). Validation
     * runs here after every epoch, and the listeners hear every synchronization and epoch; returns the epochs.
     */
    List<EpochRecord> fit(String master, Model model, Dataset train, Dataset validation, FitOptions options, int workers,
            int syncEvery, List<TrainingListener> listeners);

    /**
     * The runner on the class path.
     *
     * @throws IllegalStateException with {@link #MISSING} when there is none
     */
    static ClusterRunner find() {
        return ServiceLoader.load(ClusterRunner.class).findFirst().orElseThrow(() -> new IllegalStateException(MISSING));
    }
}
