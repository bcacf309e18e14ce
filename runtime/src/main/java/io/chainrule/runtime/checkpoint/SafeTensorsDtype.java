package io.chainrule.runtime.checkpoint;

import io.chainrule.ir.DType;
import java.util.Optional;

/**
 * chainrule's dtypes under their safetensors names. Declared in the order safetensors writes tensors, widest alignment
 * first, so that every tensor's data starts aligned to its element size and our files are byte for byte what the
 * reference writer produces for the same tensors.
 */
enum SafeTensorsDtype {
    F64(DType.F64),
    F32(DType.F32),
    I32(DType.I32);

    private final DType dtype;

    SafeTensorsDtype(DType dtype) {
        this.dtype = dtype;
    }

    DType dtype() {
        return dtype;
    }

    static SafeTensorsDtype of(DType dtype) {
        return switch (dtype) {
            case F64 -> F64;
            case F32 -> F32;
            case I32 -> I32;
        };
    }

    /** The dtype a header names, if chainrule has it. */
    static Optional<SafeTensorsDtype> named(String name) {
        for (SafeTensorsDtype d : values()) {
            if (d.name().equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
