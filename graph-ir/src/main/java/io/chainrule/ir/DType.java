package io.chainrule.ir;

/** Element types. f64 exists so that gradients can be checked precisely; i32 holds class labels and argmax results. */
public enum DType {
    F32("f32"),
    F64("f64"),
    I32("i32");

    private final String text;

    DType(String text) {
        this.text = text;
    }

    public boolean isFloating() {
        return this != I32;
    }

    /** Bytes per element, for memory plans and checkpoints. */
    public int byteSize() {
        return this == F64 ? 8 : 4;
    }

    public static DType parse(String text) {
        for (DType t : values()) {
            if (t.text.equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + text + "' (expected f32, f64 or i32)");
    }

    @Override
    public String toString() {
        return text;
    }
}
