package io.chainrule.ir.source;

import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import io.chainrule.ir.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed model source: its classes, the model class among them, and its static imports. It starts each reading of a
 * network's forward, and is where a library layer (a Sequential) calls back into the source.
 */
final class Program {
    /** A static import: every static member of {@code type}, or the one named {@code member}. */
    record StaticImport(Class<?> type, String member) {
    }

    private final String file;
    private final String originFile;
    private final String text;
    private final Map<String, UserClass> classes = new LinkedHashMap<>();
    private final List<StaticImport> staticImports = new ArrayList<>();
    private final ThreadLocal<Evaluator> reading = new ThreadLocal<>();
    /**
     * Arrays that hold an element that could not be read: what is read from them is unknown. Synchronized, since
     * networks may be applied on several threads at once.
     */
    private final Set<Object> spoiled = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private UserClass model;

    Program(CompilationUnit unit, String file, String text) {
        this.file = file;
        this.originFile = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        this.text = text;
        for (ImportDeclaration i : unit.getImports()) {
            String name = i.getNameAsString();
            if (i.isStatic()) {
                String type = i.isAsterisk() ? name : name.substring(0, Math.max(0, name.lastIndexOf('.')));
                Library.find(type).ifPresent(c -> staticImports.add(new StaticImport(c,
                        i.isAsterisk() ? null : name.substring(name.lastIndexOf('.') + 1))));
            }
        }
        unit.getTypes().forEach(t -> collect(t, null));
    }

    private void collect(BodyDeclaration<?> type, UserClass outer) {
        if (type instanceof ClassOrInterfaceDeclaration c && !c.isInterface()) {
            UserClass u = new UserClass(c, outer);
            classes.putIfAbsent(c.getNameAsString(), u);
            c.getMembers().forEach(m -> collect(m, u));
        }
    }

    String file() {
        return file;
    }

    String text() {
        return text;
    }

    List<UserClass> classes() {
        return List.copyOf(classes.values());
    }

    Optional<UserClass> userClass(String name) {
        String simple = name.substring(name.lastIndexOf('.') + 1);
        return Optional.ofNullable(classes.get(simple));
    }

    UserClass model() {
        return model;
    }

    void model(UserClass m) {
        model = m;
    }

    List<StaticImport> staticImports() {
        return staticImports;
    }

    void spoil(Object array) {
        spoiled.add(array);
    }

    boolean spoiled(Object value) {
        return value != null && (spoiled.contains(value)
                || value instanceof List<?> list && list.stream().anyMatch(Unknown.class::isInstance));
    }

    /** Where {@code at} is, as node origins give it: {@code Model.java:9:16}. */
    String origin(Node at) {
        Position p = Positions.of(at);
        return originFile + ":" + p.line + ":" + p.column;
    }

    /**
     * Reads {@code network}'s forward applied to {@code x}: within the reading under way when a library layer calls
     * back into the source, else as a reading of its own that fails with every error it finds.
     */
    Value forward(SourceObject network, Value x) {
        Evaluator current = reading.get();
        if (current != null) {
            if (current.forward(network, x) instanceof Value v) {
                return v;
            }
            throw new Poisoned();
        }
        Diagnostics diagnostics = new Diagnostics(file, text);
        Object out = read(network, x, diagnostics);
        diagnostics.throwIfAny();
        return (Value) out;
    }

    /** A reading of {@code network}'s forward on {@code x} that reports into {@code diagnostics}. */
    Object read(SourceObject network, Value x, Diagnostics diagnostics) {
        Evaluator evaluator = new Evaluator(this, diagnostics, true);
        reading.set(evaluator);
        try {
            return evaluator.forward(network, x);
        } finally {
            reading.remove();
        }
    }
}
