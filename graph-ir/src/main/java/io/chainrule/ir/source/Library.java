package io.chainrule.ir.source;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.DType;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Shape;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Activation;
import io.chainrule.ir.nn.F;
import io.chainrule.ir.nn.Flatten;
import io.chainrule.ir.nn.Input;
import io.chainrule.ir.nn.Layer;
import io.chainrule.ir.nn.LeakyRelu;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.LogSoftmax;
import io.chainrule.ir.nn.Module;
import io.chainrule.ir.nn.Network;
import io.chainrule.ir.nn.Parameter;
import io.chainrule.ir.nn.Sequential;
import io.chainrule.ir.nn.Softmax;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Java classes a model source may name, and which of their members it may use. Ops are never re-implemented
 * here: a call in the source is a reflective call of the graph-ir method of that name, so both front ends build
 * through the same code.
 */
final class Library {
    private static final List<String> PACKAGES = List.of("io.chainrule.ir.nn.", "io.chainrule.ir.", "java.lang.",
            "java.util.");
    /** In the order a receiver's methods are looked up: the most specific public type first. */
    private static final List<Class<?>> RECEIVERS = List.of(Value.class, Shape.class, DType.class, Parameter.class,
            Linear.class, Sequential.class, Activation.class, LeakyRelu.class, Softmax.class, LogSoftmax.class,
            Flatten.class, List.class, String.class, Integer.class, Long.class, Float.class, Double.class,
            Boolean.class, Layer.class, Object.class);
    private static final List<Class<?>> LAYERS = List.of(Linear.class, Sequential.class, Flatten.class,
            LeakyRelu.class, Softmax.class, LogSoftmax.class, Parameter.class);
    private static final Map<String, Class<?>> NAMED = new LinkedHashMap<>();
    /** Types that give a model source a way around the builder's checks or into the graph's internals. */
    private static final Set<Class<?>> INTERNAL = Set.of(GraphBuilder.class, Node.class, OpCode.class, Attrs.class,
            Class.class);
    private static final Set<String> HIDDEN = Set.of("builder", "node", "id", "getClass", "wait", "notify",
            "notifyAll");
    private static final Map<Class<?>, Map<String, List<Method>>> INSTANCE_METHODS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Map<String, List<Method>>> STATIC_METHODS = new ConcurrentHashMap<>();
    private static final Set<String> MUTATORS = Set.of("add", "addAll", "set", "remove", "removeAll", "removeIf",
            "retainAll", "clear", "replaceAll", "sort");

    static {
        Stream.of(Value.class, Shape.class, DType.class, Initializer.class, Layer.class, Module.class,
                Network.class, Activation.class, F.class, Input.class, Math.class, ArrayList.class, Object.class)
                .forEach(c -> NAMED.put(c.getSimpleName(), c));
        LAYERS.forEach(c -> NAMED.put(c.getSimpleName(), c));
        RECEIVERS.forEach(c -> NAMED.putIfAbsent(c.getSimpleName(), c));
        for (Class<?> c : Initializer.class.getPermittedSubclasses()) {
            NAMED.put("Initializer." + c.getSimpleName(), c);
            NAMED.putIfAbsent(c.getSimpleName(), c);
        }
    }

    private Library() {
    }

    /** The class a name in the source means: simple ({@code Linear}), nested or fully qualified. */
    static Optional<Class<?>> find(String name) {
        String simple = name;
        for (String p : PACKAGES) {
            if (name.startsWith(p)) {
                simple = name.substring(p.length());
                break;
            }
        }
        return Optional.ofNullable(NAMED.get(simple));
    }

    /** Every class name a model source may use, for "did you mean" hints. */
    static Set<String> names() {
        return NAMED.keySet();
    }

    /** Whether {@code new T(...)} is allowed: layers, parameters, initializers and array lists. */
    static boolean constructible(Class<?> c) {
        return LAYERS.contains(c) || c == ArrayList.class
                || (c.getSuperclass() == Record.class && Initializer.class.isAssignableFrom(c));
    }

    /** "Linear, Sequential, ..." for messages about a layer type that does not exist. */
    static String layerNames() {
        return String.join(", ", LAYERS.stream().map(Class::getSimpleName).toList()) + ", or an Activation ("
                + String.join(", ", Arrays.stream(Activation.values()).map(a -> "Activation." + a.name()).toList())
                + ")";
    }

    static List<String> layerTypeNames() {
        return LAYERS.stream().map(Class::getSimpleName).toList();
    }

    /** The public type whose methods {@code receiver} offers to a model source. */
    static Class<?> receiverType(Object receiver) {
        if (receiver instanceof Initializer) {
            return receiver.getClass();
        }
        return RECEIVERS.stream().filter(c -> c.isInstance(receiver)).findFirst().orElse(Object.class);
    }

    /** The public instance methods named {@code name} that a model source may call on {@code type}. */
    static List<Method> instanceMethods(Class<?> type, String name) {
        return methods(type, false).getOrDefault(name, List.of());
    }

    static List<Method> staticMethods(Class<?> type, String name) {
        return methods(type, true).getOrDefault(name, List.of());
    }

    /** By name, computed once per class: a model calls the same few methods many times. */
    private static Map<String, List<Method>> methods(Class<?> type, boolean statics) {
        return (statics ? STATIC_METHODS : INSTANCE_METHODS).computeIfAbsent(type, t -> Arrays.stream(t.getMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) == statics && allowed(m))
                .collect(Collectors.groupingBy(Method::getName)));
    }

    /** Every method name a model source may call on {@code type}, for "did you mean" hints. */
    static List<String> methodNames(Class<?> type, boolean statics) {
        return methods(type, statics).keySet().stream().sorted().toList();
    }

    /** Whether calling {@code name} on a list changes it, which forward() may not do. */
    static boolean mutates(Object receiver, String name) {
        return receiver instanceof List && MUTATORS.contains(name);
    }

    private static boolean allowed(Executable e) {
        if (HIDDEN.contains(e.getName())) {
            return false;
        }
        Stream<Class<?>> types = Stream.concat(Arrays.stream(e.getParameterTypes()),
                e instanceof Method m ? Stream.of(m.getReturnType()) : Stream.empty());
        return types.map(t -> t.isArray() ? t.getComponentType() : t)
                .noneMatch(t -> INTERNAL.stream().anyMatch(i -> i.isAssignableFrom(t)));
    }
}
