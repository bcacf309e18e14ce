package io.chainrule.autodiff;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.GraphException;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.Node;
import io.chainrule.ir.Value;

/**
 * One graph for one training step: the forward graph, its backward graph and the optimizer's updates, simplified.
 * Outputs are the forward graph's (the loss, and the predictions when the model has them); every parameter, the
 * optimizer's state and the shared step count {@code step} are updated.
 */
public final class TrainingGraph {
    /** The state holding how many steps have run. */
    public static final String STEP = "step";

    private TrainingGraph() {
    }

    public static Graph build(Graph forward, String loss, Optimizer optimizer) {
        return build(forward, loss, optimizer, Gradients.Options.parameters());
    }

    /** As {@link #build(Graph, String, Optimizer)}; {@code options} may allow zero gradients through steps. */
    public static Graph build(Graph forward, String loss, Optimizer optimizer, Gradients.Options options) {
        if (!options.wrt().isEmpty()) {
            throw new IllegalArgumentException("a training graph differentiates with respect to every parameter");
        }
        Graph withGrads = Gradients.of(forward, loss, options);
        GraphBuilder b = GraphBuilder.extend(withGrads, forward.name() + "_train");
        DType dtype = forward.output(loss).dtype();
        Value step = b.withOrigin(Provenance.UPDATE_PREFIX + optimizer.describe(), () -> {
            Value count = b.state(STEP, new Initializer.Zeros(), dtype);
            Value next = count.add(1);
            b.update(STEP, next);
            return next;
        });
        for (Node p : forward.parameters()) {
            String gradOutput = Gradients.outputName(forward, loss, p.name());
            Value grad = b.value(withGrads.outputs().get(gradOutput));
            b.dropOutput(gradOutput);
            b.withOrigin(Provenance.UPDATE_PREFIX + optimizer.name() + " " + p.name(), () -> {
                optimizer.update(b.value(p.id()), grad, step);
                return null;
            });
        }
        if (forward.parameters().isEmpty()) {
            throw new GraphException("graph " + forward.name() + " has no parameters to train");
        }
        return Simplifier.simplify(b.build());
    }
}
