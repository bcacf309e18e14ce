package io.chainrule.runtime;

import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Finds where a NaN or an infinity came from, as torch.autograd.detect_anomaly does: runs the graph on the
 * interpreter, with a {@link NodeHook} checking each value as it is made, and returns the first node, in topological order, whose value is not finite although every value it
 * reads is (so a NaN fed in is reported as the input that holds it).
 */
public final class NonFiniteCheck {
    private NonFiniteCheck() {
    }

    /** A description such as {@code %12 log (at Models.java:40): 3 of 1200 elements NaN or infinite}, if any. */
    public static Optional<String> firstProducer(Graph graph, Map<String, Tensor> feeds) {
        boolean[] all = new boolean[graph.size()];
        Arrays.fill(all, true);
        return firstProducer(graph, feeds, all);
    }

    /**
     * After a run of {@code graph} from {@code before} that left the updated tensors {@code after}, the first of them,
     * in the graph's order of updates, that holds a NaN or an infinity, and the node of the update's computation that
     * first produced it (the run repeated on the interpreter from {@code before}), such as
     * {@code fc.weight (3 of 7840 elements): first produced by %40 mul (at update sgd fc.weight): ...}.
     * Finite updates cost one pass over {@code after}.
     */
    public static Optional<String> nonFiniteUpdate(Graph graph, Map<String, Tensor> before, Map<String, Tensor> after) {
        for (Map.Entry<String, Integer> update : graph.updates().entrySet()) {
            Tensor updated = after.get(update.getKey());
            int bad = nonFinite(updated);
            if (bad > 0) {
                String culprit = firstProducer(graph, before, dependencies(graph, update.getValue()))
                        .orElse("no node of the step on the interpreter (it computes this update finite)");
                return Optional.of(update.getKey() + " (" + bad + " of " + updated.size() + " elements): first "
                        + "produced by " + culprit);
            }
        }
        return Optional.empty();
    }

    /** Runs the graph on the interpreter, updates not applied, with a hook that notes the first of {@code among} to turn non-finite. */
    private static Optional<String> firstProducer(Graph graph, Map<String, Tensor> feeds, boolean[] among) {
        int[] badCount = new int[graph.size()];
        String[] first = new String[1];
        NodeHook check = new NodeHook() {
            @Override
            public void after(Node n, Tensor value) {
                badCount[n.id()] = nonFinite(value);
                boolean producer = badCount[n.id()] > 0 && n.inputs().stream().allMatch(in -> badCount[in] == 0);
                if (producer && among[n.id()] && first[0] == null) {
                    first[0] = n.ref() + " " + n.op().text() + (n.name() != null ? " " + n.name() : "")
                            + (n.origin() != null ? " (at " + n.origin() + ")" : "") + ": " + badCount[n.id()]
                            + " of " + value.size() + " elements NaN or infinite";
                }
            }
        };
        Interpreter.values(graph, feeds, check);
        return Optional.ofNullable(first[0]);
    }

    /** The node {@code id} and every node it reads, directly or not. */
    private static boolean[] dependencies(Graph graph, int id) {
        boolean[] needed = new boolean[graph.size()];
        needed[id] = true;
        for (int i = id; i >= 0; i--) {
            if (needed[i]) {
                graph.node(i).inputs().forEach(in -> needed[in] = true);
            }
        }
        return needed;
    }

    static int nonFinite(Tensor t) {
        int bad = 0;
        switch (t.dtype()) {
            case F32 -> {
                for (float v : t.floats()) {
                    bad += Float.isFinite(v) ? 0 : 1;
                }
            }
            case F64 -> {
                for (double v : t.doubles()) {
                    bad += Double.isFinite(v) ? 0 : 1;
                }
            }
            case I32 -> {
            }
        }
        return bad;
    }
}
