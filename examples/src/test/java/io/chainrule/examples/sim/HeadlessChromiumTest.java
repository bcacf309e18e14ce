package io.chainrule.examples.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The browser test's check for its browser: a missing one is a failure that says what to install, never a skip. */
class HeadlessChromiumTest {
    @Test
    void aMissingBrowserFailsWithWhatToInstall() {
        Path missing = Path.of("/nonexistent/chromium");
        AssertionError e = assertThrows(AssertionError.class, () -> HeadlessChromium.requireInstalled(
                HeadlessChromium.DRIVER, missing));
        assertEquals("/nonexistent/chromium is missing: the simulations' browser test needs Debian's chromium and "
                + "chromedriver; run .ci/run, or apt-get install chromium chromium-driver", e.getMessage());
    }
}
