package io.chainrule.ir.source;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * A random model class that javac compiles and the reader reads: constants and constant arithmetic, layers, arrays
 * and lists of layers made by loops, parameters, a nested network class, helpers, local variables, constant if,
 * switch and ?:, loops with break and continue. The generator tracks the width of x as it writes each step, and
 * writes every width as some constant expression of that value, so that only correct folding gives the graph.
 */
final class RandomModelSource {
    /** The class's name and text, and the input it is applied to. */
    record Model(String name, String source, int[] input) {
    }

    private static final String[] ACTIVATIONS = {"relu(x)", "x.tanh()", "sigmoid(x)", "F.gelu(x)", "x.silu()",
        "leakyRelu(x, 0.2)", "x.leakyRelu()", "tanh(x)", "x.abs()", "x.square()"};

    private final SplittableRandom random;
    private final String name;
    private final List<String> constants = new ArrayList<>();
    private final List<Integer> constantValues = new ArrayList<>();
    private final List<String> fields = new ArrayList<>();
    private final List<String> constructor = new ArrayList<>();
    private final List<String> forward = new ArrayList<>();
    private boolean usesBlock;
    private int width;
    private int next;

    private RandomModelSource(String name, long seed) {
        this.name = name;
        this.random = new SplittableRandom(seed);
    }

    static Model generate(String name, long seed) {
        return new RandomModelSource(name, seed).model();
    }

