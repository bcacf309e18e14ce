package io.chainrule.ir.text;

/** One {@code name=%id} of the outputs line. */
record OutputDecl(Token name, Ref ref) {
}
