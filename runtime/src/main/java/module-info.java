/**
 * Running graphs: tensors, the {@link io.chainrule.runtime.Backend} interface and the reference interpreter
 * ({@code runtime}); datasets, CSV, IDX and MNIST ({@code runtime.data}); the {@code Model} a user fits, evaluates,
 * saves and loads ({@code runtime.model}); safetensors checkpoints ({@code runtime.checkpoint}).
 *
 * <p>A faster backend is found as a service: {@link io.chainrule.runtime.Backends#preferred()}.
 */
module io.chainrule.runtime {
    requires transitive io.chainrule.ir;
    requires transitive io.chainrule.autodiff;
    requires java.net.http;

    exports io.chainrule.runtime;
    exports io.chainrule.runtime.checkpoint;
    exports io.chainrule.runtime.data;
    exports io.chainrule.runtime.model;
    // the kernel library: compiled steps (hidden classes of codegen's module) call it as the interpreter does
    exports io.chainrule.runtime.kernels to io.chainrule.codegen;

    uses io.chainrule.runtime.Backend;
}
