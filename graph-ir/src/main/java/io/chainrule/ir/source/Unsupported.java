package io.chainrule.ir.source;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithTypeParameters;
import com.github.javaparser.ast.stmt.AssertStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import io.chainrule.ir.text.Closest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Java constructs a model source cannot use, found without running anything, so that each is reported wherever
 * it is, reached or not; a construct in a helper has a note for each call on the way from forward.
 */
final class Unsupported {
    /** Where a message names the method, found only for a construct that is reported: most nodes are fine. */
    private static final String IN = "\0in";
    private Unsupported() {
    }

    /** Reports every unsupported construct in the program's classes. */
    static void check(Program program, Diagnostics diagnostics) {
        for (UserClass c : program.classes()) {
            Map<String, Call> callers = callers(c);
            for (Node member : c.declaration().getMembers()) {
                if (member instanceof ClassOrInterfaceDeclaration) {
                    continue;
                }
                member.walk(n -> {
                    String message = message(n);
                    if (message != null) {
                        diagnostics.error(Positions.of(n), message, notes(n, callers, program));
                    } else if (n instanceof ClassOrInterfaceType t && unknown(t, program)) {
                        String name = t.getNameWithScope();
                        Set<String> known = new TreeSet<>(Library.names());
                        program.classes().forEach(k -> known.add(k.name()));
                        diagnostics.error(Positions.of(t), "cannot find symbol: class " + name
                                + Closest.hint(name, known), List.of());
                    }
                });
            }
        }
    }

    /**
     * Whether {@code t} names a class neither the library nor the source declares. A created type is left to the
     * reading (an unknown layer type), a scope to its type, and types within a construct reported already alone.
     */
    private static boolean unknown(ClassOrInterfaceType t, Program program) {
        Optional<Node> parent = t.getParentNode();
        if (parent.isPresent() && (parent.get() instanceof ObjectCreationExpr
                || parent.get() instanceof ClassOrInterfaceType outer && outer.getScope().orElse(null) == t)) {
            return false;
        }
        String name = t.getNameWithScope();
        if (program.userClass(name).isPresent() || Library.find(name).isPresent()) {
            return false;
        }
        for (Optional<Node> p = parent; p.isPresent(); p = p.get().getParentNode()) {
            if (message(p.get()) != null || p.get() instanceof NodeWithTypeParameters<?> generic
                    && generic.getTypeParameters().stream().anyMatch(v -> v.getNameAsString().equals(name))) {
                return false;
            }
        }
        return true;
    }

    /** Why {@code n} cannot be read, naming the method it is in; null when it can. */
    static String message(Node n) {
        String why = construct(n);
        return why == null ? null : why.replace(IN, " in " + where(n));
    }

