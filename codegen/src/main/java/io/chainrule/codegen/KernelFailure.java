package io.chainrule.codegen;

/** Thrown by a generated step when a kernel fails; carries which kernel, so the message can name it and its nodes. */
final class KernelFailure extends RuntimeException {
    private final int kernel;

    KernelFailure(int kernel, Throwable cause) {
        super("kernel " + kernel + " failed", cause);
        this.kernel = kernel;
    }

    int kernel() {
        return kernel;
    }
}
