package io.chainrule.ir.source;

/**
 * A value the reader could not compute because of an error it has already reported. Whatever is made from it is
 * unknown too, silently, so that one mistake gives one error and the reading goes on to find the next.
 */
enum Unknown {
    VALUE
}
