package io.chainrule.autodiff;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Origin;
import io.chainrule.ir.GraphException;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.Node;
import io.chainrule.ir.Value;

/**
 * One graph for one training step: the forward graph, its backward graph and the optimizer's updates, simplified.
 * Outputs are the forward graph's (the loss, and the predictions when the model has them); every parameter, the
 * optimizer's state and the shared step count {@code step} are updated. The learning rate is the optimizer's own,
 * a constant, or read from the scalar input {@link #LEARNING_RATE} so that a schedule can change it between steps
 * of one compiled graph.
 */
public final class TrainingGraph {
    /** The state holding how many steps have run. */
    public static final String STEP = "step";
    /** The scalar input (of the loss's dtype) holding the learning rate, in graphs built to read it. */
    public static final String LEARNING_RATE = "lr";

    private TrainingGraph() {
    }

    public static Graph build(Graph forward, String loss, Optimizer optimizer) {
        return build(forward, loss, optimizer, Gradients.Options.parameters());
    }

    /** As {@link #build(Graph, String, Optimizer)}; {@code options} may allow zero gradients through steps. */
    public static Graph build(Graph forward, String loss, Optimizer optimizer, Gradients.Options options) {
        return build(forward, loss, optimizer, options, false);
    }

    /**
     * As {@link #build(Graph, String, Optimizer, Gradients.Options)}; with {@code learningRateInput} the optimizer
     * reads its learning rate from the input {@link #LEARNING_RATE} wherever it would use {@code optimizer.lr()}.
     */
    public static Graph build(Graph forward, String loss, Optimizer optimizer, Gradients.Options options,
            boolean learningRateInput) {
        if (!options.wrt().isEmpty()) {
            throw new IllegalArgumentException("a training graph differentiates with respect to every parameter");
        }
        Graph withGrads = Gradients.of(forward, loss, options);
        GraphBuilder b = GraphBuilder.extend(withGrads, forward.name() + "_train");
        DType dtype = forward.output(loss).dtype();
        Value step = b.withOrigin(new Origin.Update(optimizer.describe()), () -> {
            Value count = b.state(STEP, new Initializer.Zeros(), dtype);
            Value next = count.add(1);
            b.update(STEP, next);
            return next;
        });
        LearningRate lr = learningRateInput
                ? new LearningRate.Input(learningRateInput(b, forward, dtype, optimizer))
                : new LearningRate.Constant(optimizer.lr());
        for (Node p : forward.parameters()) {
            String gradOutput = Gradients.outputName(forward, loss, p.name());
            Value grad = b.value(withGrads.outputs().get(gradOutput));
            b.dropOutput(gradOutput);
            b.withOrigin(new Origin.Update(optimizer.name() + " " + p.name()), () -> {
                optimizer.update(b.value(p.id()), grad, step, lr);
                return null;
            });
        }
        if (forward.parameters().isEmpty()) {
            throw new GraphException("graph " + forward.name() + " has no parameters to train");
        }
        return Simplifier.simplify(b.build());
    }

    private static Value learningRateInput(GraphBuilder b, Graph forward, DType dtype, Optimizer optimizer) {
        if (forward.nodes().stream().anyMatch(n -> LEARNING_RATE.equals(n.name()))) {
            throw new GraphException("graph " + forward.name() + " already has a node named '" + LEARNING_RATE
                    + "', the name of the learning-rate input");
        }
        return b.withOrigin(new Origin.Update(optimizer.describe()), () -> b.input(LEARNING_RATE, dtype));
    }
}
