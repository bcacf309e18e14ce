package io.chainrule.codegen;

import io.chainrule.ir.Shape;
import java.util.List;

/**
 * One kernel of a compiled step: a static method of the generated class, named from the nodes it computes (for
 * example {@code k0_fc1_matmul_add_relu}), so that the plan, the bytecode and a stack trace all point back to nodes.
 */
sealed interface Kernel {
    String name();

    /** Every node this kernel computes, in order. */
    List<Integer> nodes();

    /** The nodes whose values this kernel writes to buffers. */
    List<Integer> outputs();

    /**
     * Elementwise nodes of one shape computed in one loop: each root is stored, every other node is inlined into the
     * root that consumes it. Roots may read earlier roots of the same kernel at the same index.
     */
    record Fused(String name, Shape shape, List<Integer> roots, List<Integer> nodes) implements Kernel {
        @Override
        public List<Integer> outputs() {
            return roots;
        }
    }

    /**
     * A matrix product with its epilogue fused into the tile stores: an optional bias row added per column (the add
     * node and the bias operand), then an optional relu.
     */
    record MatMul(String name, int matmul, int biasAdd, int bias, int relu) implements Kernel {
        static final int NONE = -1;

        @Override
        public List<Integer> nodes() {
            return java.util.stream.IntStream.of(matmul, biasAdd, relu).filter(i -> i != NONE).boxed().toList();
        }

        /** The node whose value the kernel leaves in its output buffer. */
        int result() {
            return relu != NONE ? relu : biasAdd != NONE ? biasAdd : matmul;
        }

        @Override
        public List<Integer> outputs() {
            return List.of(result());
        }
    }

    /** One node computed by a call into the kernel library. */
    record Call(String name, int node) implements Kernel {
        @Override
        public List<Integer> nodes() {
            return List.of(node);
        }

        @Override
        public List<Integer> outputs() {
            return List.of(node);
        }
    }
}
