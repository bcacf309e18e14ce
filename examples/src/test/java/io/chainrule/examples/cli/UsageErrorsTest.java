package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Options of train, eval and predict that make no sense together, or name nothing: a usage error (exit code 2) of one
 * line saying what is wrong, before any file is read (the files named here do not exist) and nothing printed.
 */
class UsageErrorsTest {
    private static final String TRAINABLE = "neuron, mnist-linear, mnist-mlp, xor-mlp, sin-mlp, mlp, "
            + "a model source File.java";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "train | chainrule train: which model? give one of " + TRAINABLE + ", or --resume FILE",
        "train mlp --resume m.safetensors | chainrule train: give a model or --resume FILE, not both: --resume trains "
                + "the model saved in FILE",
        "train resnet | chainrule train: unknown model 'resnet' (these train: " + TRAINABLE + ")",
        "train perceptron | chainrule train: model 'perceptron' learns by its own rule, not by gradients (these "
                + "train: " + TRAINABLE + ")",
        "train neuron | chainrule train: model neuron has no data of its own: give --csv FILE with 2 features and a "
                + "target column (xor-mlp and sin-mlp also train on their lesson's data)",
        "train mnist-linear --csv x.csv | chainrule train: model mnist-linear trains on MNIST (--data DIR), not on a "
                + "CSV; the mlp trains on both",
        "train mlp --target y | chainrule train: --target describes a CSV file, but no --csv FILE is given",
        "train mlp --no-header | chainrule train: --no-header describes a CSV file, but no --csv FILE is given",
        "train mlp --test t.csv | chainrule train: --test is a CSV of test rows for --csv data; MNIST has its own "
                + "test set",
        "train mlp --csv x.csv --data d | chainrule train: --data is where MNIST is; --csv names its file itself",
        "train mlp --no-standardize | chainrule train: --no-standardize is for a new model on --csv data",
        "train --resume m.safetensors --csv x.csv --no-standardize | chainrule train: --no-standardize is for a new "
                + "model on --csv data; a resumed model keeps its own",
        "train sin-mlp --hidden 8 | chainrule train: --hidden shapes the mlp; model sin-mlp is built in",
        "train xor-mlp --task classification | chainrule train: --task shapes the mlp; model xor-mlp is built in",
        "train --resume m.safetensors --activation tanh | chainrule train: --activation shapes the mlp; a resumed "
                + "model keeps its own",
        "train mlp --hidden 64,0 | chainrule train: --hidden takes the hidden layers' widths, such as 64,32, or "
                + "none; got '64,0'",
        "train mlp --activation swish | chainrule train: Invalid value for option '--activation': expected one of "
                + "[relu, tanh, sigmoid, leaky_relu, gelu, silu] (case-sensitive) but was 'swish'",
        "train mlp --optimizer rmsprop | chainrule train: --optimizer: unknown optimizer 'rmsprop'; expected one of "
                + "sgd, momentum, nesterov, adam, adamw",
        "train mlp --schedule step:0 | chainrule train: --schedule: learning-rate schedule 'step:0': step_size must "
                + "be at least 1, got 0",
        "train --resume m.safetensors --lr 0.1 | chainrule train: --lr with --resume needs --optimizer: without it "
                + "the saved optimizer goes on with its own rate and state",
        "train mlp --csv x.csv --delimiter ;; | chainrule train: --delimiter must be one character or 'tab', got ';;'",
        "train mlp --csv x.csv --delimiter \" | chainrule train: --delimiter: the delimiter cannot be a quote or a "
                + "line break, got '\"'",
        "train xor-mlp --patience 2 | chainrule train: --patience 2 needs a validation set (early stopping compares "
                + "validation losses), but --validation is 0",
        "train --resume m.safetensors --history m.safetensors | chainrule train: --resume and --history name the "
                + "same file, m.safetensors",
        "eval m.safetensors --target y | chainrule eval: --target describes a CSV file, but no --csv FILE is given",
        "eval m.safetensors --csv x.csv --data d | chainrule eval: --data is where MNIST is; --csv names its file "
                + "itself",
        "predict m.safetensors | chainrule predict: give --image N (an MNIST test image) or --csv FILE (a row per "
                + "example), one of them",
        "predict m.safetensors --image 1 --csv x.csv | chainrule predict: give --image N (an MNIST test image) or "
                + "--csv FILE (a row per example), one of them",
        "predict m.safetensors --image -1 | chainrule predict: --image counts the test images from 0, got -1",
        "predict m.safetensors --image 1 --out p.csv | chainrule predict: --out is where a CSV's predictions go; "
                + "--image prints its own",
        "predict m.safetensors --csv x.csv --data d | chainrule predict: --data is where MNIST is; --csv names its "
                + "file itself",
    })
    void isAUsageErrorOfOneLine(String args, String message) {
        CliRun r = CliRun.of(List.of(args.strip().split(" +")));
        assertEquals(2, r.exitCode(), r.both());
        assertEquals(message, r.firstErrorLine());
        assertEquals("", r.out());
    }
}
