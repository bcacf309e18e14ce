package io.chainrule.ir.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each construct the reader cannot read, reported as javac reports errors: message, line and column. The model
 * declares its input, so reading it reads forward too, and every error comes from {@link JavaModelSource#read}.
 */
class ModelSourceErrorsTest {
    /** Forward's body starts on line 20 at column 9, the helper's on line 24. */
    private static final String TEMPLATE = """
            import static io.chainrule.ir.nn.F.*;

            import io.chainrule.ir.Value;
            import io.chainrule.ir.nn.Input;
            import io.chainrule.ir.nn.Layer;
            import io.chainrule.ir.nn.Linear;
            import io.chainrule.ir.nn.Network;
            import java.util.List;

            @Input(shape = {4})
            public class Model implements Network {
                static final int N = 3;
                final Linear fc = new Linear("fc", 4, 4);
                final Linear[] layers = {new Linear("a", 4, 4), new Linear("b", 4, 4)};
                int counter = 0;
                Linear missing;

                @Override
                public Value forward(Value x) {
                    FORWARD
                }

                Value block(Value x) {
                    HELPER
                }
            }
            """;

    private static String model(String forward, String helper) {
        return TEMPLATE.replace("FORWARD", forward.replace("\n", "\n        "))
                .replace("HELPER", helper.replace("\n", "\n        "));
    }

    private static List<Diagnostic> errors(String source) {
        return assertThrows(ModelSourceException.class, () -> JavaModelSource.read("Model.java", source))
                .diagnostics();
    }

    /** The one error of a model whose forward is {@code forward}. */
    private static void assertError(String forward, int line, int column, String message) {
        assertError(model(forward, "return x;"), line, column, message, List.of());
    }

    private static void assertError(String source, int line, int column, String message, List<String> notes) {
        List<Diagnostic> errors = errors(source);
        assertEquals(1, errors.size(), () -> "expected one error, got " + errors);
        Diagnostic d = errors.get(0);
        assertEquals(message, d.message());
        assertEquals(line + ":" + column, d.line() + ":" + d.column(), message);
        assertEquals(notes, d.notes());
    }

    @Test
    void theTemplateItselfReads() {
        JavaModelSource.read("Model.java", model("return block(fc.apply(x));", "return relu(x);"));
    }

    @Test
    void whileLoop() {
        assertError("int k = 0;\nwhile (k < N) {\n    x = fc.apply(x);\n    k++;\n}\nreturn x;", 21, 9,
                "while loops are not supported in forward(); use a for loop with a constant bound");
    }

    @Test
    void doWhileLoop() {
        assertError("do {\n    x = x.relu();\n} while (false);\nreturn x;", 20, 9,
                "do-while loops are not supported in forward(); use a for loop with a constant bound");
    }

    @Test
    void ifOnATensorComparison() {
        assertError("if (x.sum() > 0) {\n    x = x.relu();\n}\nreturn x;", 20, 13,
                "if on a tensor value is not supported: the graph is fixed when it is read, and a tensor's values "
                        + "exist only when it runs; for an elementwise choice, use a mask such as x.gt(0).mul(y)");
    }

    @Test
    void conditionalOnATensor() {
        assertError("return x.mean().gt(0.5) ? x : x.neg();", 20, 16,
                "?: on a tensor value is not supported: the graph is fixed when it is read, and a tensor's values "
                        + "exist only when it runs; for an elementwise choice, use a mask such as x.gt(0).mul(y)");
    }

    @Test
    void switchOnATensor() {
        assertError("switch (fc.apply(x)) {\n    default:\n        return x;\n}", 20, 17,
                "switch on a tensor value is not supported: the graph is fixed when it is read, so a switch must "
                        + "select on a constant");
    }

    @Test
    void tryStatement() {
        assertError("try {\n    return fc.apply(x);\n} finally {\n    counter = 0;\n}", 20, 9,
                "try statements are not supported in forward(): a graph is checked as it is built, so there is "
                        + "nothing to catch");
    }

    @Test
    void lambda() {
        assertError("Layer f = v -> v.relu();\nreturn f.apply(x);", 20, 19,
                "lambdas are not supported in forward(); use a helper method, or a layer such as Activation.RELU");
    }

    @Test
    void methodReference() {
        assertError("Layer f = Value::relu;\nreturn f.apply(x);", 20, 19, "method references are not supported in "
                + "forward(); use a helper method, or a layer such as Activation.RELU");
    }

    @Test
    void recursionThroughAHelper() {
        assertError(model("return block(x);", "return block(x.relu());"), 24, 16,
                "recursion is not supported: block() calls itself (directly or through other methods); the reader "
                        + "inlines every call, so repeat with a for loop instead",
                List.of("in helper block(), called from forward() at Model.java:20:16"));
    }

    @Test
    void unknownMethodOnATensor() {
        assertError("return x.relux();", 20, 18, "a tensor (Value) has no method relux() (did you mean 'relu'?)");
    }

    @Test
    void unknownFunction() {
        assertError("return relus(x);", 20, 16, "cannot find symbol: method relus(Value) (did you mean 'relu'?)");
    }

    @Test
    void wrongArgumentsForAnOp() {
        assertError("return x.softmax(0.5);", 20, 18, "no softmax(double); there is softmax(int)");
    }

    @Test
    void writeToAField() {
        assertError("counter = counter + 1;\nreturn x;", 20, 9, "forward() cannot assign to field counter: a network's "
                + "fields are fixed once it is made; use a local variable");
    }

    @Test
    void writeToAnArray() {
        assertError("layers[0] = fc;\nreturn x;", 20, 9, "forward() cannot write to an array element: a network's "
                + "arrays are fixed once it is made; use a local variable");
    }

    @Test
    void loopBoundThatIsATensor() {
        assertError("for (int i = 0; i < x.sum(); i++) {\n    x = x.relu();\n}\nreturn x;", 20, 25,
                "the bound of a for loop must be a constant, not a tensor value: the graph is fixed when it is "
                        + "read, and a tensor's values exist only when it runs");
    }

    @Test
    void loopThatDoesNotEnd() {
        assertError("for (int i = 0; i >= 0; i++) {\n}\nreturn x;", 20, 9,
                "this for loop runs more than 10000 times: unrolling it needs a small constant bound");
    }

    @Test
    void plusBetweenTensors() {
        assertError("return x + fc.apply(x);", 20, 18, "operator + is not defined on tensors (Java has no operator "
                + "overloading); call x.add(fc.apply(x)) instead");
    }

    @Test
    void timesBetweenANumberAndATensor() {
        assertError("return 2 * x;", 20, 18, "operator * is not defined on tensors (Java has no operator "
                + "overloading); call x.mul(2) instead (elementwise; matmul() is the matrix product)");
    }

    @Test
    void compoundAssignmentOnATensor() {
        assertError("x += x;\nreturn x;", 20, 11, "operator += is not defined on tensors; call x = x.add(x) instead");
    }

    @Test
    void shapeMismatchWithBothShapes() {
        assertError("return new Linear(\"g\", 5, 4).apply(x);", 20, 38,
                "matmul g: [32,4] x [4,5]^T: inner dimensions 4 and 5 differ");
    }

    @Test
    void unknownLayerType() {
        assertError("Layer c = new Conv2d(1, 6, 5);\nreturn c.apply(x);", 20, 23, "unknown layer type Conv2d; the "
                + "layers are Linear, Sequential, Flatten, LeakyRelu, Softmax, LogSoftmax, Parameter, or an Activation "
                + "(Activation.RELU, Activation.SIGMOID, Activation.TANH, Activation.SILU, Activation.GELU, "
                + "Activation.GELU_TANH, Activation.STEP, Activation.SOFTPLUS)");
    }

    @Test
    void misspeltLayerType() {
        assertTrue(errors(model("return new Linar(\"g\", 4, 4).apply(x);", "return x;")).get(0).message()
                .startsWith("unknown layer type Linar (did you mean 'Linear'?); the layers are Linear, "));
    }

    @Test
    void unknownVariable() {
        assertError("return fc.apply(y);", 20, 25, "cannot find symbol: variable y (did you mean 'x'?)");
    }

    @Test
    void fieldNeverAssigned() {
        assertError("return missing.apply(x);", 20, 24, "cannot call apply() on null (a field never assigned?)");
    }

    @Test
    void indexOutOfBounds() {
        assertError("return layers[N - 1].apply(x);", 20, 16, "index 2 is out of bounds for an array of length 2");
    }

    @Test
    void divisionByZeroInAConstant() {
        assertError("int k = N / (N - 3);\nreturn x;", 20, 19, "division by zero in a constant expression");
    }

    @Test
    void anonymousClass() {
        assertError("Network n = new Network() {\n    public Value forward(Value v) {\n        return v;\n    }\n};\n"
                + "return n.apply(x);", 20, 21, "anonymous classes are not supported in forward(); declare a static "
                + "nested class that implements Network");
    }

    @Test
    void instanceofTest() {
        assertError("return fc instanceof Layer ? fc.apply(x) : x;", 20, 16,
                "instanceof is not supported in forward(): every value's type is known where it is made");
    }

    @Test
    void forwardThatReturnsANumber() {
        assertError(TEMPLATE.replace("public Value forward(Value x)", "public Value forward(Value x, int n)")
                .replace("FORWARD", "return x;").replace("HELPER", "return x;"), 19, 18,
                "forward must take one tensor, Value forward(Value x), not 2 parameters", List.of());
    }

    @Test
    void missingForward() {
        assertError(TEMPLATE.replace("public Value forward(Value x)", "public Value backward(Value x)")
                .replace("@Override\n", "").replace("FORWARD", "return x;").replace("HELPER", "return x;"), 11, 14,
                "class Model has no forward(Value) method: a network computes its output in Value forward(Value x)",
                List.of());
    }

    @Test
    void classThatIsNotANetwork() {
        assertError(TEMPLATE.replace(" implements Network", "").replace("@Override\n", "")
                .replace("FORWARD", "return x;").replace("HELPER", "return x;"), 11, 14,
                "class Model does not implement Network: declare it as class Model implements Network, with Value "
                        + "forward(Value x)", List.of());
    }

    @Test
    void constructorWithParametersOnly() {
        assertError(TEMPLATE.replace("    int counter = 0;", "    int counter;\n\n    public Model(int c) {\n"
                + "        counter = c;\n    }").replace("FORWARD", "return x;").replace("HELPER", "return x;"),
                11, 14, "class Model has no constructor without parameters: the reader makes the network with new "
                        + "Model()", List.of());
    }

    @Test
    void syntaxErrorAtJavaParsersPosition() {
        assertError("return x.relu(;", 20, 23, "syntax error: Parse error. Found \";\"");
    }

    @Test
    void threeErrorsInOneFileAreAllReportedInSourceOrder() {
        String source = model("Value y = x * 2;\nValue z = new Linear(\"g\", 3, 4).apply(x);\nreturn block(x);",
                "int k = 0;\nwhile (k < N) {\n    x = x.relu();\n    k++;\n}\nreturn x;");
        ModelSourceException e = assertThrows(ModelSourceException.class,
                () -> JavaModelSource.read("Model.java", source));
        assertEquals("""
                Model.java:20:21: error: operator * is not defined on tensors (Java has no operator overloading); \
                call x.mul(2) instead (elementwise; matmul() is the matrix product)
                        Value y = x * 2;
                                    ^
                Model.java:21:41: error: matmul g: [32,4] x [4,3]^T: inner dimensions 4 and 3 differ
                        Value z = new Linear("g", 3, 4).apply(x);
                                                        ^
                Model.java:27:9: error: while loops are not supported in block(); use a for loop with a constant bound
                        while (k < N) {
                        ^
                note: in helper block(), called from forward() at Model.java:22:16
                3 errors""", e.getMessage());
    }

    @Test
    void withoutInputForwardIsReadWhenTheNetworkIsApplied() {
        String source = model("return x.add(fc.apply(x)) + x;", "return x;").replace("@Input(shape = {4})\n", "");
        ModelSource m = JavaModelSource.read("Model.java", source);
        ModelSourceException e = assertThrows(ModelSourceException.class, () -> FrontEnds.build(m.network(), 2, 4));
        assertEquals(1, e.diagnostics().size());
        assertEquals("operator + is not defined on tensors (Java has no operator overloading); call "
                + "x.add(fc.apply(x)).add(x) instead", e.diagnostics().get(0).message());
        assertEquals(19, e.diagnostics().get(0).line());
    }

    @Test
    void errorsInNestedHelpersNoteEachCall() {
        String source = model("return block(x);", "return inner(x);\n}\n\nValue inner(Value x) {\n"
                + "    return x.add(x.sum(0, 1, 2));");
        assertError(source, 28, 28, "sum %1: f32[32,4]: axis 2 is out of range for shape [32,4]",
                List.of("in helper inner(), called from block() at Model.java:24:16",
                        "in helper block(), called from forward() at Model.java:20:16"));
    }

    @Test
    void throwStatement() {
        assertError("throw new IllegalStateException();", 20, 9, "throw statements are not supported in forward()");
    }

    @Test
    void synchronizedBlock() {
        assertError("synchronized (fc) {\n    return fc.apply(x);\n}", 20, 9,
                "synchronized blocks are not supported in forward()");
    }

    @Test
    void labeledBreak() {
        assertError("outer:\nfor (int i = 0; i < N; i++) {\n    break outer;\n}\nreturn x;", 20, 9,
                "labeled statements are not supported in forward(); use break or continue without a label");
    }

    @Test
    void localClass() {
        assertError("class Local {\n}\nreturn x;", 20, 9,
                "local classes are not supported in forward(); declare a static nested class");
    }

    @Test
    void charLiteral() {
        assertError("String s = \"fc\" + 'a';\nreturn x;", 20, 27,
                "char values are not supported in forward(); use a String or an int");
    }

    @Test
    void forWithoutCondition() {
        assertError("for (int i = 0; ; i++) {\n    break;\n}\nreturn x;", 20, 9,
                "a for loop without a condition is not supported in forward(); give it a constant bound");
    }

    @Test
    void forEachOverATensor() {
        assertError("for (Value row : x) {\n    return row;\n}\nreturn x;", 20, 26, "a for-each loop over a tensor "
                + "is not supported: its values exist only when the graph runs; loop over a constant array or list");
    }

    @Test
    void modifyingAListInForward() {
        assertError("List<Layer> more = new java.util.ArrayList<>();\nmore.add(fc);\nreturn x;", 21, 14,
                "forward() cannot modify a list (add): a network's lists are fixed once it is made; build the list "
                        + "in the constructor");
    }

    @Test
    void aTensorWhereANumberIsDeclared() {
        assertError("double s = x.sum();\nreturn x;", 20, 22,
                "incompatible types: a tensor (Value) cannot be converted to double");
    }

    @Test
    void innerClassThatIsNotStatic() {
        assertError(model("return x;", "return x;").replace("    static final int N = 3;",
                "    static final int N = 3;\n    class Inner {\n    }"), 13, 11,
                "inner class Inner must be static: a nested class cannot use the fields of the object it is made in",
                List.of());
    }

    @Test
    void classThatExtendsAnother() {
        assertError(model("return x;", "return x;").replace("implements Network", "extends Object implements Network"),
                11, 28, "class Model extends Object: a class in a model source extends no other class; hold it as a "
                        + "field instead", List.of());
    }

    @Test
    void badInputAnnotation() {
        assertError(model("return x;", "return x;").replace("@Input(shape = {4})",
                "@Input(shape = {4}, task = \"ranking\")"), 10, 28,
                "@Input task must be \"classification\" or \"regression\", not ranking", List.of());
    }

    @Test
    void oneMistakeIsOneErrorNotACascade() {
        // y is unknown after its error; what is made from it is not reported again
        assertError("Value y = x * x;\nValue z = y.relu().add(y);\nreturn fc.apply(z.matmul(y));", 20, 21,
                "operator * is not defined on tensors (Java has no operator overloading); call x.mul(x) instead "
                        + "(elementwise; matmul() is the matrix product)");
    }

    @Test
    void theCaretFollowsTabs() {
        String source = model("return x.relux();", "return x;").replace("        return x.relux();",
                "\t\treturn x.relux();");
        Diagnostic d = errors(source).get(0);
        assertEquals(20, d.line());
        assertEquals(12, d.column());
        assertTrue(d.format().contains("\t\treturn x.relux();\n\t\t         ^\n"), d.format());
    }

    @Test
    void unknownTypeInADeclaration() {
        assertError(model("return x;", "return x;").replace("    Linear missing;", "    Lineer missing;"), 16, 5,
                "cannot find symbol: class Lineer (did you mean 'Linear'?)", List.of());
    }

    @Test
    void unknownTypeArgument() {
        assertError("List<Tensor> parts = List.of();\nreturn x;", 20, 14, "cannot find symbol: class Tensor");
    }
}
