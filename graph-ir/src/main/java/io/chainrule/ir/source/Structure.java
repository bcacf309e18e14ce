package io.chainrule.ir.source;

import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.util.List;
import java.util.Optional;

/**
 * The shape of a model source: one class implementing Network, named as the file, with a forward of one value and a
 * constructor without parameters; other classes static, extending nothing.
 */
final class Structure {
    private Structure() {
    }

    /** Checks the classes and finds the model class (null when there is none to read). */
    static void check(CompilationUnit unit, Program program, Diagnostics diagnostics) {
        List<TypeDeclaration<?>> types = unit.getTypes();
        if (types.isEmpty()) {
            diagnostics.error(new Position(1, 1), "the file declares no class; a model is a class that implements "
                    + "Network", List.of());
            return;
        }
        String file = program.file();
        String expected = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1)
                .replaceFirst("\\.java$", "");
        Optional<TypeDeclaration<?>> named = types.stream().filter(t -> t.getNameAsString().equals(expected))
                .findFirst();
        TypeDeclaration<?> model = named.orElse(types.size() == 1 ? types.get(0) : null);
        if (model == null) {
            error(diagnostics, types.get(0).getName(), "no class " + expected + " in " + expected + ".java: the "
                    + "model class is named as its file");
            return;
        }
        if (!(model instanceof ClassOrInterfaceDeclaration c) || c.isInterface()) {
            error(diagnostics, model.getName(), model.getNameAsString() + " must be a class that implements Network");
            return;
        }
        for (UserClass u : program.classes()) {
            checkClass(u, diagnostics);
        }
        UserClass m = program.userClass(c.getNameAsString()).orElseThrow();
        if (!m.network()) {
            error(diagnostics, c.getName(), "class " + c.getNameAsString() + " does not implement Network: declare "
                    + "it as class " + c.getNameAsString() + " implements Network, with Value forward(Value x)");
        }
        if (c.isAbstract()) {
            error(diagnostics, c.getName(), "the model class " + c.getNameAsString() + " cannot be abstract");
        }
        if (!c.getConstructors().isEmpty() && c.getConstructors().stream().noneMatch(k -> k.getParameters()
                .isEmpty())) {
            error(diagnostics, c.getName(), "class " + c.getNameAsString() + " has no constructor without "
                    + "parameters: the reader makes the network with new " + c.getNameAsString() + "()");
        }
        program.model(m);
    }

    private static void checkClass(UserClass u, Diagnostics diagnostics) {
        ClassOrInterfaceDeclaration c = u.declaration();
        if (!c.getExtendedTypes().isEmpty()) {
            error(diagnostics, c.getExtendedTypes(0), "class " + u.name() + " extends " + c.getExtendedTypes(0)
                    + ": a class in a model source extends no other class; hold it as a field instead");
        }
        if (c.isNestedType() && !c.isStatic()) {
            error(diagnostics, c.getName(), "inner class " + u.name() + " must be static: a nested class cannot "
                    + "use the fields of the object it is made in");
        }
        for (BodyDeclaration<?> member : c.getMembers()) {
            if (member instanceof InitializerDeclaration) {
                error(diagnostics, member, "initializer blocks are not supported; initialize fields where they are "
                        + "declared, or in the constructor");
            } else if (member instanceof TypeDeclaration<?> t && !(t instanceof ClassOrInterfaceDeclaration k
                    && !k.isInterface())) {
                error(diagnostics, t.getName(), "nested " + kind(t) + " are not supported in a model source; "
                        + "declare a static nested class");
            }
        }
        if (u.network()) {
            List<MethodDeclaration> forward = c.getMethodsByName("forward");
            if (forward.isEmpty()) {
                error(diagnostics, c.getName(), "class " + u.name() + " has no forward(Value) method: a network "
                        + "computes its output in Value forward(Value x)");
            }
            for (MethodDeclaration f : forward) {
                if (f.getParameters().size() != 1) {
                    error(diagnostics, f.getName(), "forward must take one tensor, Value forward(Value x), not "
                            + f.getParameters().size() + " parameters");
                }
            }
        }
    }

    private static String kind(TypeDeclaration<?> t) {
        if (t.isEnumDeclaration()) {
            return "enums";
        }
        return t.isRecordDeclaration() ? "records" : t.isAnnotationDeclaration() ? "annotations" : "interfaces";
    }

    private static void error(Diagnostics diagnostics, Node at, String message) {
        diagnostics.error(Positions.of(at), message, List.of());
    }
}
