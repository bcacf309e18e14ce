package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code chainrule serve} refusing what cannot work, and {@code chainrule sim export} writing the pages. */
@Timeout(60)
class SimCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void serveOnAPortInUseSaysSoInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            CliRun r = CliRun.of("serve", "--port", String.valueOf(port));
            assertEquals(1, r.exitCode(), r.both());
            String line = r.firstErrorLine();
            assertTrue(line.startsWith("chainrule serve: cannot serve on 127.0.0.1:" + port + ": ")
                    && line.endsWith(" (is another server on that port? choose another with --port N, or --port 0 "
                    + "for a free one)"), line);
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }

    @Test
    void serveRefusesWhatIsNoPortOrAddress() {
        CliRun port = CliRun.of("serve", "--port", "70000");
        assertEquals(2, port.exitCode(), port.both());
        assertEquals("chainrule serve: --port 70000 is not a port: expected 0 to 65535", port.firstErrorLine());
        CliRun bind = CliRun.of("serve", "--bind", "no-such-host.invalid");
        assertEquals(2, bind.exitCode(), bind.both());
        assertEquals("chainrule serve: --bind no-such-host.invalid: no such address", bind.firstErrorLine());
    }

    @Test
    void simExportWritesPagesThatCarryTheirNumbers() throws Exception {
        Path dir = tmp.resolve("sim");
        CliRun r = CliRun.of("sim", "export", dir.toString(), "--datasets", "spirals", "--activations", "relu");
        assertEquals(0, r.exitCode(), r.both());
        assertTrue(r.out().startsWith("wrote 4 files in ") && r.out().strip().endsWith("; open "
                + dir.resolve("index.html").toAbsolutePath()), r.out());
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of("activations.html", "backprop.html", "index.html", "plans/relu.txt"), files
                    .filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()).sorted().toList());
        }
        String backprop = Files.readString(dir.resolve("backprop.html"));
        assertTrue(backprop.contains("window.CHAINRULE_DATA = {\"mode\":\"replay\",\"config\":{\"dataset\":\"xor\""),
                backprop.substring(0, 400));
        assertTrue(backprop.contains("\"datasets\":[\"spirals\"],\"activations\":[\"relu\"],\"runs\":{"
                + "\"spirals/relu\":{"));
        assertTrue(Files.readString(dir.resolve("activations.html")).contains("\"typicalFactor\":"));
        assertTrue(Files.readString(dir.resolve("plans/relu.txt")).startsWith("chainrule: the training step of a "
                + "2-4-4-2 relu network on spirals, Adam lr 0.03, batches of 10"));
    }

    @Test
    void simExportRefusesAnUnknownNameBeforeWritingAnything() {
        Path dir = tmp.resolve("never");
        CliRun r = CliRun.of("sim", "export", dir.toString(), "--datasets", "xor,moons");
        assertEquals(2, r.exitCode(), r.both());
        assertEquals("chainrule sim export: unknown dataset 'moons': expected xor, circles, spirals, blobs",
                r.firstErrorLine());
        assertTrue(Files.notExists(dir));
        CliRun activation = CliRun.of("sim", "export", dir.toString(), "--activations", "softplus");
        assertEquals(2, activation.exitCode(), activation.both());
        assertEquals("chainrule sim export: unknown activation 'softplus': expected relu, leaky_relu, sigmoid, tanh, "
                + "swish, gelu", activation.firstErrorLine());
        assertTrue(Files.notExists(dir));
    }
}