    private Model model() {
        int batch = 1 + random.nextInt(6);
        int[] input;
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            int value = 1 + random.nextInt(9);
            constant("int", "W" + i, String.valueOf(value), value);
        }
        constants.add("    static final double SCALE = " + (1 + random.nextInt(4)) + " / 8.0;");
        constants.add("    static final boolean FLAG = W0 " + (random.nextBoolean() ? ">" : "<=") + " 4;");
        constants.add("    static final String ACT = \"" + (random.nextBoolean() ? "tanh" : "relu") + "\";");
        constants.add("    static final int[] DIMS = {" + dims() + "};");
        if (random.nextInt(4) == 0) {
            int c = 1 + random.nextInt(3);
            int h = 1 + random.nextInt(4);
            input = new int[] {batch, c, h};
            width = c * h;
            forward.add("x = flatten(x);");
        } else {
            width = 1 + random.nextInt(8);
            input = new int[] {batch, width};
        }
        int steps = 2 + random.nextInt(7);
        for (int i = 0; i < steps; i++) {
            step();
        }
        if (random.nextBoolean()) {
            forward.add("return logSoftmax(x, " + (random.nextBoolean() ? "1" : "-1") + ");");
        } else {
            forward.add("return x;");
        }
        return new Model(name, source(), input);
    }

    private void constant(String type, String constName, String expression, int value) {
        constants.add("    static final " + type + " " + constName + " = " + expression + ";");
        constantValues.add(value);
    }

    private String dims() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            values.add(String.valueOf(1 + random.nextInt(9)));
        }
        return String.join(", ", values);
    }

    /** Some constant expression of {@code value}: a literal, a constant, arithmetic, a cast, Math, an array. */
    private String expr(int value) {
        int w0 = constantValues.get(0);
        return switch (random.nextInt(7)) {
            case 0 -> "W0 * " + value + " / W0";
            case 1 -> "(W0 + " + (value - w0) + ")";
            case 2 -> "(int) (" + value + " * 1.5 / 1.5)";
            case 3 -> "Math.max(" + value + ", " + random.nextInt(value + 1) + ")";
            case 4 -> "(" + value + " << 1 >> 1)";
            case 5 -> "DIMS.length * " + value + " / 4";
            default -> String.valueOf(value);
        };
    }

    private String fresh(String prefix) {
        return prefix + next++;
    }

    private void step() {
        switch (random.nextInt(17)) {
            case 0 -> {
                String fc = fresh("fc");
                int out = 1 + random.nextInt(8);
                fields.add("final Linear " + fc + " = new Linear(\"" + fc + "\", " + expr(width) + ", " + expr(out)
                        + (random.nextInt(4) == 0 ? ", false" : "") + ");");
                forward.add("x = " + fc + ".apply(x);");
                width = out;
            }
            case 1 -> forward.add("x = " + activation() + ";");
            case 2 -> {
                String stack = fresh("stack");
                int n = 1 + random.nextInt(3);
                fields.add("final Linear[] " + stack + " = new Linear[" + n + "];");
                constructor.add("for (int i = 0; i < " + stack + ".length; i++) {\n            " + stack
                        + "[i] = new Linear(\"" + stack + "_\" + i, " + expr(width) + ", " + expr(width) + ");\n"
                        + "        }");
                if (random.nextBoolean()) {
                    forward.add("for (Linear layer : " + stack + ") {\n            x = "
                            + applied(activation(), "layer.apply(x)") + ";\n        }");
                } else {
                    forward.add("for (int i = 0; i < " + n + "; i++) {\n            if (i % 2 == 1) {\n"
                            + "                x = " + stack + "[i].apply(x).mul(SCALE);\n                continue;\n"
                            + "            }\n            x = residual(x, " + stack + "[i], i + 1);\n        }");
                }
            }
            case 3 -> {
                String list = fresh("seq");
                int out = 1 + random.nextInt(6);
                String layers = "new Linear(\"" + list + "_a\", " + expr(width) + ", " + expr(out)
                        + "), Activation." + (random.nextBoolean() ? "TANH" : "RELU");
                if (random.nextBoolean()) {
                    fields.add("final List<Layer> " + list + " = List.of(" + layers + ");");
                    forward.add("for (Layer layer : " + list + ") {\n            x = layer.apply(x);\n        }");
                } else {
                    fields.add("final Sequential " + list + " = new Sequential(" + layers + ", new LeakyRelu(0.1));");
                    forward.add("x = " + list + ".apply(x);");
                }
                width = out;
            }
            case 4 -> {
                String p = fresh("p");
                int out = 1 + random.nextInt(6);
                fields.add("final Parameter " + p + " = new Parameter(\"" + p + "\", new Initializer.Normal(0, 0.1), "
                        + expr(width) + ", " + expr(out) + ");");
                forward.add("x = x.matmul(" + p + ".in(x));");
                width = out;
            }
            case 5 -> forward.add("if (FLAG) {\n            x = x.tanh();\n        } else {\n            x = x.mul(W0)"
                    + ".add(1);\n        }");
            case 6 -> forward.add("x = W0 % 2 == 0 ? x.mul(SCALE * 2) : x.add(W0 / 2).sub(SCALE);");
            case 7 -> forward.add("switch (ACT) {\n            case \"tanh\":\n                x = x.tanh();\n"
                    + "                break;\n            default:\n                x = act(x, W0 % 3);\n        }");
            case 8 -> {
                String block = fresh("block");
                usesBlock = true;
                fields.add("final Block " + block + " = new Block(\"" + block + "\", " + expr(width) + ");");
                forward.add("x = " + block + ".apply(x);");
            }
            case 9 -> forward.add("Value " + fresh("h") + " = x;\n        x = x.sub(x.meanKeepDims(1)).div("
                    + "x.sumKeepDims(-1).abs().add(1));");
            case 10 -> forward.add("int " + fresh("k") + " = 2;\n        for (int i = 0; i < 3; i++) {\n"
                    + "            for (int j = 0; j <= i; j++) {\n                if (i + j > W0) {\n"
                    + "                    break;\n                }\n                x = x.mul(i - j + 1);\n"
                    + "            }\n        }");
            case 11 -> {
                String b = fresh("bias");
                fields.add("final Parameter " + b + " = new Parameter(\"" + b + "\", new Initializer.Zeros(), "
                        + expr(width) + ");");
                forward.add("x = x.add(" + b + ".in(x)).add(" + b + ".in(x));");
            }
            case 12 -> {
                int kind = random.nextInt(4);
                forward.add("var " + fresh("v") + " = " + kind + ";\n        x = act(x, " + kind + " + W0 - W0);");
            }
            case 14 -> {
                // Java's typing names the layer: ?: and switch promote their arms, 2.5 or 1.0 not 1
                String fc = fresh("typed");
                fields.add("final Linear " + fc + " = new Linear(\"" + fc + "\" + (W0 > 4 ? 1 : 2.5) + \"_\" + "
                        + "switch (W0 % 3) {\n        case 0 -> 1;\n        case 1 -> 2L;\n        default -> 0.5f;\n"
                        + "    }, " + expr(width) + ", " + expr(width) + ");");
                forward.add("x = " + fc + ".apply(x);");
            }
            case 15 -> forward.add("x = shift(x, W0);\n        x = shift(x, SCALE);\n"
                    + "        x = shift(x, W0 / 2 * 2.0);");
            case 16 -> {
                String c = fresh("c");
                forward.add("int " + c + " = W0;\n        " + c + " += " + c + "++ * 2;\n        " + c + " -= W0 / 3;\n"
                        + "        x = x.mul(" + c + ");");
            }
            default -> {
                String sum = fresh("total");
                forward.add("Value " + sum + " = x.sum(1).reshape(-1, 1);\n        x = x.add(" + sum + ").named(\""
                        + sum + "\");");
            }
        }
    }

    private String activation() {
        return ACTIVATIONS[random.nextInt(ACTIVATIONS.length)];
    }

    /** The activation of {@code inner} instead of x: {@code relu(layer.apply(x))}, {@code layer.apply(x).tanh()}. */
    private static String applied(String activation, String inner) {
        return activation.startsWith("x.") ? inner + activation.substring(1) : activation.replace("(x", "(" + inner);
    }

    private String source() {
        StringBuilder sb = new StringBuilder("""
                import static io.chainrule.ir.nn.F.*;

                import io.chainrule.ir.Initializer;
                import io.chainrule.ir.Value;
                import io.chainrule.ir.nn.Activation;
                import io.chainrule.ir.nn.F;
                import io.chainrule.ir.nn.Layer;
                import io.chainrule.ir.nn.LeakyRelu;
                import io.chainrule.ir.nn.Linear;
                import io.chainrule.ir.nn.Network;
                import io.chainrule.ir.nn.Parameter;
                import io.chainrule.ir.nn.Sequential;
                import java.util.List;

                """);
        sb.append("public class ").append(name).append(" implements Network {\n");
        constants.forEach(c -> sb.append(c).append('\n'));
        if (usesBlock) {
            sb.append("""

                        static final class Block implements Network {
                            final Linear inner;
                            final Parameter gain;

                            Block(String name, int width) {
                                inner = new Linear(name, width, width);
                                gain = new Parameter(name + ".gain", new Initializer.Fill(1), width);
                            }

                            @Override
                            public Value forward(Value x) {
                                return x.add(inner.apply(x).tanh().mul(gain.in(x)));
                            }
                        }
                    """);
        }
        sb.append('\n');
        lines(sb, fields, i -> "    ");
        sb.append("\n    public ").append(name).append("() {\n");
        lines(sb, constructor, i -> "        ");
        sb.append("    }\n\n    @Override\n    public Value forward(Value x) {\n");
        lines(sb, forward, i -> "        ");
        sb.append("""
                    }

                    private Value residual(Value x, Linear layer, double scale) {
                        Value y = layer.apply(x).mul(scale);
                        return x.add(y);
                    }

                    private static Value shift(Value x, double by) {
                        return x.mul(by);
                    }

                    private static Value shift(Value x, int by) {
                        return x.add(by);
                    }

                    private static Value act(Value x, int kind) {
                        switch (kind) {
                            case 0:
                                return x.relu();
                            case 1:
                                return sigmoid(x);
                            default:
                                return kind > 2 ? x.gelu() : x.tanh();
                        }
                    }
                }
                """);
        return sb.toString();
    }

    private static void lines(StringBuilder sb, List<String> lines, IntFunction<String> indent) {
        for (int i = 0; i < lines.size(); i++) {
            sb.append(indent.apply(i)).append(lines.get(i)).append('\n');
        }
    }
}
