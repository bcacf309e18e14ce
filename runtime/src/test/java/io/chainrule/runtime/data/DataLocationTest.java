package io.chainrule.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lookup order with an injected environment and working directory. The layout mirrors the real one:
 * {@code root/checkout/runtime} is a module directory and {@code root/shared/data/mnist} holds the data.
 */
class DataLocationTest {
    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    @TempDir
    Path root;
    private Path checkout;
    private Path shared;

    @BeforeEach
    void layOut() throws IOException {
        checkout = Files.createDirectories(root.resolve("checkout/runtime")).getParent();
        shared = root.resolve("shared/data");
        holdMnist(shared.resolve("mnist"), ".gz");
    }

    private static void holdMnist(Path dir, String suffix) throws IOException {
        Files.createDirectories(dir);
        for (String file : Mnist.FILES) {
            Files.createFile(dir.resolve(file + suffix));
        }
    }

    private static Path find(String flag, Map<String, String> env, Path cwd) throws DataNotFoundException {
        return new DataLocation(flag, env, cwd).find(Mnist.DIRECTORY, Mnist.FILES);
    }

    private static String notFound(String flag, Map<String, String> env, Path cwd) {
        return assertThrows(DataNotFoundException.class, () -> find(flag, env, cwd)).getMessage();
    }

    @Test
    void besideTheCheckoutFromItsRootOrAModuleDirectory() throws IOException {
        assertEquals(shared.resolve("mnist"), find(null, NO_ENVIRONMENT, checkout));
        assertEquals(shared.resolve("mnist"), find(null, NO_ENVIRONMENT, checkout.resolve("runtime")));
        assertEquals(List.of(root.resolve("checkout/shared/data"), shared),
                new DataLocation(null, NO_ENVIRONMENT, checkout.resolve("runtime")).places());
    }

    @Test
    void theEnvironmentVariableComesBeforeTheDefault() throws IOException {
        Path other = root.resolve("other");
        holdMnist(other.resolve("mnist"), "");
        Map<String, String> env = Map.of("CHAINRULE_DATA", other.toString());
        assertEquals(other.resolve("mnist"), find(null, env, checkout));
    }

    @Test
    void aBlankFlagIsAnErrorRatherThanNoFlag() {
        Map<String, String> env = Map.of("CHAINRULE_DATA", shared.toString());
        for (String blank : List.of("", "  ")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new DataLocation(blank, env, checkout));
            assertEquals("--data \"" + blank + "\" names no directory: give the data directory, or leave the flag "
                    + "out to look in CHAINRULE_DATA or ../shared/data", e.getMessage());
        }
    }

    @Test
    void theFlagComesBeforeTheEnvironmentVariable() throws IOException {
        Path flagged = root.resolve("flagged");
        holdMnist(flagged.resolve("mnist"), ".gz");
        Map<String, String> env = Map.of("CHAINRULE_DATA", shared.toString());
        assertEquals(flagged.resolve("mnist"), find(flagged.toString(), env, checkout));
        assertEquals(flagged.resolve("mnist"), find("../flagged", env, checkout), "relative to the working directory");
    }

    @Test
    void theFlagMayNameTheDatasetDirectoryItself() throws IOException {
        assertEquals(shared.resolve("mnist"), find(shared.resolve("mnist").toString(), NO_ENVIRONMENT, checkout));
    }

    @Test
    void anExplicitPlaceNeverFallsBackToTheDefault() throws IOException {
        Path empty = Files.createDirectories(root.resolve("empty"));
        String message = notFound(empty.toString(), NO_ENVIRONMENT, checkout);
        assertEquals("mnist not found: looked for train-images-idx3-ubyte(.gz), train-labels-idx1-ubyte(.gz), "
                + "t10k-images-idx3-ubyte(.gz), t10k-labels-idx1-ubyte(.gz) in:\n"
                + "  " + empty + ": no mnist/ in it   [--data " + empty + "]\n"
                + "to fix: pass --data DIR or set CHAINRULE_DATA=DIR, where DIR/mnist/ holds those files; to fetch "
                + "them: chainrule download mnist --data DIR", message);
        notFound(null, Map.of("CHAINRULE_DATA", empty.toString()), checkout);
    }

    @Test
    void notFoundListsEveryPlaceAndWhatEachLacked() throws IOException {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere/deep/cwd"));
        assertEquals("mnist not found: looked for train-images-idx3-ubyte(.gz), train-labels-idx1-ubyte(.gz), "
                + "t10k-images-idx3-ubyte(.gz), t10k-labels-idx1-ubyte(.gz) in:\n"
                + "  " + root.resolve("elsewhere/deep/shared/data") + ": no such directory   [../shared/data from "
                + "the working directory " + elsewhere + "]\n"
                + "  " + root.resolve("elsewhere/shared/data") + ": no such directory   [../../shared/data from the "
                + "working directory " + elsewhere + "]\n"
                + "to fix: pass --data DIR or set CHAINRULE_DATA=DIR, where DIR/mnist/ holds those files; to fetch "
                + "them: chainrule download mnist --data DIR", notFound(null, NO_ENVIRONMENT, elsewhere));
    }

    @Test
    void aPartialDatasetNamesTheMissingFiles() throws IOException {
        Files.delete(shared.resolve("mnist/t10k-labels-idx1-ubyte.gz"));
        Files.delete(shared.resolve("mnist/train-images-idx3-ubyte.gz"));
        Files.createFile(shared.resolve("mnist/train-images-idx3-ubyte"));
        String message = notFound(shared.toString(), NO_ENVIRONMENT, checkout);
        assertEquals("  " + shared.resolve("mnist") + ": missing t10k-labels-idx1-ubyte(.gz)   [--data " + shared
                + "]", message.lines().toList().get(1));
    }

    @Test
    void aFileOfADatasetPlainOrCompressed() throws IOException {
        Path tabular = Files.createDirectories(shared.resolve("tabular"));
        Files.createFile(tabular.resolve("iris.csv"));
        Files.createFile(tabular.resolve("digits.csv.gz"));
        DataLocation location = new DataLocation(null, NO_ENVIRONMENT, checkout);
        assertEquals(tabular.resolve("iris.csv"), location.file("tabular", "iris.csv"));
        assertEquals(tabular.resolve("digits.csv.gz"), location.file("tabular", "digits.csv"));
        assertEquals(tabular.resolve("digits.csv.gz"), location.file("tabular", "digits.csv.gz"));
    }

    @Test
    void aDatasetThatCannotBeDownloadedNamesNoDownload() throws IOException {
        Path empty = Files.createDirectories(root.resolve("empty"));
        DataLocation location = new DataLocation(empty.toString(), NO_ENVIRONMENT, checkout);
        assertEquals("tabular not found: looked for wine_data.csv(.gz) in:\n"
                + "  " + empty + ": no tabular/ in it   [--data " + empty + "]\n"
                + "to fix: pass --data DIR or set CHAINRULE_DATA=DIR, where DIR/tabular/ holds those files",
                assertThrows(DataNotFoundException.class, () -> location.file("tabular", "wine_data.csv"))
                        .getMessage());
        assertTrue(assertThrows(DataNotFoundException.class, () -> location.find(Mnist.FASHION_DIRECTORY,
                Mnist.FILES)).getMessage().endsWith("; to fetch them: chainrule download fashion_mnist --data DIR"),
                "the download command's name for Fashion-MNIST");
    }
}
