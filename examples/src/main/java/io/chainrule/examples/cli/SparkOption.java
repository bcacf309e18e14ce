package io.chainrule.examples.cli;

import io.chainrule.examples.cluster.ClusterRunner;

/** What {@code --spark MASTER} runs on: the cluster runner on the class path, looked up before any work starts. */
final class SparkOption {
    private SparkOption() {
    }

    /** The runner, or a failure saying which jar to run instead. */
    static ClusterRunner runner() {
        try {
            return ClusterRunner.find();
        } catch (IllegalStateException e) {
            throw new CommandFailure(e.getMessage());
        }
    }
}
