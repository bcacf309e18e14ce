package io.chainrule.ir.text;

/** One {@code name=%id} of the outputs line, or the target and value of an update line. */
record OutputDecl(Token name, Ref ref) {
}
