package io.chainrule.ir.nn;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a network class is trained on, for tools that make a model from its source alone (the network says how to
 * compute, not what it is fed): {@code @Input(shape = {1, 28, 28}, task = "classification", batch = 100)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Input {
    /** One example's shape, without the batch axis. */
    int[] shape();

    /** "classification" (class labels, cross-entropy loss) or "regression" (real targets, mean squared error). */
    String task() default "classification";

    /** The batch size to train with. */
    int batch() default 32;
}
