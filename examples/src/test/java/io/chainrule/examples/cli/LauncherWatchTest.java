package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LauncherWatchTest {

    @Test
    void aMalformedLauncherPidIsAnError() {
        assertEquals("-Dchainrule.launcher.pid=x1: expected the pid of the java process that started chainrule",
                assertThrows(IllegalArgumentException.class, () -> LauncherWatch.start("x1")).getMessage());
    }
}
