package io.chainrule.ir.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.ir.Graph;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two front ends, one graph: random model sources, compiled by javac in one call and run, build exactly the graphs
 * the reader reads from the same text (origins aside). The seed is printed; -Dchainrule.seed=N replays a run.
 */
class TwoFrontEndsTest {
    private static final int SOURCES = 200;

    @Test
    void randomModelSourcesReadIntoTheGraphsTheirCompiledClassesBuild(@TempDir Path classes) throws IOException {
        long seed = Long.getLong("chainrule.seed", System.nanoTime());
        System.out.println("TwoFrontEndsTest: seed " + seed + " (replay with -Dchainrule.seed=" + seed + ")");
        List<RandomModelSource.Model> models = new ArrayList<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (int i = 0; i < SOURCES; i++) {
            RandomModelSource.Model m = RandomModelSource.generate("Generated" + i, seed + i);
            models.add(m);
            sources.put(m.name(), m.source());
        }
        long start = System.nanoTime();
        Map<String, Class<?>> compiled = FrontEnds.compile(sources, classes);
        long compiledAt = System.nanoTime();
        int nodes = 0;
        for (RandomModelSource.Model m : models) {
            Graph run = FrontEnds.build(FrontEnds.instantiate(compiled.get(m.name())), m.input());
            Graph read = FrontEnds.read(m.name(), m.source(), m.input());
            assertEquals(FrontEnds.withoutOrigins(run), FrontEnds.withoutOrigins(read),
                    () -> "seed " + seed + ", " + m.name() + ":\n" + m.source());
            nodes += read.size();
        }
        System.out.printf("TwoFrontEndsTest: %d sources (%d nodes): javac %.1f s, run and read %.1f s%n", SOURCES,
                nodes, (compiledAt - start) / 1e9, (System.nanoTime() - compiledAt) / 1e9);
    }
}
