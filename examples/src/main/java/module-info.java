/**
 * The built-in models, the {@code chainrule} command-line tool and the JMH benchmarks. The tool ships as a shaded jar
 * run on the class path, where this descriptor is ignored.
 */
@SuppressWarnings("requires-automatic") // JMH has no descriptor: jmh.core is the name its jar file gives it
module io.chainrule.examples {
    requires io.chainrule.codegen;
    requires info.picocli;
    requires jdk.management;
    // the benchmarks, run from the shaded jar by JMH's own main, need JMH; the commands do not
    requires static jmh.core;

    // picocli sets the commands' option fields and makes their version provider by reflection
    opens io.chainrule.examples.cli to info.picocli;
}
