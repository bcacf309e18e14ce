package io.chainrule.examples.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.util.List;

/**
 * What this JVM is, as far as restarting it with the Vector API module is concerned.
 *
 * @param moduleLoaded whether jdk.incubator.vector is in the boot layer (the products run on it if the CPU allows)
 * @param moduleInRuntime whether this Java runtime has the module at all
 * @param cpuHasVectors whether the CPU offers 256-bit vectors and FMA to compiled code (assumed where the VM cannot
 *     say); checked without the module, which the kernels' own check needs
 * @param jvmOptions the options this JVM was started with, those of JDK_JAVA_OPTIONS and JAVA_TOOL_OPTIONS included,
 *     in the order they took effect
 * @param javaHome this runtime's home, whose bin/java a restart runs
 * @param classPath the class path chainrule was started from (the jar under {@code java -jar})
 * @param relaunchProperty the {@value LaunchDecision#RELAUNCH_PROPERTY} system property, or null
 * @param relaunchVariable the {@value LaunchDecision#RELAUNCH_VARIABLE} environment variable, or null
 * @param launcherPid the {@value LaunchDecision#LAUNCHER_PID_PROPERTY} system property that a restart sets, or null
 */
record LaunchFacts(boolean moduleLoaded, boolean moduleInRuntime, boolean cpuHasVectors, List<String> jvmOptions,
        String javaHome, String classPath, String relaunchProperty, String relaunchVariable, String launcherPid) {

    LaunchFacts {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** Whether jdk.incubator.vector is in this JVM's boot layer: cheap, so checked before anything else. */
    static boolean moduleLoadedHere() {
        return ModuleLayer.boot().findModule(LaunchDecision.MODULE).isPresent();
    }

    static LaunchFacts ofThisJvm() {
        return new LaunchFacts(moduleLoadedHere(), ModuleFinder.ofSystem().find(LaunchDecision.MODULE).isPresent(),
                cpuHasVectorsHere(), ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getProperty("java.home"), System.getProperty("java.class.path", ""),
                System.getProperty(LaunchDecision.RELAUNCH_PROPERTY), System.getenv(LaunchDecision.RELAUNCH_VARIABLE),
                System.getProperty(LaunchDecision.LAUNCHER_PID_PROPERTY));
    }

    /**
     * HotSpot's MaxVectorSize (32 bytes with AVX2, 64 with AVX-512, 16 with NEON) and UseFMA: what the Vector API's
     * preferred species and the kernels' FMA check come from (codegen's VectorHardware).
     */
    private static boolean cpuHasVectorsHere() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (vm == null) {
            return true;
        }
        try {
            return Integer.parseInt(vm.getVMOption("MaxVectorSize").getValue()) >= 32
                    && Boolean.parseBoolean(vm.getVMOption("UseFMA").getValue());
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
