package io.chainrule.ir.source;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.type.VoidType;
import io.chainrule.ir.Value;
import io.chainrule.ir.text.Closest;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a model source symbolically, as Java would run it: numbers, booleans, strings, arrays, lists and layers are
 * computed; calls of graph-ir's methods are made reflectively on the real values, so tensor expressions become nodes
 * through the same {@link Value} API the compiled class uses, each with the position of the expression that made it
 * as its origin; helpers are inlined and loops unrolled. An error is reported where it is and the reading goes on,
 * the value it spoiled {@link Unknown}.
 */
final class Evaluator {
    /** Iterations of one loop, so that a loop that never ends is an error rather than a hang. */
    static final int LOOP_LIMIT = 10_000;
    private static final int DEPTH_LIMIT = 64;
    private enum Completion { NORMAL, BREAK, CONTINUE, RETURN }

    /** A class named in the source, as the scope of a static member: {@code Math.PI}, {@code F.relu(x)}. */
    private record LibraryClass(Class<?> type) {
    }

    private final Program program;
    private final Diagnostics diagnostics;
    /** Reading a forward, which builds a graph: fields, arrays and lists are read-only then. */
    private final boolean building;
    private final Deque<Frame> frames = new ArrayDeque<>();
    /** The expression whose library call is under way, where a library layer calls back into the source. */
    private Node site;

    Evaluator(Program program, Diagnostics diagnostics, boolean building) {
        this.program = program;
        this.diagnostics = diagnostics;
        this.building = building;
    }

    // ---- entry points

    /** {@code network.forward(x)}: a value, or {@link Unknown} after reporting why not. */
    Object forward(SourceObject network, Value x) {
        UserClass type = network.type();
        Optional<MethodDeclaration> forward = forwardOf(type);
        if (forward.isEmpty()) {
            return Unknown.VALUE; // reported with the class's structure
        }
        Object out = call(type, forward.get(), network, new Object[] {x}, site);
        if (!(out instanceof Value) && !(out instanceof Unknown)) {
            return report(forward.get().getName(), "forward() must return a tensor (Value), not "
                    + Operators.describe(out));
        }
        return out;
    }

    /** {@code new type(args)}; {@code at} is the creation expression, or null for the model itself. */
    Object instantiate(UserClass type, Object[] args, Node at) {
        initialize(type);
        SourceObject object = new SourceObject(type, program);
        for (VariableDeclarator v : type.fields(false)) {
            object.fields().put(v.getNameAsString(), defaultValue(Types.resolve(v.getType(), program)));
        }
        List<ConstructorDeclaration> constructors = type.constructors();
        if (constructors.isEmpty()) {
            if (args.length != 0) {
                return report(at, "class " + type.name() + " has only the constructor " + type.name() + "()");
            }
            Frame f = push(type, object, null, at, "new " + type.name() + "()", false);
            initializeFields(f, object);
            frames.pop();
            return object;
        }
        Optional<ConstructorDeclaration> chosen = chooseCallable(constructors, args);
        if (chosen.isEmpty()) {
            // the model class without a constructor to read it with is reported with the class's structure
            return at == null ? Unknown.VALUE : report(at, "no constructor " + type.name() + signature(args)
                    + " in class " + type.name());
        }
        construct(object, chosen.get(), args, at);
        return object;
    }

    /** Gives the static fields of {@code type} their values, once, in declaration order, as class loading does. */
    void initialize(UserClass type) {
        if (type.state() != UserClass.State.NEW) {
            return;
        }
        if (building) {
            new Evaluator(program, diagnostics, false).initialize(type);
            return;
        }
        type.state(UserClass.State.INITIALIZING);
        type.outer().ifPresent(this::initialize);
        for (VariableDeclarator v : type.fields(true)) {
            type.statics().put(v.getNameAsString(), defaultValue(Types.resolve(v.getType(), program)));
        }
        push(type, null, null, null, "static fields of " + type.name(), false);
        for (VariableDeclarator v : type.fields(true)) {
            if (v.getInitializer().isPresent()) {
                type.statics().put(v.getNameAsString(), initial(v));
            }
        }
        frames.pop();
        type.state(UserClass.State.READY);
    }

    /** A constant expression in the static context of {@code type}, converted to {@code as} (an annotation's). */
    Object constant(Expression e, UserClass type, Class<?> as) {
        initialize(type);
        push(type, null, null, null, "@" + type.name(), false);
        try {
            if (e instanceof ArrayInitializerExpr init) {
                return arrayOf(as, init);
            }
            Object v = eval(e);
            if (as.isArray() && !(v instanceof Unknown) && !as.isInstance(v)) {
                Object one = Array.newInstance(as.getComponentType(), 1);
                return store(one, 0, v, e);
            }
            return convert(v, as, e);
        } finally {
            frames.pop();
        }
    }

    // ---- calls of source code

    private Object call(UserClass owner, MethodDeclaration m, SourceObject self, Object[] args, Node at) {
        String name = (owner == program.model() ? "" : owner.name() + ".") + m.getNameAsString() + "()";
        SourceObject receiver = m.isStatic() ? null : self;
        // the same method on another object is composition (a block holding a block), not recursion
        if (frames.stream().anyMatch(f -> f.callable == m && f.self == receiver)) {
            return report(at, "recursion is not supported: " + name + " calls itself (directly or through other "
                    + "methods); the reader inlines every call, so repeat with a for loop instead");
        }
        if (frames.size() >= DEPTH_LIMIT) {
            return report(at, "calls nest more than " + DEPTH_LIMIT + " deep");
        }
        if (m.getBody().isEmpty()) {
            return report(at, name + " has no body to read");
        }
        boolean helper = owner == program.model() && !m.getNameAsString().equals("forward");
        Frame f = push(owner, receiver, m, at, name, helper);
        bindParameters(f, m, args);
        Completion c = exec(m.getBody().get());
        Object result = f.returned;
        frames.pop();
        if (m.getType() instanceof VoidType) {
            return null;
        }
        if (c != Completion.RETURN) {
            return diagnostics.any() ? Unknown.VALUE : report(m.getName(), "missing return statement in " + name);
        }
        return convert(result, Types.resolve(m.getType(), program), m.getType());
    }

