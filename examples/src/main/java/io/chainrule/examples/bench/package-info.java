/**
 * JMH benchmarks of the matrix-product kernels at the MNIST MLP's eight product shapes
 * ({@link io.chainrule.examples.bench.MlpProduct}): {@code GemmBenchmark.gemm} (Vector API path, 1 and 2 threads),
 * {@code GemmBenchmark.plainLoops} (the same products as hand-written plain-Java loops) and
 * {@code GemmFallbackBenchmark.gemm} (the plain-Java path, in forks started without jdk.incubator.vector).
 * GFLOP/s = 2mnk / time per operation.
 *
 * <p>Build and run (the annotation processor writes the benchmark list into the shaded jar):
 * <pre>
 * mvn -B -pl examples -am package -DskipTests
 * java --add-modules jdk.incubator.vector -cp examples/target/chainrule.jar org.openjdk.jmh.Main Gemm \
 *     -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 * Add {@code -p product=FC1_FORWARD -p threads=1} to pick cases, {@code -rf json} for machine-readable results; run the
 * same jar with another JDK's {@code java} (e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java) to compare JDKs. With 2
 * cores, two-thread figures are only meaningful on a quiet machine.
 *
 * <p>{@link io.chainrule.examples.bench.TrainingLoopGap} (a plain main, not JMH) puts the training loop's step beside
 * {@code bench}'s and {@code bench --data}'s, an epoch of each in turn.
 */
package io.chainrule.examples.bench;
