package io.chainrule.ir.scalar;

import io.chainrule.ir.OpCode;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the static method that computes one element of an elementwise op: its operands' elements, then the double
 * components of the op's attribute record in order, give the result. A method over doubles is the op's meaning; one
 * over floats, where present, is its f32 meaning (see {@link FloatMath}). {@link ScalarFunctions} collects them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Computes {
    /** The op this method computes. */
    OpCode value();
}
