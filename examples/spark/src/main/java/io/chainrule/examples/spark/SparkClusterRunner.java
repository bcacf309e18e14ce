package io.chainrule.examples.spark;

import io.chainrule.examples.cluster.ClusterRunner;
import io.chainrule.examples.sweep.FitTrial;
import io.chainrule.examples.sweep.TrialOutcome;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.model.EpochRecord;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.TrainingListener;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;

/** The tool's {@code --spark}: sweeps and data-parallel fits on the Spark context of the master given. */
public final class SparkClusterRunner implements ClusterRunner {

    @Override
    public List<TrialOutcome> sweep(String master, List<FitTrial> trials, Consumer<TrialOutcome> finished)
            throws InterruptedException {
        JavaSparkContext sc = SparkContexts.acquire(master, "chainrule sweep");
        try {
            return SparkSweep.run(sc, trials, TrialOutcome::of, TrialOutcome.Failed::new, finished);
        } finally {
            SparkContexts.release(sc);
        }
    }

    @Override
    public List<EpochRecord> fit(String master, Model model, Dataset train, Dataset validation, FitOptions options,
            int workers, int syncEvery, List<TrainingListener> listeners) {
        JavaSparkContext sc = SparkContexts.acquire(master, "chainrule train");
        try {
            return DataParallelFit.run(sc, model, train, validation, options, workers, syncEvery, listeners);
        } finally {
            SparkContexts.release(sc);
        }
    }
}
