package io.chainrule.runtime.checkpoint;

import io.chainrule.ir.DType;
import java.util.Optional;

/**
 * The safetensors dtypes chainrule reads, each with the dtype it is read into. F64, F32 and I32 are chainrule's own,
 * and the ones it writes, declared in the order safetensors writes tensors, widest alignment first, so that every
 * tensor's data starts aligned to its element size and our files are byte for byte what the reference writer
 * produces for the same tensors. The others are read from files PyTorch writes: I64 (its default for labels) into
 * i32 when every value fits, F16 and BF16 widened to f32, which holds each of their values exactly.
 */
enum SafeTensorsDtype {
    F64(DType.F64, 8),
    F32(DType.F32, 4),
    I32(DType.I32, 4),
    I64(DType.I32, 8),
    F16(DType.F32, 2),
    BF16(DType.F32, 2);

    /** What an error says chainrule reads. */
    static final String READ = "F64, F32, I32, F16 and BF16 (widened to f32) and I64 (narrowed to i32)";

    private final DType dtype;
    private final int byteSize;

    SafeTensorsDtype(DType dtype, int byteSize) {
        this.dtype = dtype;
        this.byteSize = byteSize;
    }

    /** The dtype a tensor of this safetensors dtype is read into. */
    DType dtype() {
        return dtype;
    }

    /** The bytes an element takes in the file. */
    int byteSize() {
        return byteSize;
    }

    /** The safetensors dtype a chainrule tensor is written as. */
    static SafeTensorsDtype of(DType dtype) {
        return switch (dtype) {
            case F64 -> F64;
            case F32 -> F32;
            case I32 -> I32;
        };
    }

    /** The dtype a header names, if chainrule reads it. */
    static Optional<SafeTensorsDtype> named(String name) {
        for (SafeTensorsDtype d : values()) {
            if (d.name().equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
