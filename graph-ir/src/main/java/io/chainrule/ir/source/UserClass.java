package io.chainrule.ir.source;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A class declared in the model source: its fields, methods and constructors, and its static fields' values. */
final class UserClass {
    enum State { NEW, INITIALIZING, READY }

    private final ClassOrInterfaceDeclaration declaration;
    private final UserClass outer;
    private final Map<String, VariableDeclarator> fields = new LinkedHashMap<>();
    private final Map<String, Boolean> staticField = new HashMap<>();
    private final Map<String, List<MethodDeclaration>> methods = new LinkedHashMap<>();
    private final Map<String, Object> statics = new HashMap<>();
    private State state = State.NEW;

    UserClass(ClassOrInterfaceDeclaration declaration, UserClass outer) {
        this.declaration = declaration;
        this.outer = outer;
        for (FieldDeclaration f : declaration.getFields()) {
            for (VariableDeclarator v : f.getVariables()) {
                fields.put(v.getNameAsString(), v);
                staticField.put(v.getNameAsString(), f.isStatic());
            }
        }
        for (MethodDeclaration m : declaration.getMethods()) {
            methods.computeIfAbsent(m.getNameAsString(), k -> new ArrayList<>()).add(m);
        }
    }

    ClassOrInterfaceDeclaration declaration() {
        return declaration;
    }

    String name() {
        return declaration.getNameAsString();
    }

    /** The class this one is nested in, if any. */
    Optional<UserClass> outer() {
        return Optional.ofNullable(outer);
    }

    boolean network() {
        return declaration.getImplementedTypes().stream().anyMatch(t -> t.getNameAsString().equals("Network"));
    }

    Optional<VariableDeclarator> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    boolean isStatic(String field) {
        return staticField.getOrDefault(field, false);
    }

    /** Fields in declaration order, static or not. */
    List<VariableDeclarator> fields(boolean ofStatic) {
        return fields.values().stream().filter(v -> isStatic(v.getNameAsString()) == ofStatic).toList();
    }

    List<MethodDeclaration> methods(String name) {
        return methods.getOrDefault(name, List.of());
    }

    List<String> methodNames() {
        return List.copyOf(methods.keySet());
    }

    List<ConstructorDeclaration> constructors() {
        return declaration.getConstructors();
    }

    Map<String, Object> statics() {
        return statics;
    }

    State state() {
        return state;
    }

    void state(State s) {
        state = s;
    }
}