    private void construct(SourceObject object, ConstructorDeclaration c, Object[] args, Node at) {
        UserClass type = object.type();
        if (frames.stream().anyMatch(f -> f.callable == c && f.self == object)) {
            report(at, "recursive constructor invocation in class " + type.name());
            return;
        }
        Frame f = push(type, object, c, at, "new " + type.name() + "()", false);
        bindParameters(f, c, args);
        List<Statement> body = c.getBody().getStatements();
        int first = 0;
        if (!body.isEmpty() && body.get(0) instanceof ExplicitConstructorInvocationStmt e) {
            first = 1;
            Object[] values = evalAll(e.getArguments());
            if (!e.isThis()) {
                if (values.length > 0) {
                    report(e, "super(...) with arguments: a class in a model source extends no other class");
                }
                initializeFields(f, object);
            } else if (Arrays.stream(values).noneMatch(Unknown.class::isInstance)) {
                Optional<ConstructorDeclaration> other = chooseCallable(type.constructors(), values);
                if (other.isEmpty()) {
                    report(e, "no constructor " + type.name() + signature(values) + " in class " + type.name());
                } else {
                    construct(object, other.get(), values, e);
                }
            }
        } else {
            initializeFields(f, object);
        }
        f.scopes.push(new HashMap<>());
        for (int i = first; i < body.size(); i++) {
            if (exec(body.get(i)) != Completion.NORMAL) {
                break;
            }
        }
        frames.pop();
    }

    /** Instance field initializers, in order, seeing the fields but not the constructor's parameters. */
    private void initializeFields(Frame f, SourceObject object) {
        Deque<Map<String, Frame.Local>> parameters = f.scopes;
        f.scopes = new ArrayDeque<>();
        f.scopes.push(new HashMap<>());
        for (VariableDeclarator v : object.type().fields(false)) {
            if (v.getInitializer().isPresent()) {
                object.fields().put(v.getNameAsString(), initial(v));
            }
        }
        f.scopes = parameters;
    }

    private void bindParameters(Frame f, CallableDeclaration<?> c, Object[] args) {
        var params = c.getParameters();
        for (int i = 0; i < params.size(); i++) {
            var p = params.get(i);
            Class<?> type = Types.resolve(p.getType(), program);
            Object value;
            if (p.isVarArgs()) {
                Class<?> arrayType = Array.newInstance(type == null ? Object.class : type, 0).getClass();
                if (args.length == params.size() && (args[i] == null || arrayType.isInstance(args[i]))) {
                    value = args[i];
                } else {
                    value = Array.newInstance(arrayType.getComponentType(), args.length - i);
                    for (int j = i; j < args.length; j++) {
                        store(value, j - i, args[j], p);
                    }
                }
                type = arrayType;
            } else {
                value = convert(args[i], type, p);
            }
            f.scopes.peek().put(p.getNameAsString(), new Frame.Local(type, value));
        }
    }

    /** As javac chooses: applicable without variable arity first, then with it; the most specific of those. */
    private <C extends CallableDeclaration<?>> Optional<C> chooseCallable(List<C> candidates, Object[] args) {
        for (boolean varargs : new boolean[] {false, true}) {
            List<C> applicable = candidates.stream().filter(c -> applicable(c, args, varargs)).toList();
            for (C c : applicable) {
                if (applicable.stream().allMatch(other -> other == c || moreSpecific(c, other))) {
                    return Optional.of(c);
                }
            }
            if (!applicable.isEmpty()) {
                return Optional.of(applicable.get(0));
            }
        }
        return Optional.empty();
    }

    private boolean moreSpecific(CallableDeclaration<?> a, CallableDeclaration<?> b) {
        for (int i = 0; i < Math.min(a.getParameters().size(), b.getParameters().size()); i++) {
            Class<?> pa = Types.resolve(a.getParameter(i).getType(), program);
            Class<?> pb = Types.resolve(b.getParameter(i).getType(), program);
            pa = pa == null ? Object.class : pa;
            pb = pb == null ? Object.class : pb;
            if (pa.isPrimitive() && pb.isPrimitive() ? !Overloads.widens(pa, pb) : !pb.isAssignableFrom(pa)) {
                return false;
            }
        }
        return true;
    }

    private boolean applicable(CallableDeclaration<?> c, Object[] args, boolean varargs) {
        var params = c.getParameters();
        boolean hasVarargs = !params.isEmpty() && params.getLast().map(p -> p.isVarArgs()).orElse(false);
        if (varargs ? !hasVarargs || args.length < params.size() - 1 : args.length != params.size()) {
            return false;
        }
        for (int i = 0; i < args.length; i++) {
            var p = params.get(Math.min(i, params.size() - 1));
            Class<?> type = Types.resolve(p.getType(), program);
            if (p.isVarArgs() && !varargs && type != null) {
                type = Array.newInstance(type, 0).getClass();
            }
            if (type != null && !(args[i] instanceof Unknown) && !Overloads.assignable(args[i], type)) {
                return false;
            }
        }
        return true;
    }

    private static Optional<MethodDeclaration> forwardOf(UserClass type) {
        return type.methods("apply").stream().filter(m -> m.getParameters().size() == 1).findFirst()
                .or(() -> type.methods("forward").stream().filter(m -> m.getParameters().size() == 1).findFirst());
    }

    private Frame push(UserClass owner, SourceObject self, CallableDeclaration<?> callable, Node at, String name,
                       boolean helper) {
        Frame f = new Frame(owner, self, callable, at, name, helper);
        frames.push(f);
        return f;
    }

    // ---- statements

