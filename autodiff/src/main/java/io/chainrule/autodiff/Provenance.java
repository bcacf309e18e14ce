package io.chainrule.autodiff;

import io.chainrule.ir.Node;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which pass made a node, read from its origin: backward nodes say {@code grad of %N} (the forward node they came
 * from), optimizer nodes start with {@code update }, everything else is the user's forward graph.
 */
public enum Provenance {
    FORWARD, BACKWARD, UPDATE;

    static final String GRAD_PREFIX = "grad of ";
    static final String UPDATE_PREFIX = "update ";
    private static final Pattern GRAD_OF = Pattern.compile(Pattern.quote(GRAD_PREFIX) + "%(\\d+)");

    /** Which pass made {@code node}. */
    public static Provenance of(Node node) {
        String o = node.origin();
        if (o != null && o.startsWith(GRAD_PREFIX)) {
            return BACKWARD;
        }
        return o != null && o.startsWith(UPDATE_PREFIX) ? UPDATE : FORWARD;
    }

    /** The forward node a backward node came from. */
    public static OptionalInt forwardNode(Node node) {
        Matcher m = node.origin() == null ? null : GRAD_OF.matcher(node.origin());
        return m != null && m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    static String gradOf(int forwardId) {
        return GRAD_PREFIX + "%" + forwardId;
    }
}
