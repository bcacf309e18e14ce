/**
 * The compiled backend: a graph becomes one hidden class of JVM bytecode ({@link io.chainrule.codegen.CompiledBackend},
 * registered as the preferred {@link io.chainrule.runtime.Backend}).
 *
 * <p>The generated classes are defined in {@code io.chainrule.codegen} and call the kernel library the interpreter
 * runs ({@code io.chainrule.runtime.kernels}, exported to this module only) and the matrix products in
 * {@code codegen.kernels}, which they reach as members of this module (exported only to the examples' benchmarks). The matrix products use jdk.incubator.vector when it is in
 * the boot layer ({@code --add-modules jdk.incubator.vector}) and plain Java loops otherwise.
 */
@SuppressWarnings("module") // the examples, to which the kernels are exported, are built after this module
module io.chainrule.codegen {
    requires transitive io.chainrule.runtime;
    requires org.objectweb.asm;
    requires org.objectweb.asm.util;
    requires jdk.management;
    requires static jdk.incubator.vector;

    exports io.chainrule.codegen;
    exports io.chainrule.codegen.kernels to io.chainrule.examples;

    provides io.chainrule.runtime.Backend with io.chainrule.codegen.CompiledBackend;
}