    private Completion exec(Statement s) {
        if (s instanceof BlockStmt b) {
            frame().scopes.push(new HashMap<>());
            try {
                for (Statement inner : b.getStatements()) {
                    Completion c = exec(inner);
                    if (c != Completion.NORMAL) {
                        return c;
                    }
                }
                return Completion.NORMAL;
            } finally {
                frame().scopes.pop();
            }
        } else if (s instanceof ExpressionStmt e) {
            eval(e.getExpression());
            return Completion.NORMAL;
        } else if (s instanceof IfStmt i) {
            Object c = condition(i.getCondition(), "if");
            if (c instanceof Boolean b) {
                return b ? exec(i.getThenStmt()) : i.getElseStmt().map(this::exec).orElse(Completion.NORMAL);
            }
            spoilAssigned(i);
            return Completion.NORMAL;
        } else if (s instanceof ForStmt f) {
            return loop(f);
        } else if (s instanceof ForEachStmt f) {
            return loop(f);
        } else if (s instanceof ReturnStmt r) {
            frame().returned = r.getExpression().map(this::eval).orElse(null);
            return Completion.RETURN;
        } else if (s instanceof BreakStmt) {
            return Completion.BREAK;
        } else if (s instanceof ContinueStmt) {
            return Completion.CONTINUE;
        } else if (s instanceof SwitchStmt sw) {
            return switchStatement(sw);
        } else if (s instanceof EmptyStmt) {
            return Completion.NORMAL;
        }
        String unsupported = Unsupported.message(s);
        report(s, unsupported != null ? unsupported : s.getClass().getSimpleName() + " is not supported");
        spoilAssigned(s);
        return Completion.NORMAL;
    }

    private Completion loop(ForStmt f) {
        frame().scopes.push(new HashMap<>());
        try {
            f.getInitialization().forEach(this::eval);
            for (int n = 0; ; n++) {
                if (f.getCompare().isPresent()) {
                    Object c = condition(f.getCompare().get(), "for");
                    if (!(c instanceof Boolean)) {
                        spoilAssigned(f.getBody());
                        return Completion.NORMAL;
                    }
                    if (!(Boolean) c) {
                        return Completion.NORMAL;
                    }
                } else {
                    report(f, Unsupported.message(f));
                    return Completion.NORMAL;
                }
                if (n == LOOP_LIMIT) {
                    report(f, "this for loop runs more than " + LOOP_LIMIT + " times: unrolling it needs a small "
                            + "constant bound");
                    spoilAssigned(f.getBody());
                    return Completion.NORMAL;
                }
                Completion c = exec(f.getBody());
                if (c == Completion.BREAK) {
                    return Completion.NORMAL;
                } else if (c == Completion.RETURN) {
                    return c;
                }
                f.getUpdate().forEach(this::eval);
            }
        } finally {
            frame().scopes.pop();
        }
    }

