package io.chainrule.ir;

import java.util.function.IntUnaryOperator;

/**
 * Where a node came from, as a typed value: the user's source (a position or a description of the layer), the forward
 * node a backward node was derived from, or an optimizer's update. Passes that renumber nodes (the simplifier's
 * rebuilds, layer merging, parameter folding) carry a backward node's forward node over with {@link #renumbered}, so
 * it never points at another node. The text form is {@link #toString()}, which {@link #parse} reads back.
 */
public sealed interface Origin {
    /**
     * The user's source position ({@code File.java:3:5}, {@code Models.java:42}) or a description of what made the
     * node ({@code mnist_mlp, layer 2 (linear fc1)}).
     */
    record Source(String where) implements Origin {
        @Override
        public String toString() {
            return where;
        }
    }

    /**
     * A backward node, made by the gradient rule of node {@code forward}.
     *
     * @param forward the forward node's id, or -1 once a pass has removed that node
     */
    record GradientOf(int forward) implements Origin {
        @Override
        public Origin renumbered(IntUnaryOperator newId) {
            return new GradientOf(forward < 0 ? -1 : newId.applyAsInt(forward));
        }

        @Override
        public String toString() {
            return forward < 0 ? "grad of a removed node" : "grad of %" + forward;
        }
    }

    /**
     * A node of an optimizer's (or a learning rule's) update.
     *
     * @param what the update, as {@code adam fc1.weight} or the optimizer's description
     */
    record Update(String what) implements Origin {
        @Override
        public String toString() {
            return "update " + what;
        }
    }

    /**
     * This origin in a graph whose nodes a pass renumbered: {@code newId} maps an old id to the new one, or to -1 when
     * the node is gone.
     */
    default Origin renumbered(IntUnaryOperator newId) {
        return this;
    }

    /** The origin a text form states (null for null): the inverse of {@link #toString()}. */
    static Origin parse(String text) {
        if (text == null) {
            return null;
        }
        if (text.equals(new GradientOf(-1).toString())) {
            return new GradientOf(-1);
        }
        String id = text.startsWith("grad of %") ? text.substring("grad of %".length()) : "";
        if (id.matches("\\d{1,9}")) {
            return new GradientOf(Integer.parseInt(id));
        }
        return text.startsWith("update ") ? new Update(text.substring("update ".length())) : new Source(text);
    }
}
