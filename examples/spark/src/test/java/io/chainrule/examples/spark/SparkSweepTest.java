package io.chainrule.examples.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.examples.sweep.CsvTable;
import io.chainrule.examples.sweep.FitTrial;
import io.chainrule.examples.sweep.LocalSweep;
import io.chainrule.examples.sweep.SweepGrid;
import io.chainrule.examples.sweep.SweepTable;
import io.chainrule.examples.sweep.Target;
import io.chainrule.examples.sweep.TrialOutcome;
import io.chainrule.ir.nn.Activation;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.Test;

class SparkSweepTest {
    /** Eight configurations that train, and one whose learning rate makes its loss overflow. */
    private static List<FitTrial> trials() {
        List<FitTrial> trials = new ArrayList<>(new SweepGrid().with("hidden", "8, 4-4").with("activation", "relu, tanh")
                .with("lr", "0.01, 0.05").with("epochs", "3").with("points", "200").with("batch-size", "20")
                .trials());
        trials.add(new FitTrial(new Target.Sine(10), List.of(8), Activation.RELU, 1, 3, 20, "sgd", 1e30, 200));
        return trials;
    }

    @Test
    void aSweepOnSparkGivesTheLocalRunnersTableWithTheSameLossesBitForBit() throws Exception {
        List<FitTrial> trials = trials();
        List<TrialOutcome> local = LocalSweep.run(trials, TrialOutcome::of, 2, o -> { });
        List<TrialOutcome> heard = new ArrayList<>();
        List<TrialOutcome> spark = SparkSweep.run(SharedSpark.context(), trials, TrialOutcome::of,
                TrialOutcome.Failed::new, heard::add);

        assertEquals(withoutTimes(SweepTable.csv(local)), withoutTimes(SweepTable.csv(spark)));
        for (int i = 0; i < trials.size() - 1; i++) {
            TrialOutcome.Finished l = assertInstanceOf(TrialOutcome.Finished.class, local.get(i));
            TrialOutcome.Finished s = assertInstanceOf(TrialOutcome.Finished.class, spark.get(i));
            assertArrayEquals(l.result().epochMse(), s.result().epochMse(), trials.get(i).toString());
        }
        TrialOutcome.Failed diverged = assertInstanceOf(TrialOutcome.Failed.class, spark.get(trials.size() - 1));
        assertTrue(diverged.error().startsWith("loss is "), diverged.error());
        assertEquals(trials.size(), heard.size(), "each configuration is heard once");
        assertEquals(trials, heard.stream().map(TrialOutcome::trial).sorted(Comparator.comparingInt(trials::indexOf))
                .toList());
    }

    /** What a retried task returns: which attempt made the outcome. */
    record Attempt(int number, TrialOutcome outcome) implements Serializable {
    }

    @Test
    void aTaskThatFailsOnItsFirstAttemptRunsAgainAndItsResultCountsOnce() throws Exception {
        List<FitTrial> trials = trials().subList(0, 4);
        List<Attempt> heard = new ArrayList<>();
        List<Attempt> results = SparkSweep.run(SharedSpark.context(), trials, t -> {
            if (TaskContext.get().attemptNumber() == 0) {
                throw new IllegalStateException("executor lost");
            }
            return new Attempt(TaskContext.get().attemptNumber(), TrialOutcome.of(t));
        }, (t, reason) -> new Attempt(-1, new TrialOutcome.Failed(t, reason)), heard::add);

        assertEquals(List.of(1, 1, 1, 1), results.stream().map(Attempt::number).toList());
        assertEquals(trials, results.stream().map(a -> a.outcome().trial()).toList());
        results.forEach(a -> assertInstanceOf(TrialOutcome.Finished.class, a.outcome()));
        assertEquals(4, heard.size(), "each configuration is heard once");
    }

    @Test
    void aTaskSparkGivesUpOnFailsItsConfigurationAloneWithSparksReason() throws Exception {
        List<FitTrial> trials = trials().subList(0, 3);
        FitTrial lost = trials.get(1);
        List<TrialOutcome> outcomes = SparkSweep.run(SharedSpark.context(), trials, t -> {
            if (t.equals(lost)) {
                throw new IllegalStateException("executor lost");
            }
            return TrialOutcome.of(t);
        }, TrialOutcome.Failed::new, o -> { });

        assertInstanceOf(TrialOutcome.Finished.class, outcomes.get(0));
        assertInstanceOf(TrialOutcome.Finished.class, outcomes.get(2));
        String error = assertInstanceOf(TrialOutcome.Failed.class, outcomes.get(1)).error();
        assertTrue(error.startsWith("Spark gave up on its task: Job aborted due to stage failure: Task 0 in stage "),
                error);
        assertTrue(error.contains("failed 2 times") && error.contains("IllegalStateException: executor lost"), error);
    }

    /** The table's rows without the training time, which is the one column that is not a function of the trial. */
    private static List<List<String>> withoutTimes(CsvTable table) {
        int seconds = table.columns().indexOf("training_seconds");
        assertTrue(seconds >= 0, table.columns().toString());
        return table.rows().stream().map(r -> IntStream.range(0, r.size()).filter(i -> i != seconds)
                .mapToObj(r::get).toList()).toList();
    }
}
