package io.chainrule.ir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.Initializer;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Activation;
import io.chainrule.ir.nn.Flatten;
import io.chainrule.ir.nn.Layer;
import io.chainrule.ir.nn.LeakyRelu;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.LogSoftmax;
import io.chainrule.ir.nn.Sequential;
import io.chainrule.ir.nn.Softmax;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LayerTextTest {
    private static final Sequential MLP = new Sequential(new Flatten(), new Linear("fc1", 784, 120), Activation.RELU,
            new Linear("fc2", 120, 84), Activation.RELU, new Linear("out", 84, 10), new LogSoftmax(1));

    @Test
    void theLessonsMlpPrintsAndReadsBack() {
        String text = LayerText.print(MLP).orElseThrow();
        assertEquals("sequential(flatten(), linear(name=fc1, in=784, out=120, bias=true, "
                + "weight_init=linear_default(fan_in=784), bias_init=linear_default(fan_in=784)), relu(), "
                + "linear(name=fc2, in=120, out=84, bias=true, weight_init=linear_default(fan_in=120), "
                + "bias_init=linear_default(fan_in=120)), relu(), linear(name=out, in=84, out=10, bias=true, "
                + "weight_init=linear_default(fan_in=84), bias_init=linear_default(fan_in=84)), log_softmax(axis=1))",
                text);
        assertEquals(MLP, LayerText.parse(text));
    }

    @Test
    void everyModuleKindRoundTrips() {
        Sequential all = new Sequential(new Linear("p", 2, 1, false, new Initializer.Zeros(), new Initializer.Zeros()),
                new LeakyRelu(0.2), new Softmax(-1), new Sequential(Activation.values()));
        assertEquals(all, LayerText.parse(LayerText.print(all).orElseThrow()));
    }

    @Test
    void aLambdaHasNoText() {
        Layer lambda = Value::relu;
        assertEquals(Optional.empty(), LayerText.print(lambda));
        assertEquals(Optional.empty(), LayerText.print(new Sequential(new Flatten(), lambda)));
    }

    @Test
    void errorsNameTheColumn() {
        GraphParseException e = assertThrows(GraphParseException.class,
                () -> LayerText.parse("sequential(flatten(), relux())"));
        assertEquals("line 1, column 23: unknown layer 'relux' (did you mean 'relu'?)", e.getMessage());
        e = assertThrows(GraphParseException.class, () -> LayerText.parse("linear(name=fc, in=2)"));
        assertTrue(e.getMessage().startsWith("line 1, column "), e.getMessage());
        assertTrue(e.getMessage().contains("out"), e.getMessage());
        e = assertThrows(GraphParseException.class, () -> LayerText.parse("relu() x"));
        assertEquals("line 1, column 8: expected end of line after the network, found 'x'", e.getMessage());
    }

    @Test
    void aNameThatCannotBeWrittenIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerText.print(new Linear("fc 1", 2, 2)));
        assertEquals("name 'fc 1' cannot be written in text: use letters, digits and _ . + -", e.getMessage());
    }
}