    /** The message with {@link #IN} where the method's name goes; null for a construct that can be read. */
    private static String construct(Node n) {
        String in = IN;
        if (n instanceof WhileStmt) {
            return "while loops are not supported" + in + "; use a for loop with a constant bound";
        } else if (n instanceof DoStmt) {
            return "do-while loops are not supported" + in + "; use a for loop with a constant bound";
        } else if (n instanceof ForStmt f && f.getCompare().isEmpty()) {
            return "a for loop without a condition is not supported" + in + "; give it a constant bound";
        } else if (n instanceof TryStmt) {
            return "try statements are not supported" + in + ": a graph is checked as it is built, so there is "
                    + "nothing to catch";
        } else if (n instanceof ThrowStmt) {
            return "throw statements are not supported" + in;
        } else if (n instanceof SynchronizedStmt) {
            return "synchronized blocks are not supported" + in;
        } else if (n instanceof LabeledStmt) {
            return "labeled statements are not supported" + in + "; use break or continue without a label";
        } else if (n instanceof AssertStmt) {
            return "assert statements are not supported" + in;
        } else if (n instanceof LocalClassDeclarationStmt || n instanceof LocalRecordDeclarationStmt) {
            return "local classes are not supported" + in + "; declare a static nested class";
        } else if (n instanceof YieldStmt || n instanceof SwitchEntry e && e.getType() == SwitchEntry.Type.BLOCK
                && e.getParentNode().filter(p -> p instanceof com.github.javaparser.ast.expr.SwitchExpr).isPresent()) {
            return "a switch expression's case must be a single expression" + in + ": case X -> value";
        } else if (n instanceof LambdaExpr) {
            return "lambdas are not supported" + in + "; use a helper method, or a layer such as Activation.RELU";
        } else if (n instanceof MethodReferenceExpr) {
            return "method references are not supported" + in + "; use a helper method, or a layer such as "
                    + "Activation.RELU";
        } else if (n instanceof ObjectCreationExpr o && o.getAnonymousClassBody().isPresent()) {
            return "anonymous classes are not supported" + in + "; declare a static nested class that implements "
                    + "Network";
        } else if (n instanceof InstanceOfExpr) {
            return "instanceof is not supported" + in + ": every value's type is known where it is made";
        } else if (n instanceof SuperExpr) {
            return "super is not supported" + in + ": a class in a model source extends no other class";
        } else if (n instanceof ClassExpr) {
            return "class literals are not supported" + in;
        } else if (n instanceof CharLiteralExpr) {
            return "char values are not supported" + in + "; use a String or an int";
        } else if (n instanceof ThisExpr t && t.getTypeName().isPresent()) {
            return "qualified this is not supported" + in + "; nested classes are static";
        }
        return null;
    }

    /** {@code forward()}, {@code Block.forward()}, {@code the constructor}, {@code a field initializer}. */
    static String where(Node n) {
        Optional<CallableDeclaration<?>> callable = ancestor(n, CallableDeclaration.class).map(c -> c);
        String owner = ancestor(n, ClassOrInterfaceDeclaration.class)
                .filter(ClassOrInterfaceDeclaration::isNestedType).map(c -> c.getNameAsString() + ".").orElse("");
        if (callable.isPresent() && callable.get() instanceof MethodDeclaration m) {
            return owner + m.getNameAsString() + "()";
        }
        if (callable.isPresent() && callable.get() instanceof ConstructorDeclaration c) {
            return "the constructor " + c.getNameAsString() + "()";
        }
        return "a field initializer";
    }

    /** The nearest enclosing node of {@code type}. */
    private static <T> Optional<T> ancestor(Node n, Class<T> type) {
        for (Optional<Node> p = n.getParentNode(); p.isPresent(); p = p.get().getParentNode()) {
            if (type.isInstance(p.get())) {
                return Optional.of(type.cast(p.get()));
            }
        }
        return Optional.empty();
    }

    /** A call of a method of the same class, unscoped or on this: the caller's name and the call. */
    private record Call(String caller, MethodCallExpr call) {
    }

    /** For each method reached from forward, the first call that reaches it (breadth first). */
    private static Map<String, Call> callers(UserClass c) {
        Map<String, Call> callers = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of("forward"));
        callers.put("forward", null);
        while (!queue.isEmpty()) {
            String caller = queue.poll();
            for (MethodDeclaration m : c.methods(caller)) {
                for (MethodCallExpr call : m.findAll(MethodCallExpr.class)) {
                    boolean own = call.getScope().map(s -> s instanceof ThisExpr).orElse(true);
                    String callee = call.getNameAsString();
                    if (own && !c.methods(callee).isEmpty() && !callers.containsKey(callee)) {
                        callers.put(callee, new Call(caller, call));
                        queue.add(callee);
                    }
                }
            }
        }
        return callers;
    }

    private static List<String> notes(Node n, Map<String, Call> callers, Program program) {
        List<String> notes = new ArrayList<>();
        Optional<MethodDeclaration> m = ancestor(n, MethodDeclaration.class);
        String method = m.map(MethodDeclaration::getNameAsString).orElse(null);
        while (method != null && callers.get(method) != null) {
            Call call = callers.get(method);
            notes.add("in helper " + method + "(), called from " + call.caller() + "() at "
                    + program.origin(call.call()));
            method = call.caller();
        }
        return notes;
    }
}
