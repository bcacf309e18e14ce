package io.chainrule.ir.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.DType;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.Node;
import io.chainrule.ir.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttrTextTest {

    @Test
    void parsesWhatItPrintsForEveryNodeOfTheSampleGraphs() {
        List<Node> nodes = new ArrayList<>(SampleGraphs.allOps().nodes());
        nodes.addAll(SampleGraphs.mnistMlp().nodes());
        for (Node n : nodes) {
            assertEquals(n.attrs(), AttrText.parse(n.op().attrsType(), inside(AttrText.print(n.attrs()))),
                    n.toString());
        }
    }

    @Test
    void parsesEveryInitializerKind() {
        List<Initializer> all = List.of(new Initializer.Zeros(), new Initializer.Fill(-2.5),
                new Initializer.Uniform(-1e-3, 1e3), new Initializer.Normal(0.0, 0.02),
                new Initializer.KaimingUniform(3, Initializer.RELU_GAIN), new Initializer.KaimingNormal(7, 1.0),
                new Initializer.XavierUniform(3, 4, 1.0), new Initializer.XavierNormal(5, 6, 0.5),
                new Initializer.LinearDefault(784));
        assertEquals(Initializer.class.getPermittedSubclasses().length, all.size(), "a kind is missing here");
        for (Initializer init : all) {
            Attrs.Init attrs = new Attrs.Init(init);
            assertEquals(attrs, AttrText.parse(Attrs.Init.class, inside(AttrText.print(attrs))));
        }
    }

    @Test
    void keepsAwkwardDoublesBitForBit() {
        double[] values = {0.1, 1e-8, -0.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, Double.MAX_VALUE, 1.0 / 3, -123456.789e200};
        String printed = inside(AttrText.print(new Attrs.Constant(values)));
        Attrs.Constant parsed = AttrText.parse(Attrs.Constant.class, printed);
        assertArrayEquals(values, parsed.values());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(parsed.values()[2]));
    }

    @Test
    void acceptsKeysInAnyOrderAndPlainIntegersAsDoubles() {
        assertEquals(new Attrs.MatMul(true, false), AttrText.parse(Attrs.MatMul.class,
                "transpose_b=false, transpose_a=true"));
        assertEquals(new Attrs.Init(new Initializer.Uniform(-1, 2)), AttrText.parse(Attrs.Init.class,
                "init=uniform(high=2, low=-1)"));
    }

    @Test
    void parsesEnumsShapesAndEmptyLists() {
        assertEquals(new Attrs.OneHot(10, DType.I32), AttrText.parse(Attrs.OneHot.class, "classes=10, dtype=i32"));
        assertEquals(new Attrs.Loss(Attrs.Reduction.NONE), AttrText.parse(Attrs.Loss.class, "reduction=none"));
        assertEquals(new Attrs.Target(Shape.SCALAR), AttrText.parse(Attrs.Target.class, "shape=[]"));
        assertEquals(new Attrs.Reduce(List.of(), true), AttrText.parse(Attrs.Reduce.class, "axes=[], keep_dims=true"));
        assertEquals(Attrs.NONE, AttrText.parse(Attrs.None.class, ""));
    }

    @Test
    void rejectsAnUnknownKeyListingTheKnownOnes() {
        assertError("line 1, column 20: unknown attribute 'flip' (expected transpose_a or transpose_b)",
                Attrs.MatMul.class, "transpose_a=false, flip=true");
    }

    @Test
    void suggestsTheKeyAMisspeltOneWasMeantToBe() {
        assertError("line 1, column 1: unknown attribute 'keepdims' (did you mean 'keep_dims'?)",
                Attrs.ArgMax.class, "keepdims=true, axis=1");
    }

    @Test
    void rejectsAttributesOnAnOpThatTakesNone() {
        assertError("line 1, column 1: unknown attribute 'alpha' (expected none)", Attrs.None.class, "alpha=0.1");
    }

    @Test
    void rejectsAMissingKey() {
        assertError("line 1, column 18: missing attribute 'transpose_b'", Attrs.MatMul.class, "transpose_a=false");
    }

    @Test
    void rejectsADuplicateKey() {
        assertError("line 1, column 9: duplicate attribute 'axis'", Attrs.Axis.class, "axis=1, axis=2");
    }

    @Test
    void rejectsAValueOfTheWrongType() {
        assertError("line 1, column 13: expected true or false for attribute 'transpose_a', found '1'",
                Attrs.MatMul.class, "transpose_a=1, transpose_b=true");
        assertError("line 1, column 6: expected an integer for attribute 'axis', found '1.5'", Attrs.Axis.class,
                "axis=1.5");
        assertError("line 1, column 7: expected a number for attribute 'alpha', found 'big'", Attrs.Alpha.class,
                "alpha=big");
        assertError("line 1, column 7: expected '[' to start attribute 'shape', found '784'", Attrs.Target.class,
                "shape=784");
        assertError("line 1, column 11: expected mean, sum or none for attribute 'reduction', found 'avg'",
                Attrs.Loss.class, "reduction=avg");
    }

    @Test
    void rejectsAnIntegerOutOfRange() {
        assertError("line 1, column 6: attribute 'axis': 3000000000 is out of int range", Attrs.Axis.class,
                "axis=3000000000");
    }

    @Test
    void rejectsANegativeDimension() {
        assertError("line 1, column 7: attribute 'shape': negative dimension in [2, -1]", Attrs.Target.class,
                "shape=[2,-1]");
    }

    @Test
    void rejectsAnUnknownInitializer() {
        assertError("line 1, column 6: unknown initializer 'he_uniform' (expected zeros, fill, uniform, normal, "
                + "kaiming_uniform, kaiming_normal, xavier_uniform, xavier_normal or linear_default)",
                Attrs.Init.class, "init=he_uniform(fan_in=3)");
        assertError("line 1, column 6: unknown initializer 'xavier_unifrom' (did you mean 'xavier_uniform'?)",
                Attrs.Init.class, "init=xavier_unifrom(fan_in=3, fan_out=4, gain=1.0)");
    }

    @Test
    void rejectsBadInitializerArguments() {
        assertError("line 1, column 21: unknown linear_default argument 'fan_out' (expected fan_in)",
                Attrs.Init.class, "init=linear_default(fan_out=3)");
        assertError("line 1, column 45: missing xavier_normal argument 'gain'", Attrs.Init.class,
                "init=xavier_normal(fan_in=3, fan_out=4      )");
    }

    @Test
    void rejectsAMissingSeparator() {
        assertError("line 1, column 19: expected ',' or end of line, found 'transpose_b'", Attrs.MatMul.class,
                "transpose_a=false transpose_b=true");
        assertError("line 1, column 12: expected ',' or ']', found '2'", Attrs.Permute.class, "perm=[1, 0 2]");
    }

    private static void assertError(String expected, Class<? extends Attrs> type, String text) {
        GraphParseException e = assertThrows(GraphParseException.class, () -> AttrText.parse(type, text));
        assertEquals(expected, e.getMessage());
    }

    /** The text between the braces that print writes. */
    private static String inside(String printed) {
        return printed.isEmpty() ? "" : printed.substring(1, printed.length() - 1);
    }
}
