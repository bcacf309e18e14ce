/**
 * The built-in models, the {@code chainrule} command-line tool and the JMH benchmarks. The tool ships as a shaded jar
 * run on the class path, where this descriptor is ignored.
 */
// JMH and XChart have no descriptor: jmh.core is the name JMH's jar file gives it, org.knowm.xchart XChart's manifest's
@SuppressWarnings("requires-automatic")
module io.chainrule.examples {
    requires io.chainrule.codegen;
    requires info.picocli;
    requires org.knowm.xchart;
    requires java.desktop;
    requires jdk.management;
    // chainrule serve: the simulations' pages and API on the JDK's own HTTP server
    requires jdk.httpserver;
    // the benchmarks, run from the shaded jar by JMH's own main, need JMH; the commands do not
    requires static jmh.core;

    // --spark: sweeps and data-parallel training on a cluster, when chainrule-spark is on the class path
    uses io.chainrule.examples.cluster.ClusterRunner;

    // picocli sets the commands' option fields and makes their version provider by reflection
    opens io.chainrule.examples.cli to info.picocli;
}
