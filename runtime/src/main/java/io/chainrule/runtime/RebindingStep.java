package io.chainrule.runtime;

import java.util.Map;

/**
 * {@link BoundStep} for backends without a bound form: each run is a full {@link Executable#run}. Single-threaded as
 * every bound step is: concurrent runs would store their updates into the same tensors.
 */
final class RebindingStep implements BoundStep {
    private final Executable executable;
    private final Map<String, Tensor> feeds;
    private final ConcurrentUseGuard guard;
    private Map<String, Tensor> last = Map.of();

    RebindingStep(Executable executable, String graphName, Map<String, Tensor> feeds) {
        this.executable = executable;
        this.feeds = Map.copyOf(feeds);
        this.guard = new ConcurrentUseGuard(graphName);
    }

    @Override
    public void run() {
        guard.enter();
        try {
            last = executable.run(feeds);
        } finally {
            guard.exit();
        }
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
