package io.chainrule.ir.source;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import io.chainrule.ir.DType;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Shape;
import io.chainrule.ir.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads a model written as a Java class (see {@link io.chainrule.ir.nn.Network}) with JavaParser, without compiling
 * or running it, into a layer that builds the same graph the compiled class builds. Reading checks everything that
 * does not depend on the input: syntax, constructs the reader cannot unroll, the constructor and field values; and,
 * when the class declares its input with {@code @Input}, forward itself on a batch of that shape. Every error found
 * is reported at once, as javac reports them.
 */
public final class JavaModelSource {
    private JavaModelSource() {
    }

    /** @throws ModelSourceException listing every error found */
    public static ModelSource read(Path file) throws IOException {
        return read(file.toString(), Files.readString(file));
    }

    /**
     * @param file the name errors give the source, and whose last segment node origins give it
     * @throws ModelSourceException listing every error found
     */
    public static ModelSource read(String file, String text) {
        Diagnostics diagnostics = new Diagnostics(file, text);
        Optional<CompilationUnit> unit = SourceParser.parse(text, diagnostics);
        if (unit.isEmpty()) {
            diagnostics.throwIfAny();
        }
        Program program = new Program(unit.orElseThrow(), file, text);
        Structure.check(unit.get(), program, diagnostics);
        Unsupported.check(program, diagnostics);
        UserClass model = program.model();
        if (model == null) {
            diagnostics.throwIfAny();
        }
        Evaluator constructing = new Evaluator(program, diagnostics, false);
        program.classes().forEach(constructing::initialize);
        Object network = constructing.instantiate(model, new Object[0], null);
        Optional<ModelSource.Training> training = training(model, constructing, diagnostics);
        if (network instanceof SourceObject n && training.isPresent()) {
            ModelSource.Training t = training.get();
            int[] dims = new int[t.inputShape().rank() + 1];
            dims[0] = t.batchSize();
            System.arraycopy(t.inputShape().dims(), 0, dims, 1, t.inputShape().rank());
            GraphBuilder trial = new GraphBuilder(model.name());
            Value x = trial.withOrigin("examples", () -> trial.input("x", DType.F32, dims));
            program.read(n, x, diagnostics);
        }
        diagnostics.throwIfAny();
        return new ModelSource(file, text, model.name(), (SourceObject) network, training);
    }

    /** The class's {@code @Input(shape = ..., task = ..., batch = ...)}, its values checked. */
    private static Optional<ModelSource.Training> training(UserClass model, Evaluator constants,
                                                           Diagnostics diagnostics) {
        Optional<AnnotationExpr> annotation = model.declaration().getAnnotationByName("Input");
        if (annotation.isEmpty()) {
            return Optional.empty();
        }
        if (!(annotation.get() instanceof NormalAnnotationExpr input)) {
            diagnostics.error(Positions.of(annotation.get()), "@Input needs its values named: @Input(shape = {...})",
                    List.of());
            return Optional.empty();
        }
        Object shape = null;
        Object task = "classification";
        Object batch = 32;
        boolean valid = true;
        for (MemberValuePair pair : input.getPairs()) {
            switch (pair.getNameAsString()) {
                case "shape" -> shape = constants.constant(pair.getValue(), model, int[].class);
                case "task" -> task = constants.constant(pair.getValue(), model, String.class);
                case "batch" -> batch = constants.constant(pair.getValue(), model, int.class);
                default -> {
                    diagnostics.error(Positions.of(pair), "@Input has no element " + pair.getNameAsString()
                            + "; it has shape, task and batch", List.of());
                    valid = false;
                }
            }
            if (pair.getNameAsString().equals("shape") && shape instanceof int[] dims
                    && (dims.length == 0 || java.util.Arrays.stream(dims).anyMatch(d -> d < 1))) {
                diagnostics.error(Positions.of(pair.getValue()), "@Input shape needs at least one dimension, each "
                        + "at least 1", List.of());
                valid = false;
            }
            if (pair.getNameAsString().equals("task") && !"classification".equals(task)
                    && !"regression".equals(task)) {
                diagnostics.error(Positions.of(pair.getValue()), "@Input task must be \"classification\" or "
                        + "\"regression\", not " + task, List.of());
                valid = false;
            }
            if (pair.getNameAsString().equals("batch") && batch instanceof Integer b && b < 1) {
                diagnostics.error(Positions.of(pair.getValue()), "@Input batch must be at least 1, not " + b,
                        List.of());
                valid = false;
            }
        }
        if (shape == null && valid) {
            diagnostics.error(Positions.of(input), "@Input needs the shape of one example: @Input(shape = {...})",
                    List.of());
        }
        if (!valid || !(shape instanceof int[] dims) || !(task instanceof String t) || !(batch instanceof Integer b)) {
            return Optional.empty();
        }
        return Optional.of(new ModelSource.Training(Shape.of(dims), t, b));
    }
}