    private Completion loop(ForEachStmt f) {
        Object iterable = eval(f.getIterable());
        Iterator<?> items;
        if (iterable instanceof Unknown || program.spoiled(iterable)) {
            spoilAssigned(f.getBody());
            return Completion.NORMAL;
        } else if (iterable != null && iterable.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(iterable); i++) {
                list.add(Array.get(iterable, i));
            }
            items = list.iterator();
        } else if (iterable instanceof Iterable<?> it) {
            items = it.iterator();
        } else {
            report(f.getIterable(), iterable instanceof Value
                    ? "a for-each loop over a tensor is not supported: its values exist only when the graph runs; "
                    + "loop over a constant array or list"
                    : "a for-each loop needs an array or a list, not " + Operators.describe(iterable));
            spoilAssigned(f.getBody());
            return Completion.NORMAL;
        }
        VariableDeclarator v = f.getVariable().getVariables().get(0);
        Class<?> type = Types.resolve(v.getType(), program);
        while (items.hasNext()) {
            frame().scopes.push(new HashMap<>());
            try {
                frame().scopes.peek().put(v.getNameAsString(), new Frame.Local(type, convert(items.next(), type, v)));
                Completion c = exec(f.getBody());
                if (c == Completion.BREAK) {
                    break;
                } else if (c == Completion.RETURN) {
                    return c;
                }
            } finally {
                frame().scopes.pop();
            }
        }
        return Completion.NORMAL;
    }

    private Completion switchStatement(SwitchStmt s) {
        Object selector = eval(s.getSelector());
        if (selector instanceof Value) {
            reportWhole(s.getSelector(), TensorMisuse.SWITCH);
        }
        int entry = selector instanceof Unknown || selector instanceof Value ? -1 : match(s.getEntries(), selector);
        if (entry < 0) {
            if (selector instanceof Unknown || selector instanceof Value) {
                spoilAssigned(s);
            }
            return Completion.NORMAL;
        }
        frame().scopes.push(new HashMap<>());
        try {
            for (int i = entry; i < s.getEntries().size(); i++) {
                SwitchEntry e = s.getEntries().get(i);
                for (Statement st : e.getStatements()) {
                    Completion c = exec(st);
                    if (c == Completion.BREAK) {
                        return Completion.NORMAL;
                    } else if (c != Completion.NORMAL) {
                        return c;
                    }
                }
                if (e.getType() != SwitchEntry.Type.STATEMENT_GROUP) {
                    return Completion.NORMAL;
                }
            }
            return Completion.NORMAL;
        } finally {
            frame().scopes.pop();
        }
    }

    private Object switchExpression(SwitchExpr s) {
        Object selector = eval(s.getSelector());
        if (selector instanceof Unknown) {
            return selector;
        }
        if (selector instanceof Value) {
            return reportWhole(s.getSelector(), TensorMisuse.SWITCH);
        }
        int entry = match(s.getEntries(), selector);
        if (entry < 0) {
            return report(s, "no case of this switch matches " + selector);
        }
        SwitchEntry e = s.getEntries().get(entry);
        if (e.getType() == SwitchEntry.Type.EXPRESSION && e.getStatements().size() == 1
                && e.getStatements().get(0) instanceof ExpressionStmt value) {
            // typed by all its arms, as ?: is: a switch of 1 and 0.5 gives 1.0
            List<Expression> arms = s.getEntries().stream().flatMap(a -> a.getStatements().stream())
                    .filter(ExpressionStmt.class::isInstance).map(a -> ((ExpressionStmt) a).getExpression()).toList();
            return promoted(eval(value.getExpression()), arms);
        }
        return report(e, Unsupported.message(e));
    }

    /**
     * A value of one arm of ?: or a switch expression, promoted as Java types the whole expression when every arm
     * is a number whose type the text shows.
     */
    private Object promoted(Object value, List<Expression> arms) {
        Class<?> type = Operators.primitiveOf(value);
        if (type == null || type == boolean.class) {
            return value;
        }
        for (Expression arm : arms) {
            Class<?> t = staticType(arm);
            if (t == null || !t.isPrimitive() || t == boolean.class) {
                return value;
            }
            type = Overloads.widens(type, t) ? t : type;
        }
        return Operators.as((Number) value, type);
    }

    /** The index of the entry whose label equals {@code selector}, else of the default entry, else -1. */
    private int match(List<SwitchEntry> entries, Object selector) {
        int otherwise = -1;
        for (int i = 0; i < entries.size(); i++) {
            SwitchEntry e = entries.get(i);
            if (e.getLabels().isEmpty()) {
                otherwise = i;
            }
            for (Expression label : e.getLabels()) {
                boolean same = selector instanceof Enum<?> constant && label instanceof NameExpr n
                        ? constant.name().equals(n.getNameAsString())
                        : selector != null && selector.equals(eval(label));
                if (same) {
                    return i;
                }
            }
        }
        return otherwise;
    }

    /** After a statement that could not be read, the local variables it assigns hold unknown values. */
    private void spoilAssigned(Node n) {
        List<Expression> targets = new ArrayList<>();
        n.findAll(AssignExpr.class).forEach(a -> targets.add(a.getTarget()));
        n.findAll(UnaryExpr.class).stream().filter(u -> steps(u.getOperator()))
                .forEach(u -> targets.add(u.getExpression()));
        for (Expression t : targets) {
            if (t instanceof NameExpr name) {
                Frame.Local l = local(name.getNameAsString());
                if (l != null) {
                    l.value = Unknown.VALUE;
                }
            }
        }
    }

    // ---- expressions

    private Object eval(Expression e) {
        if (e instanceof IntegerLiteralExpr i) {
            return i.asNumber();
        } else if (e instanceof LongLiteralExpr l) {
            return l.asNumber().longValue();
        } else if (e instanceof DoubleLiteralExpr d) {
            String text = d.getValue().replace("_", "");
            return text.endsWith("f") || text.endsWith("F") ? (Object) Float.parseFloat(text)
                    : (Object) Double.parseDouble(text);
        } else if (e instanceof BooleanLiteralExpr b) {
            return b.getValue();
        } else if (e instanceof StringLiteralExpr s) {
            return s.asString();
        } else if (e instanceof TextBlockLiteralExpr t) {
            return t.asString();
        } else if (e instanceof NullLiteralExpr) {
            return null;
        } else if (e instanceof NameExpr n) {
            return name(n);
        } else if (e instanceof ThisExpr t) {
            return frame().self != null ? frame().self : report(t, "this cannot be used in a static context");
        } else if (e instanceof EnclosedExpr en) {
            return eval(en.getInner());
        } else if (e instanceof FieldAccessExpr f) {
            return field(scope(f.getScope()), f);
        } else if (e instanceof ArrayAccessExpr a) {
            return element(a);
        } else if (e instanceof MethodCallExpr m) {
            return call(m);
        } else if (e instanceof ObjectCreationExpr o) {
            return create(o);
        } else if (e instanceof ArrayCreationExpr a) {
            return createArray(a);
        } else if (e instanceof BinaryExpr b) {
            return binary(b);
        } else if (e instanceof UnaryExpr u) {
            return unary(u);
        } else if (e instanceof AssignExpr a) {
            return assign(a);
        } else if (e instanceof ConditionalExpr c) {
            Object cond = condition(c.getCondition(), "?:");
            if (!(cond instanceof Boolean b)) {
                return Unknown.VALUE;
            }
            // Java types ?: by both branches: flag ? 1 : 2.0 is 1.0
            return promoted(eval(b ? c.getThenExpr() : c.getElseExpr()), List.of(c.getThenExpr(), c.getElseExpr()));
        } else if (e instanceof CastExpr c) {
            Object v = eval(c.getExpression());
            if (v instanceof Unknown) {
                return v;
            }
            try {
                return Operators.cast(v, Types.resolve(c.getType(), program));
            } catch (SourceError err) {
                return report(c, err.getMessage());
            }
        } else if (e instanceof VariableDeclarationExpr v) {
            for (VariableDeclarator d : v.getVariables()) {
                Class<?> type = Types.resolve(d.getType(), program);
                Object value = d.getInitializer().isPresent() ? initial(d) : null;
                frame().scopes.peek().put(d.getNameAsString(), new Frame.Local(type, value));
            }
            return null;
        } else if (e instanceof SwitchExpr s) {
            return switchExpression(s);
        } else if (e instanceof ArrayInitializerExpr a) {
            return report(a, "an array initializer needs a declared array type here: new int[] {...}");
        }
        String unsupported = Unsupported.message(e);
        return report(e, unsupported != null ? unsupported : e.getClass().getSimpleName() + " is not supported");
    }

    private Object[] evalAll(List<Expression> expressions) {
        Object[] values = new Object[expressions.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = eval(expressions.get(i));
        }
        return values;
    }

    /** A variable's or field's initializer, converted to its declared type. */
    private Object initial(VariableDeclarator v) {
        Expression init = v.getInitializer().orElseThrow();
        Class<?> type = Types.resolve(v.getType(), program);
        if (init instanceof ArrayInitializerExpr a) {
            return arrayOf(type != null && type.isArray() ? type : Object[].class, a);
        }
        return convert(eval(init), type, init);
    }

    /**
     * A condition, which must be a constant: a tensor's values exist only when the graph runs. A comparison of
     * tensors is reported as a condition on a tensor rather than as an operator, which is what the user wrote.
     */
    private Object condition(Expression e, String construct) {
        Object v = conditionValue(e, construct);
        if (v instanceof Unknown || v instanceof Boolean) {
            return v;
        }
        return reportWhole(e, "incompatible types: " + Operators.describe(v) + " cannot be converted to boolean");
    }

    private Object conditionValue(Expression e, String construct) {
        if (e instanceof EnclosedExpr en) {
            return conditionValue(en.getInner(), construct);
        }
        if (e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
            Object v = conditionValue(u.getExpression(), construct);
            return v instanceof Boolean b ? !b : v;
        }
        if (e instanceof BinaryExpr b && (b.getOperator() == BinaryExpr.Operator.AND
                || b.getOperator() == BinaryExpr.Operator.OR)) {
            Object left = conditionValue(b.getLeft(), construct);
            if (!(left instanceof Boolean l)) {
                return left;
            }
            if (l == (b.getOperator() == BinaryExpr.Operator.OR)) {
                return l;
            }
            return conditionValue(b.getRight(), construct);
        }
        if (e instanceof BinaryExpr b && TensorMisuse.hasMethod(b.getOperator())) {
            Object left = eval(b.getLeft());
            Object right = eval(b.getRight());
            if (left instanceof Unknown || right instanceof Unknown) {
                return Unknown.VALUE;
            }
            if (left instanceof Value || right instanceof Value) {
                return reportWhole(e, TensorMisuse.condition(construct));
            }
            return operate(b, left, right);
        }
        Object v = eval(e);
        return v instanceof Value ? reportWhole(e, TensorMisuse.condition(construct)) : v;
    }

    /**
     * The type javac gives {@code e} where it is plain from the text (literals, declared variables and fields, casts,
     * arithmetic on those), without evaluating it; null otherwise.
     */
    private Class<?> staticType(Expression e) {
        if (e instanceof IntegerLiteralExpr) {
            return int.class;
        } else if (e instanceof LongLiteralExpr) {
            return long.class;
        } else if (e instanceof DoubleLiteralExpr d) {
            return d.getValue().endsWith("f") || d.getValue().endsWith("F") ? float.class : double.class;
        } else if (e instanceof EnclosedExpr en) {
            return staticType(en.getInner());
        } else if (e instanceof CastExpr c) {
            return Types.resolve(c.getType(), program);
        } else if (e instanceof UnaryExpr u && (u.getOperator() == UnaryExpr.Operator.MINUS
                || u.getOperator() == UnaryExpr.Operator.PLUS)) {
            return staticType(u.getExpression());
        } else if (e instanceof NameExpr n) {
            Frame.Local l = local(n.getNameAsString());
            if (l != null) {
                return l.type;
            }
            for (UserClass k = frame().owner; k != null; k = k.outer().orElse(null)) {
                Optional<VariableDeclarator> v = k.field(n.getNameAsString());
                if (v.isPresent()) {
                    return Types.resolve(v.get().getType(), program);
                }
            }
        } else if (e instanceof BinaryExpr b && List.of(BinaryExpr.Operator.PLUS, BinaryExpr.Operator.MINUS,
                BinaryExpr.Operator.MULTIPLY, BinaryExpr.Operator.DIVIDE, BinaryExpr.Operator.REMAINDER)
                .contains(b.getOperator())) {
            Class<?> l = staticType(b.getLeft());
            Class<?> r = staticType(b.getRight());
            if (l != null && r != null && l.isPrimitive() && r.isPrimitive()) {
                return Overloads.widens(l, r) ? r : l;
            }
        }
        return null;
    }

    private Object binary(BinaryExpr b) {
        BinaryExpr.Operator op = b.getOperator();
        if (op == BinaryExpr.Operator.AND || op == BinaryExpr.Operator.OR) {
            Object left = eval(b.getLeft());
            if (left instanceof Boolean l && l == (op == BinaryExpr.Operator.OR)) {
                return l;
            }
            Object right = eval(b.getRight());
            return operate(b, left, right);
        }
        return operate(b, eval(b.getLeft()), eval(b.getRight()));
    }

    private Object operate(BinaryExpr b, Object left, Object right) {
        if (left instanceof Unknown || right instanceof Unknown) {
            return Unknown.VALUE;
        }
        boolean concatenation = b.getOperator() == BinaryExpr.Operator.PLUS
                && (left instanceof String || right instanceof String);
        if (!concatenation && (left instanceof Value || right instanceof Value)) {
            return report(b, TensorMisuse.operator(b.getOperator(), b.getLeft(), left instanceof Value, b.getRight()));
        }
        try {
            return Operators.binary(b.getOperator(), left, right);
        } catch (SourceError err) {
            return report(b, err.getMessage());
        }
    }

    private Object unary(UnaryExpr u) {
        UnaryExpr.Operator op = u.getOperator();
        Object v = eval(u.getExpression());
        if (v instanceof Unknown) {
            return v;
        }
        if (v instanceof Value) {
            return report(u, TensorMisuse.unary(u));
        }
        try {
            if (steps(op)) {
                BinaryExpr.Operator step = op == UnaryExpr.Operator.PREFIX_INCREMENT
                        || op == UnaryExpr.Operator.POSTFIX_INCREMENT ? BinaryExpr.Operator.PLUS
                        : BinaryExpr.Operator.MINUS;
                Object next = Operators.cast(Operators.binary(step, v, 1), Operators.primitiveOf(v));
                store(u.getExpression(), next);
                return op == UnaryExpr.Operator.PREFIX_INCREMENT || op == UnaryExpr.Operator.PREFIX_DECREMENT
                        ? next : v;
            }
            return Operators.unary(op, v);
        } catch (SourceError err) {
            return report(u, err.getMessage());
        }
    }

    /** ++ and --, which assign to their operand. */
    private static boolean steps(UnaryExpr.Operator op) {
        return op == UnaryExpr.Operator.PREFIX_INCREMENT || op == UnaryExpr.Operator.PREFIX_DECREMENT
                || op == UnaryExpr.Operator.POSTFIX_INCREMENT || op == UnaryExpr.Operator.POSTFIX_DECREMENT;
    }

    private Object assign(AssignExpr a) {
        if (a.getOperator() != AssignExpr.Operator.ASSIGN) {
            // as Java: the variable's value first, then the right-hand side
            Object current = eval(a.getTarget());
            Object value = eval(a.getValue());
            if (current instanceof Unknown || value instanceof Unknown) {
                value = Unknown.VALUE;
            } else {
                BinaryExpr.Operator op = a.getOperator().toBinaryOperator().orElseThrow();
                boolean concatenation = op == BinaryExpr.Operator.PLUS && current instanceof String;
                if (!concatenation && (current instanceof Value || value instanceof Value)) {
                    value = report(a, TensorMisuse.compound(a, current instanceof Value));
                } else {
                    try {
                        value = Operators.cast(Operators.binary(op, current, value), Operators.primitiveOf(current));
                    } catch (SourceError err) {
                        value = report(a, err.getMessage());
                    }
                }
            }
            store(a.getTarget(), value);
            return value;
        }
        Object value = eval(a.getValue());
        store(a.getTarget(), value);
        return value;
    }

    /** Assigns {@code value} to a local variable, a field or an array element. */
    private void store(Expression target, Object value) {
        if (target instanceof NameExpr n) {
            Frame.Local l = local(n.getNameAsString());
            if (l != null) {
                l.value = convert(value, l.type, target);
                return;
            }
            Frame f = frame();
            for (UserClass k = f.owner; k != null; k = k.outer().orElse(null)) {
                if (k.field(n.getNameAsString()).isPresent()) {
                    storeField(k, k.isStatic(n.getNameAsString()) ? null : f.self, n.getNameAsString(), value, n);
                    return;
                }
            }
            report(n, "cannot find symbol: variable " + n.getNameAsString());
        } else if (target instanceof FieldAccessExpr fa) {
            Object scope = scope(fa.getScope());
            if (scope instanceof SourceObject o) {
                storeField(o.type(), o, fa.getNameAsString(), value, fa);
            } else if (scope instanceof UserClass k) {
                storeField(k, null, fa.getNameAsString(), value, fa);
            } else if (!(scope instanceof Unknown)) {
                report(fa, "cannot assign to field " + fa.getNameAsString() + " of " + Operators.describe(scope));
            }
        } else if (target instanceof ArrayAccessExpr aa) {
            if (building) {
                report(aa, "forward() cannot write to an array element: a network's arrays are fixed once it is "
                        + "made; use a local variable");
                return;
            }
            Object array = eval(aa.getName());
            Object index = eval(aa.getIndex());
            if (!(array instanceof Unknown) && !(index instanceof Unknown) && checkIndex(array, index, aa)) {
                store(array, (Integer) index, value, aa);
            }
        } else {
            report(target, "cannot assign to this expression");
        }
    }

    private void storeField(UserClass k, SourceObject self, String name, Object value, Node at) {
        Optional<VariableDeclarator> v = k.field(name);
        if (v.isEmpty()) {
            report(at, "cannot find symbol: field " + name + " in class " + k.name());
            return;
        }
        if (building) {
            report(at, "forward() cannot assign to field " + name + ": a network's fields are fixed once it is made; "
                    + "use a local variable");
            return;
        }
        Object converted = convert(value, Types.resolve(v.get().getType(), program), at);
        if (k.isStatic(name)) {
            initialize(k);
            k.statics().put(name, converted);
        } else if (self == null) {
            report(at, "non-static field " + name + " cannot be referenced from a static context");
        } else {
            self.fields().put(name, converted);
        }
    }

    /** Stores into an array element with Java's assignment conversion; an unknown value spoils the array. */
    private Object store(Object array, int index, Object value, Node at) {
        Class<?> component = array.getClass().getComponentType();
        if (value instanceof Unknown) {
            program.spoil(array);
            return array;
        }
        Object converted = convert(value, component, at);
        if (converted instanceof Unknown) {
            program.spoil(array);
        } else {
            Array.set(array, index, converted);
        }
        return array;
    }

    private Object element(ArrayAccessExpr a) {
        Object array = eval(a.getName());
        Object index = eval(a.getIndex());
        if (array instanceof Unknown || index instanceof Unknown) {
            return Unknown.VALUE;
        }
        if (!checkIndex(array, index, a)) {
            return Unknown.VALUE;
        }
        return program.spoiled(array) ? Unknown.VALUE : Array.get(array, (Integer) index);
    }

    private boolean checkIndex(Object array, Object index, Node at) {
        if (array == null || !array.getClass().isArray()) {
            report(at, "array required, but " + Operators.describe(array) + " found");
            return false;
        }
        if (!(index instanceof Integer i)) {
            report(at, "an array index must be an int, not " + Operators.describe(index));
            return false;
        }
        if (i < 0 || i >= Array.getLength(array)) {
            report(at, "index " + i + " is out of bounds for an array of length " + Array.getLength(array));
            return false;
        }
        return true;
    }

    private Object createArray(ArrayCreationExpr a) {
        Class<?> element = Types.component(a.getElementType(), program);
        int levels = a.getLevels().size();
        Class<?> arrayType = element;
        for (int i = 0; i < levels; i++) {
            arrayType = Array.newInstance(arrayType, 0).getClass();
        }
        if (a.getInitializer().isPresent()) {
            return arrayOf(arrayType, a.getInitializer().get());
        }
        List<Integer> dims = new ArrayList<>();
        for (var level : a.getLevels()) {
            if (level.getDimension().isEmpty()) {
                break;
            }
            Object d = eval(level.getDimension().get());
            if (d instanceof Unknown) {
                return d;
            }
            if (!(d instanceof Integer n) || n < 0) {
                return report(level, "an array length must be a non-negative int, not " + d);
            }
            dims.add(n);
        }
        Class<?> component = arrayType;
        for (int i = 0; i < dims.size(); i++) {
            component = component.getComponentType();
        }
        return Array.newInstance(component, dims.stream().mapToInt(Integer::intValue).toArray());
    }

    private Object arrayOf(Class<?> arrayType, ArrayInitializerExpr init) {
        Class<?> component = arrayType.getComponentType();
        Object array = Array.newInstance(component, init.getValues().size());
        for (int i = 0; i < init.getValues().size(); i++) {
            Expression v = init.getValues().get(i);
            Object value = v instanceof ArrayInitializerExpr inner && component.isArray()
                    ? arrayOf(component, inner) : eval(v);
            store(array, i, value, v);
        }
        return array;
    }

    // ---- names and fields

    private Object name(NameExpr n) {
        String id = n.getNameAsString();
        Frame.Local l = local(id);
        if (l != null) {
            return l.value;
        }
        Frame f = frame();
        for (UserClass k = f.owner; k != null; k = k.outer().orElse(null)) {
            if (k.field(id).isPresent()) {
                if (k.isStatic(id)) {
                    initialize(k);
                    return k.statics().get(id);
                }
                if (k == f.owner && f.self != null) {
                    return f.self.fields().get(id);
                }
                return report(n, "non-static field " + id + " cannot be referenced from a static context");
            }
        }
        Optional<Object> type = typeNamed(id);
        if (type.isPresent()) {
            return type.get();
        }
        for (Program.StaticImport i : program.staticImports()) {
            if (i.member() == null || i.member().equals(id)) {
                Optional<Object> value = staticField(i.type(), id);
                if (value.isPresent()) {
                    return value.get();
                }
            }
        }
        return report(n, "cannot find symbol: variable " + id + Closest.hint(id, visibleNames()));
    }

    /** A class named in the source: one of its own, or one of the library's. */
    private Optional<Object> typeNamed(String name) {
        return program.userClass(name).<Object>map(u -> u).or(() -> Library.find(name).map(LibraryClass::new));
    }

    /** The scope of a field access or call: a value, or a class named plainly or with its package. */
    private Object scope(Expression e) {
        if (e instanceof FieldAccessExpr f) {
            Optional<Object> type = Library.find(f.toString()).map(LibraryClass::new);
            if (type.isPresent()) {
                return type.get();
            }
        }
        return eval(e);
    }

    private Object field(Object target, FieldAccessExpr f) {
        String name = f.getNameAsString();
        if (target instanceof Unknown) {
            return target;
        }
        if (target instanceof LibraryClass c) {
            return staticField(c.type(), name).orElseGet(() -> report(f, c.type().getSimpleName()
                    + " has no field " + name));
        }
        if (target instanceof UserClass k) {
            initialize(k);
            return k.isStatic(name) ? k.statics().get(name) : report(f, "class " + k.name() + " has no static field "
                    + name);
        }
        if (target instanceof SourceObject o) {
            if (o.type().field(name).isEmpty()) {
                return report(f, "cannot find symbol: field " + name + " in class " + o.type().name());
            }
            if (o.type().isStatic(name)) {
                initialize(o.type());
                return o.type().statics().get(name);
            }
            return o.fields().get(name);
        }
        if (target != null && target.getClass().isArray() && name.equals("length")) {
            return Array.getLength(target);
        }
        if (target instanceof Value) {
            return report(f, "a tensor has no field " + name + "; its shape is x.shape(), and its ops are methods");
        }
        return report(f, "cannot find symbol: field " + name + " of " + Operators.describe(target));
    }

    private static Optional<Object> staticField(Class<?> type, String name) {
        try {
            Field field = type.getField(name);
            return Modifier.isStatic(field.getModifiers()) ? Optional.ofNullable(field.get(null)) : Optional.empty();
        } catch (NoSuchFieldException | IllegalAccessException e) {
            return Optional.empty();
        }
    }

    private Frame.Local local(String name) {
        if (frames.isEmpty()) {
            return null;
        }
        for (Map<String, Frame.Local> scope : frame().scopes) {
            Frame.Local l = scope.get(name);
            if (l != null) {
                return l;
            }
        }
        return null;
    }

    private Set<String> visibleNames() {
        Set<String> names = new LinkedHashSet<>();
        frame().scopes.forEach(s -> names.addAll(s.keySet()));
        for (UserClass k = frame().owner; k != null; k = k.outer().orElse(null)) {
            k.fields(false).forEach(v -> names.add(v.getNameAsString()));
            k.fields(true).forEach(v -> names.add(v.getNameAsString()));
        }
        return names;
    }

    // ---- calls

    private Object call(MethodCallExpr m) {
        String name = m.getNameAsString();
        Object target = m.getScope().map(this::scope).orElse(null);
        Object[] args = evalAll(m.getArguments());
        if (target instanceof Unknown || Arrays.stream(args).anyMatch(a -> a instanceof Unknown
                || program.spoiled(a))) {
            return Unknown.VALUE;
        }
        if (m.getScope().isEmpty()) {
            return unscopedCall(m, name, args);
        }
        if (target instanceof SourceObject o) {
            List<MethodDeclaration> methods = o.type().methods(name);
            if (methods.isEmpty() && name.equals("apply") && o.type().network() && args.length == 1
                    && args[0] instanceof Value x) {
                Node outer = site;
                site = m;
                try {
                    return forward(o, x);
                } finally {
                    site = outer;
                }
            }
            return userCall(o.type(), methods, o, args, m, name);
        }
        if (target instanceof UserClass k) {
            return userCall(k, k.methods(name), null, args, m, name);
        }
        if (target instanceof LibraryClass c) {
            return libraryCall(m, Library.staticMethods(c.type(), name), null, args,
                    () -> c.type().getSimpleName() + " has no method " + name + signature(args)
                            + Closest.hint(name, Library.methodNames(c.type(), true)));
        }
        if (target == null) {
            return report(m, "cannot call " + name + "() on null (a field never assigned?)");
        }
        if (building && Library.mutates(target, name)) {
            return report(m, "forward() cannot modify a list (" + name + "): a network's lists are fixed once it is "
                    + "made; build the list in the constructor");
        }
        Class<?> type = Library.receiverType(target);
        Object receiver = target;
        return libraryCall(m, Library.instanceMethods(type, name), receiver, args,
                () -> (target instanceof Value ? "a tensor (Value)" : type.getSimpleName()) + " has no method "
                        + name + signature(args) + Closest.hint(name, Library.methodNames(type, false)));
    }

    private Object unscopedCall(MethodCallExpr m, String name, Object[] args) {
        Frame f = frame();
        for (UserClass k = f.owner; k != null; k = k.outer().orElse(null)) {
            if (!k.methods(name).isEmpty()) {
                return userCall(k, k.methods(name), k == f.owner ? f.self : null, args, m, name);
            }
        }
        List<Method> imported = new ArrayList<>();
        Set<String> importedNames = new LinkedHashSet<>();
        for (Program.StaticImport i : program.staticImports()) {
            if (i.member() == null || i.member().equals(name)) {
                imported.addAll(Library.staticMethods(i.type(), name));
            }
            importedNames.addAll(i.member() == null ? Library.methodNames(i.type(), true) : List.of(i.member()));
        }
        if (!imported.isEmpty()) {
            return libraryCall(m, imported, null, args, () -> "no function " + name + signature(args));
        }
        for (UserClass k = f.owner; k != null; k = k.outer().orElse(null)) {
            importedNames.addAll(k.methodNames());
        }
        return report(m, "cannot find symbol: method " + name + signature(args) + Closest.hint(name, importedNames));
    }

    private Object userCall(UserClass owner, List<MethodDeclaration> methods, SourceObject self, Object[] args,
                            MethodCallExpr at, String name) {
        if (methods.isEmpty()) {
            return report(at, "cannot find symbol: method " + name + signature(args) + " in class " + owner.name()
                    + Closest.hint(name, owner.methodNames()));
        }
        Optional<MethodDeclaration> chosen = chooseCallable(methods, args);
        if (chosen.isEmpty()) {
            return report(at, "method " + name + " in class " + owner.name() + " cannot be applied to "
                    + signature(args));
        }
        MethodDeclaration method = chosen.get();
        if (!method.isStatic() && self == null) {
            return report(at, "non-static method " + name + "() cannot be referenced from a static context");
        }
        return call(owner, method, self, args, at);
    }

    private Object create(ObjectCreationExpr o) {
        String name = o.getType().getNameWithScope();
        Object[] args = evalAll(o.getArguments());
        if (o.getAnonymousClassBody().isPresent()) {
            return report(o, Unsupported.message(o));
        }
        if (Arrays.stream(args).anyMatch(a -> a instanceof Unknown || program.spoiled(a))) {
            return Unknown.VALUE;
        }
        Optional<UserClass> user = program.userClass(name);
        if (user.isPresent()) {
            return instantiate(user.get(), args, o);
        }
        Optional<Class<?>> type = Library.find(name);
        if (type.isEmpty()) {
            return report(o.getType(), "unknown layer type " + name + Closest.hint(name, Library.layerTypeNames())
                    + "; the layers are " + Library.layerNames());
        }
        if (!Library.constructible(type.get())) {
            return report(o.getType(), "cannot create a " + name + " with new in a model source");
        }
        List<Constructor<?>> constructors = Arrays.asList(type.get().getConstructors());
        return libraryCall(o, constructors, null, args, () -> "no constructor " + name + signature(args));
    }

    /**
     * Calls a graph-ir (or java.lang) method or constructor chosen as javac would, with the position of {@code at}
     * as the origin of every node it makes.
     */
    private <E extends Executable> Object libraryCall(Node at, List<E> candidates, Object receiver, Object[] args,
                                                      Supplier<String> notFound) {
        if (candidates.isEmpty()) {
            return report(at, notFound.get());
        }
        Optional<Overloads.Choice<E>> choice = Overloads.choose(candidates, args);
        if (choice.isEmpty()) {
            String expected = candidates.stream().map(LibraryCall::describe).distinct().sorted()
                    .reduce((a, b) -> a + ", " + b).orElse("");
            return report(at, "no " + LibraryCall.describe(candidates.get(0)).replaceAll("\\(.*", "") + signature(args)
                    + "; there is " + expected);
        }
        Value anchor = receiver instanceof Value v ? v
                : (Value) Arrays.stream(args).filter(Value.class::isInstance).findFirst().orElse(null);
        Node outer = site;
        site = at;
        try {
            return LibraryCall.invoke(choice.get().executable(), receiver, choice.get().arguments(), anchor,
                    program.origin(at));
        } catch (Poisoned p) {
            return Unknown.VALUE;
        } catch (LibraryCall.Failure f) {
            return report(at, f.getMessage());
        } finally {
            site = outer;
        }
    }

    private static String signature(Object[] args) {
        return Arrays.stream(args).map(a -> a instanceof Value ? "Value" : Operators.describe(a))
                .reduce((a, b) -> a + ", " + b).map(s -> "(" + s + ")").orElse("()");
    }

    // ---- conversions and reports

    private Object convert(Object value, Class<?> type, Node at) {
        try {
            return Operators.convert(value, type);
        } catch (SourceError err) {
            return report(at, err.getMessage());
        }
    }

    private static Object defaultValue(Class<?> type) {
        if (type == null || !type.isPrimitive()) {
            return null;
        }
        return type == boolean.class ? (Object) false : Operators.as(0, type);
    }

    private Frame frame() {
        return frames.peek();
    }

    /** Reports an error at {@code at}, with a note for each method on the call chain; returns the unknown value. */
    private Object report(Node at, String message) {
        return report(Positions.of(at), message);
    }

    /** At the start of {@code e}, not at a call or operator within it: for conditions and selectors. */
    private Object reportWhole(Expression e, String message) {
        return report(Positions.start(e), message);
    }

    private Object report(Position at, String message) {
        List<String> notes = new ArrayList<>();
        Iterator<Frame> it = frames.iterator();
        Frame inner = it.hasNext() ? it.next() : null;
        while (inner != null && it.hasNext()) {
            Frame caller = it.next();
            if (inner.site != null) {
                notes.add("in " + (inner.helper ? "helper " : "") + inner.name + ", called from " + caller.name
                        + " at " + program.origin(inner.site));
            }
            inner = caller;
        }
        diagnostics.error(at, message, notes);
        return Unknown.VALUE;
    }
}
