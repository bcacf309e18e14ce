package io.chainrule.examples.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The backprop page's numbers for a page opened from disk, where no server trains: for every dataset and activation
 * at the default network, a real training run recorded as it went (the loss of every epoch, and at chosen epochs the
 * state the page draws and one step in slow motion), and the kernel plan of each activation's training step.
 */
final class BackpropReplay {
    /** The epochs at which the state is recorded: often early, when the boundary moves most. */
    static final int[] SNAPSHOTS = {0, 2, 5, 10, 20, 35, 60, 100};

    private BackpropReplay() {
    }

    /** A recorded run: its JSON, and the kernel plan of its training step. */
    record Run(String key, String json, String plan) {
    }

    /** Each of {@code datasets} with each of {@code activations}, from {@code base}'s start; in parallel. */
    static List<Run> record(NetworkConfig base, List<PlaneDataset> datasets, List<ActivationChoice> activations) {
        List<NetworkConfig> configs = new ArrayList<>();
        for (PlaneDataset d : datasets) {
            for (ActivationChoice a : activations) {
                configs.add(new NetworkConfig(d, base.depth(), base.width(), a, base.learningRate(), base.batchSize(),
                        base.seed()));
            }
        }
        return configs.parallelStream().map(BackpropReplay::record).toList();
    }

    /** One run from {@code config}'s start. */
    static Run record(NetworkConfig config) {
        try (TrainingSession s = new TrainingSession("export", config)) {
            String plan = s.plan();
            JsonWriter w = new JsonWriter().beginObject();
            w.name("first").raw(s.state(true));
            w.name("snapshots").beginArray();
            int epoch = 0;
            for (int target : SNAPSHOTS) {
                if (target > epoch) {
                    s.train(target - epoch);
                    epoch = target;
                }
                w.beginObject().name("epoch").value(epoch).name("step").beginObject();
                s.slowStep().write(w);
                w.endObject().name("state").raw(s.state(false)).endObject();
            }
            w.endArray();
            w.name("losses").values(s.losses(), 5);
            return new Run(config.dataset().id() + "/" + config.activation().id(), w.endObject().toString(), plan);
        }
    }

    /** The page's data: the runs by key ({@code dataset/activation}) and the choices they cover. */
    static String json(NetworkConfig base, List<PlaneDataset> datasets, List<ActivationChoice> activations,
            List<Run> runs) {
        JsonWriter w = new JsonWriter().beginObject().name("mode").value("replay").name("config");
        base.write(w);
        w.name("datasets").beginArray();
        for (PlaneDataset d : datasets) {
            w.value(d.id());
        }
        w.endArray().name("activations").beginArray();
        for (ActivationChoice a : activations) {
            w.value(a.id());
        }
        w.endArray().name("runs").beginObject();
        for (Run r : runs) {
            w.name(r.key()).raw(r.json());
        }
        return w.endObject().endObject().toString();
    }
}
