package io.chainrule.ir.source;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** One method being read: whose it is, where it was called from, and its local variables, scope by scope. */
final class Frame {
    /** A local variable: its declared type (null for {@code var}, or one the reader need not know) and value. */
    static final class Local {
        final Class<?> type;
        Object value;

        Local(Class<?> type, Object value) {
            this.type = type;
            this.value = value;
        }
    }

    final UserClass owner;
    /** Null in a static method. */
    final SourceObject self;
    /** Null for field initializers. */
    final CallableDeclaration<?> callable;
    /** The call that entered this method; null for the first. */
    final Node site;
    /** As notes name it: {@code block()}, {@code Block.forward()}, {@code new Block()}. */
    final String name;
    /** A method of the model class other than forward, which notes call a helper. */
    final boolean helper;
    /** Innermost first; field initializers swap in scopes that hide the constructor's parameters. */
    Deque<Map<String, Local>> scopes = new ArrayDeque<>();
    Object returned;

    Frame(UserClass owner, SourceObject self, CallableDeclaration<?> callable, Node site, String name,
          boolean helper) {
        this.owner = owner;
        this.self = self;
        this.callable = callable;
        this.site = site;
        this.name = name;
        this.helper = helper;
        scopes.push(new HashMap<>());
    }
}
