package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LaunchDecisionTest {
    private static final String ADD = "start java with --add-modules jdk.incubator.vector for the Vector API "
            + "(about 3x faster)";

    /** A JDK 17 on an AVX-512 machine started as the README shows, without the module: the case to restart. */
    private static LaunchFacts typical() {
        return new LaunchFacts(false, true, true, List.of("-Xmx1g"), "/jdk", "chainrule.jar", null, null, null);
    }

    private static Optional<String> notice(LaunchFacts jvm) {
        return ((LaunchDecision.RunHere) LaunchDecision.of(jvm)).notice();
    }

    private static Optional<String> line(String why) {
        return Optional.of("chainrule: matrix products on plain Java loops: " + why);
    }

    @Test
    void restartsAJvmWithoutTheModuleWhenTheRuntimeAndTheCpuHaveIt() {
        assertEquals(new LaunchDecision.Restart(), LaunchDecision.of(typical()));
        LaunchFacts settingTrue = new LaunchFacts(false, true, true, List.of(), "/jdk", "chainrule.jar", "true",
                "true", null);
        assertEquals(new LaunchDecision.Restart(), LaunchDecision.of(settingTrue));
    }

    @Test
    void runsQuietlyWhereTheModuleIsLoaded() {
        LaunchFacts loaded = new LaunchFacts(true, true, true, List.of("-agentlib:jdwp=server=y"), "/jdk", "x.jar",
                "false", null, null);
        assertEquals(Optional.empty(), notice(loaded));
    }

    @Test
    void saysWhenTheRuntimeHasNoModule() {
        LaunchFacts jlinked = new LaunchFacts(false, false, true, List.of(), "/opt/small-jre", "x.jar", null, null,
                null);
        assertEquals(line("this Java runtime (/opt/small-jre) has no jdk.incubator.vector module; a JDK 17 or newer "
                + "with it gives the Vector API"), notice(jlinked));
    }

    @Test
    void saysWhenTheCpuHasNoWideVectors() {
        LaunchFacts neon = new LaunchFacts(false, true, false, List.of(), "/jdk", "x.jar", null, null, null);
        assertEquals(line("this CPU has no 256-bit vectors with FMA (AVX2 or AVX-512), without which the Vector API "
                + "is slower than plain loops"), notice(neon));
    }

    @Test
    void thePropertyOrTheVariableTurnsTheRestartOffWithOneLine() {
        LaunchFacts property = new LaunchFacts(false, true, true, List.of(), "/jdk", "x.jar", "false", null, null);
        assertEquals(line("-Dchainrule.relaunch=false keeps chainrule in this JVM; " + ADD), notice(property));
        LaunchFacts variable = new LaunchFacts(false, true, true, List.of(), "/jdk", "x.jar", null, "false", null);
        assertEquals(line("CHAINRULE_RELAUNCH=false keeps chainrule in this JVM; " + ADD), notice(variable));
        LaunchFacts propertyWins = new LaunchFacts(false, true, true, List.of(), "/jdk", "x.jar", "true", "false",
                null);
        assertEquals(new LaunchDecision.Restart(), LaunchDecision.of(propertyWins));
    }

    @Test
    void aSettingOtherThanTrueOrFalseIsAnError() {
        LaunchFacts property = new LaunchFacts(false, true, true, List.of(), "/jdk", "x.jar", "no", null, null);
        assertEquals("-Dchainrule.relaunch=no: expected true or false",
                assertThrows(IllegalArgumentException.class, () -> LaunchDecision.of(property)).getMessage());
        LaunchFacts variable = new LaunchFacts(false, true, true, List.of(), "/jdk", "x.jar", null, "0", null);
        assertEquals("CHAINRULE_RELAUNCH=0: expected true or false",
                assertThrows(IllegalArgumentException.class, () -> LaunchDecision.of(variable)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-javaagent:/x/agent.jar",
            "-agentpath:/x/libprofiler.so", "-Xrunjdwp:transport=dt_socket",
            "-XX:StartFlightRecording=filename=r.jfr"})
    void aToolAttachedToThisJvmKeepsChainruleHere(String tool) {
        LaunchFacts jvm = new LaunchFacts(false, true, true, List.of("-Xmx1g", tool), "/jdk", "x.jar", null, null,
                null);
        assertEquals(line("java is not restarted with jdk.incubator.vector while " + tool
                + " attaches a tool to this JVM; " + ADD), notice(jvm));
    }

    @Test
    void aRestartedJvmWithoutTheModuleIsNotRestartedAgain() {
        LaunchFacts restarted = new LaunchFacts(false, true, true, List.of(), "/jdk", "x.jar", null, null, "4242");
        assertEquals(line("java restarted by chainrule did not load jdk.incubator.vector; " + ADD), notice(restarted));
    }

    @Test
    void aJvmStartedFromNoClassPathIsNotRestarted() {
        LaunchFacts modulePath = new LaunchFacts(false, true, true, List.of(), "/jdk", "", null, null, null);
        assertEquals(line("java is not restarted with jdk.incubator.vector: chainrule was started from no class "
                + "path; " + ADD), notice(modulePath));
    }

    @Test
    void commandsThatRunNoProductsAreNotWorthARestart() {
        for (String command : List.of("models", "dump", "gradcheck", "download", "help")) {
            assertTrue(LaunchDecision.runsNoProducts(List.of(command, "mnist-mlp", "--text")), command);
        }
        assertTrue(LaunchDecision.runsNoProducts(List.of("-h", "dump")));
        for (List<String> args : List.<List<String>>of(List.of("train", "mnist-mlp"), List.of("bench", "models"),
                List.of("--version"), List.of(), List.of("predict", "model.safetensors"))) {
            assertFalse(LaunchDecision.runsNoProducts(args), args.toString());
        }
    }
}
