package io.chainrule.examples.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.nn.Activation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTableTest {
    private static final FitTrial TRIAL = new FitTrial(new Target.Sine(10), List.of(4, 4), Activation.RELU, 2, 2,
            10, "sgd", 0.5, 40);
    private static final List<TrialOutcome> OUTCOMES = List.of(
            new TrialOutcome.Finished(new FitResult(TRIAL, 33, 0.25, 0.5, 1.5, new double[] {1.0, 1.5},
                    new double[] {Double.NaN, 0.25})),
            new TrialOutcome.Failed(TRIAL, "loss is NaN at epoch 1, batch 2"));

    @Test
    void aFinishedRowHasItsFiguresAndAFailedOneItsError(@TempDir Path dir) throws Exception {
        assertEquals("""
                target,layers,hidden_layers,parameters,activation,optimizer,learning_rate,batch_size,epochs,points,\
                seed,status,mse,constant_mse,relative_error,training_seconds,error
                sin(10x),1-4-4-1,2,33,relu,sgd,0.5,10,2,40,2,finished,0.25,0.5,0.5,1.5,
                sin(10x),1-4-4-1,2,33,relu,sgd,0.5,10,2,40,2,failed,,,,,"loss is NaN at epoch 1, batch 2"
                """, SweepTable.csv(OUTCOMES).text());
        List<Path> files = SweepTable.write(OUTCOMES, dir);
        assertEquals(List.of(dir.resolve("results.csv"), dir.resolve("results.json")), files);
        String json = Files.readString(files.get(1));
        assertTrue(json.contains("\"status\": \"finished\", \"mse\": 0.25,"), json);
        assertTrue(json.contains("\"epoch_mse\": [null, 0.25], \"epoch_seconds\": [1.0, 1.5]}"), json);
        assertTrue(json.contains("\"status\": \"failed\", \"mse\": null,"), json);
        assertTrue(json.contains("\"error\": \"loss is NaN at epoch 1, batch 2\"}"), json);
    }
}
