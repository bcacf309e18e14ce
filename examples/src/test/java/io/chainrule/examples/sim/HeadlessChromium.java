package io.chainrule.examples.sim;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver. Both are named explicitly, so Selenium Manager
 * never runs (it would try to download a driver and a browser); the browser starts with a fresh profile and without
 * the background requests a first run makes, so the only traffic is to the pages' own 127.0.0.1 server.
 */
final class HeadlessChromium {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** A browser with a window of {@code width} x {@code height}; fails, never skips, when it is not installed. */
    static ChromeDriver start(Path profile, int width, int height) throws Exception {
        requireInstalled(BROWSER, DRIVER);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withLogFile(new File(profile.toFile(), "chromedriver.log")).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createDirectories(profile.resolve("profile")),
                "--window-size=" + width + "," + height, "--force-device-scale-factor=1", "--lang=en-US");
        // the page's console, read by the tests: a script error fails them
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    /** Fails, saying how to install them, unless every one of {@code programs} is there to run. */
    static void requireInstalled(Path... programs) {
        for (Path needed : programs) {
            if (!Files.isExecutable(needed)) {
                throw new AssertionError(needed + " is missing: the simulations' browser test needs Debian's chromium "
                        + "and chromedriver; run .ci/run, or apt-get install chromium chromium-driver");
            }
        }
    }
}
