package io.chainrule.ir.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.ir.Graph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
        // javac and the reader work at once: the reader needs nothing javac makes
        CompletableFuture<Map<String, Class<?>>> compiling = CompletableFuture.supplyAsync(() -> {
            try {
                return FrontEnds.compile(sources, classes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        List<Graph> read = new ArrayList<>();
        for (RandomModelSource.Model m : models) {
            read.add(FrontEnds.read(m.name(), m.source(), m.input()));
        }
        long readAt = System.nanoTime();
        Map<String, Class<?>> compiled = compiling.join();
        long compiledAt = System.nanoTime();
        int nodes = 0;
        for (int i = 0; i < SOURCES; i++) {
            RandomModelSource.Model m = models.get(i);
            Graph run = FrontEnds.build(FrontEnds.instantiate(compiled.get(m.name())), m.input());
            assertEquals(FrontEnds.withoutOrigins(run), FrontEnds.withoutOrigins(read.get(i)),
                    () -> "seed " + seed + ", " + m.name() + ":\n" + m.source());
            nodes += run.size();
        }
        System.out.printf("TwoFrontEndsTest: %d sources (%d nodes): read %.1f s, javac (at once) done at %.1f s, "
                + "run and compared by %.1f s%n", SOURCES, nodes, (readAt - start) / 1e9, (compiledAt - start) / 1e9,
                (System.nanoTime() - start) / 1e9);
    }
}
