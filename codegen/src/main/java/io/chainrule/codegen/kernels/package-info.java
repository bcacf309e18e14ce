/**
 * The matrix products that compiled training steps call: {@link io.chainrule.codegen.kernels.Gemm}.
 *
 * <p>Generated code calls one static method per product (by way of {@code io.chainrule.codegen.Products}), with the
 * shape and the epilogue as constants:
 * <pre>{@code
 * // fields of the compiled step, made once
 * GemmScratch scratch = new GemmScratch(2);       // or 1; closed with the step
 * // fc1 = relu(x W^T + b): x [100,784], W [120,784], b [120], out [100,120]
 * Gemm.nt(x, w, out, 100, 120, 784, b, Gemm.RELU, scratch);
 * // dW = dY^T X: dY [100,120], X [100,784], dW [120,784]
 * Gemm.tn(dy, x, dw, 120, 784, 100, null, 0, scratch);
 * }</pre>
 * The descriptor of every layout is {@code ([F[F[FIII[FILio/chainrule/codegen/kernels/GemmScratch;)V}.
 *
 * <p>Inside: {@code VectorGemm} (Vector API register tiles), {@code VectorDots} (A B^T with few columns),
 * {@code VectorGemv} (products with a single row or column) and {@code VectorTranspose} (16 x 16 register blocks, for
 * B^T's panels on JDK 25), all loaded only when jdk.incubator.vector is in the boot layer; {@code PlainGemm} (loops
 * C2 vectorizes), {@code Transpose} (B^T's panels elsewhere, and A for the TN and TT layouts), and
 * {@code HelperThread} with {@code SplitWork} and {@code Workspace} (blocks of C claimed by the caller and another
 * core). The same threads run ranges of a compiled step's large fused loops: the step class implements
 * {@link io.chainrule.codegen.kernels.SplitLoops} and calls {@code scratch.loop(...)} for them.
 */
package io.chainrule.codegen.kernels;
