package io.chainrule.runtime;

import java.util.Map;

/** {@link BoundStep} for backends without a bound form: each run is a full {@link Executable#run}. */
final class RebindingStep implements BoundStep {
    private final Executable executable;
    private final Map<String, Tensor> feeds;
    private Map<String, Tensor> last = Map.of();

    RebindingStep(Executable executable, Map<String, Tensor> feeds) {
        this.executable = executable;
        this.feeds = Map.copyOf(feeds);
    }

    @Override
    public void run() {
        last = executable.run(feeds);
    }

    @Override
    public Tensor output(String name) {
        Tensor t = last.get(name);
        if (t == null) {
            throw new IllegalArgumentException(last.isEmpty() ? "no output before the first run"
                    : "no output '" + name + "'; outputs: " + last.keySet());
        }
        return t;
    }

    @Override
    public void close() {
    }
}
