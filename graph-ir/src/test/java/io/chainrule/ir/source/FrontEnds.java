package io.chainrule.ir.source;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Layer;
import io.chainrule.ir.text.TextPrinter;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * The two front ends of a model source: javac, whose compiled class builds the graph as its forward runs, and the
 * reader. Graphs are compared without origins, which differ by design (a line from the stack, a line and column from
 * the source).
 */
final class FrontEnds {
    private FrontEnds() {
    }

    /** Compiles every source (class name to text) in one javac call into {@code dir}, and loads the classes. */
    static Map<String, Class<?>> compile(Map<String, String> sources, Path dir) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> files = new ArrayList<>();
        sources.forEach((name, text) -> files.add(new SimpleJavaFileObject(URI.create("string:///" + name + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        }));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-d", dir.toString(), "-classpath", graphIrClasses(), "-proc:none",
                "--release", "17");
        if (!javac.getTask(null, null, diagnostics, options, null, files).call()) {
            throw new AssertionError("javac failed:\n" + diagnostics.getDiagnostics().stream()
                    .map(Object::toString).collect(Collectors.joining("\n")));
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                FrontEnds.class.getClassLoader());
        Map<String, Class<?>> classes = new LinkedHashMap<>();
        for (String name : sources.keySet()) {
            try {
                classes.put(name, loader.loadClass(name));
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        }
        return classes;
    }

    /** The compiled class's network, made with its constructor without parameters. */
    static Layer instantiate(Class<?> type) {
        try {
            return (Layer) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code y = network(x)} for an f32 input of {@code dims}. */
    static Graph build(Layer network, int... dims) {
        GraphBuilder b = new GraphBuilder("model");
        Value x = b.withOrigin("examples", () -> b.input("x", DType.F32, dims));
        return b.output("y", network.apply(x)).build();
    }

    /** The reader's graph of {@code source}, named as its class. */
    static Graph read(String className, String source, int... dims) {
        return build(JavaModelSource.read(className + ".java", source).network(), dims);
    }

    /** The graph's text IR without origins: what both front ends must agree on. */
    static String withoutOrigins(Graph g) {
        StringBuilder sb = new StringBuilder("graph ").append(g.name()).append('\n');
        g.nodes().forEach(n -> sb.append(TextPrinter.statement(n)).append('\n'));
        return sb.append("outputs ").append(g.outputs()).append(" updates ").append(g.updates()).toString();
    }

    private static String graphIrClasses() {
        try {
            return Path.of(Value.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
