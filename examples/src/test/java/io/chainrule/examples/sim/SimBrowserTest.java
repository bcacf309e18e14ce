package io.chainrule.examples.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Both simulations in a real headless Chromium, served by {@link SimServer} on 127.0.0.1 and exported to files: a
 * slider moved, a network trained, one step in slow motion, each checked by what the page shows. It takes the
 * screenshots of docs/SIMULATIONS.md, into {@code target/sim-screenshots} (or {@code -Dchainrule.screenshots=DIR}).
 */
@Timeout(120)
class SimBrowserTest {
    static final Pattern NUMBER = Pattern.compile("-?[0-9.]+(e-?[0-9]+)?");

    @TempDir
    static Path temp;
    static SimServer server;
    static ChromeDriver browser;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = SimServer.start(InetAddress.getLoopbackAddress(), 0);
        browser = HeadlessChromium.start(temp, 1240, 980);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void noScriptErrors() {
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()).toList();
        assertTrue(severe.isEmpty(), () -> "the page's console has errors: " + severe);
    }

    @Test
    void activationsPageReadsTheAutodiffDerivativeUnderTheSliders() throws Exception {
        browser.get(server.uri().toString());
        String note = browser.findElement(By.id("mode-note")).getText();
        assertTrue(note.startsWith("Served by chainrule serve"), note);
        browser.findElement(By.id("to-activations")).click();
        ready();
        browser.findElement(By.id("fn-tanh")).click();
        WebElement x = browser.findElement(By.id("x"));
        press(x, Keys.ARROW_RIGHT, 20);
        WebElement readout = browser.findElement(By.id("readout"));
        // index 260 of 401 points on [-5, 5]: x = 1.5, and the derivative the API computed by autodiff there
        assertEquals("1.5", readout.getAttribute("data-x"));
        String tanh = get("api/activations/tanh").body();
        double served = numberAt(tanh, "\"df\":[", 260);
        assertEquals(served, Double.parseDouble(readout.getAttribute("data-df")), 0);
        assertEquals(1 - Math.pow(Math.tanh(1.5), 2), served, 1e-5);
        assertTrue(readout.getText().startsWith("tanh at x = 1.500: f(x) = 0.90515, f'(x) = 0.18071 (autodiff)"),
                readout.getText());
        assertEquals(2, browser.findElements(By.cssSelector("#curve rect.saturated")).size(),
                "tanh saturates on both sides");

        browser.findElement(By.id("fn-sigmoid")).click();
        press(browser.findElement(By.id("depth")), Keys.ARROW_RIGHT, 5);
        WebElement depth = browser.findElement(By.id("depth-readout"));
        assertTrue(depth.getText().startsWith("Through n = 15 layers of sigmoid"), depth.getText());
        double product = Double.parseDouble(depth.getAttribute("data-product"));
        assertTrue(product > 0 && product < Math.pow(0.25, 15), "sigmoid's gradient through 15 layers: " + product);
        screenshot("sim-activations.png");
    }

    @Test
    void backpropPageTrainsShowsTheBoundaryAndSendsDeltaBackToTheFirstLayer() throws Exception {
        browser.get(server.uri() + "backprop.html");
        ready();
        assertTrue(browser.getCurrentUrl().contains("?session="), browser.getCurrentUrl());
        // one more neuron per hidden layer: a new network, its training step compiled, the time shown
        press(browser.findElement(By.id("width")), Keys.ARROW_RIGHT, 1);
        await("5 neurons in hidden layer 1", () -> browser.findElements(By.cssSelector(
                "#network .neuron[data-layer='1']")).size() == 5);
        WebElement compile = browser.findElement(By.id("compile"));
        assertTrue(compile.getText().matches("training step compiled in [0-9.]+ ms: [0-9]+ kernels from [0-9]+ "
                + "graph nodes"), compile.getText());
        double lossBefore = number(By.id("loss"));
        String boundaryBefore = canvasPixels();

        trainUntilEpoch(30);
        double lossAfter = number(By.id("loss"));
        assertTrue(lossAfter < lossBefore / 2, "loss " + lossBefore + " -> " + lossAfter);
        WebElement curve = browser.findElement(By.id("loss-chart"));
        assertTrue(Double.parseDouble(curve.getAttribute("data-last")) < Double.parseDouble(
                curve.getAttribute("data-first")), "the loss curve goes down");
        assertNotEquals(boundaryBefore, canvasPixels(), "the decision boundary moved");

        String epoch = browser.findElement(By.id("epoch")).getText();
        browser.navigate().refresh();
        ready();
        assertEquals(epoch, browser.findElement(By.id("epoch")).getText(), "training survives a reload");
        assertEquals(5, browser.findElements(By.cssSelector("#network .neuron[data-layer='1']")).size());

        String plan = browser.findElement(By.id("plan-link")).getAttribute("href");
        HttpResponse<String> planText = get(URI.create(plan));
        assertEquals(200, planText.statusCode());
        assertTrue(planText.body().contains("kernel plan for backprop_flow_train"), planText.body());

        slowMotion("normal");
        screenshot("sim-backprop.png");
        await("the slow step to end", () -> browser.findElement(By.id("slow-status")).getAttribute("data-phase")
                .equals("done"));
        assertEquals(List.of("forward 0", "forward 1", "forward 2", "forward 3", "backward 3", "backward 2",
                "backward 1", "done 1"), phases());
    }

    @Test
    void exportedPagesWorkFromDiskWithTheirNumbersInside() throws Exception {
        Path dir = temp.resolve("export");
        StaticExport.write(dir, List.of("xor"), List.of("tanh"));
        String html = Files.readString(dir.resolve("backprop.html"));
        assertTrue(!html.contains("<script src") && !html.contains("<link rel=\"stylesheet\""), "inlined");

        browser.get(dir.resolve("index.html").toUri().toString());
        String note = browser.findElement(By.id("mode-note")).getText();
        assertTrue(note.startsWith("Exported by chainrule sim export"), note);
        browser.findElement(By.id("to-activations")).click();
        ready();
        browser.findElement(By.id("fn-relu")).click();
        press(browser.findElement(By.id("x")), Keys.HOME, 1);
        WebElement readout = browser.findElement(By.id("readout"));
        assertTrue(readout.getText().startsWith("ReLU at x = -5.000: f(x) = 0, f'(x) = 0 (autodiff): saturated"),
                readout.getText());

        browser.get(dir.resolve("backprop.html").toUri().toString());
        ready();
        assertTrue(browser.findElement(By.id("mode-note")).getText().startsWith("Opened from disk"));
        assertEquals(List.of("xor"), new Select(browser.findElement(By.id("dataset"))).getOptions().stream()
                .map(WebElement::getText).toList());
        String boundaryBefore = canvasPixels();
        trainUntilEpoch(5);
        WebElement curve = browser.findElement(By.id("loss-chart"));
        assertTrue(Double.parseDouble(curve.getAttribute("data-last")) < Double.parseDouble(
                curve.getAttribute("data-first")), "the recorded loss goes down");
        assertNotEquals(boundaryBefore, canvasPixels());
        String plan = browser.findElement(By.id("plan-link")).getAttribute("href");
        assertTrue(Files.readString(Path.of(URI.create(plan))).contains("kernel plan for backprop_flow_train"));
        slowMotion("fast");
        await("the slow step to end", () -> browser.findElement(By.id("slow-status")).getAttribute("data-phase")
                .equals("done"));
    }

    /**
     * Runs one step in slow motion at {@code pace} and waits for the error signal to reach hidden layer 1: then every
     * edge into it shows its gradient and every neuron of it its delta. The page is read at that moment, by a
     * script that watches the status, since the animation goes on; the script also records the phases.
     */
    @SuppressWarnings("unchecked")
    private static void slowMotion(String pace) {
        new Select(browser.findElement(By.id("pace"))).selectByVisibleText(pace);
        browser.executeScript("window.phases = []; window.reached = null;"
                + "const s = document.getElementById('slow-status');"
                + "new MutationObserver(() => {"
                + "  const p = s.dataset.phase + ' ' + s.dataset.layer;"
                + "  if (window.phases[window.phases.length - 1] !== p) window.phases.push(p);"
                + "  if (p === 'backward 1' && !window.reached) {"
                + "    const edges = [...document.querySelectorAll(\"#network line.edge[data-layer='1']\")];"
                + "    window.reached = {edges: edges.length,"
                + "      withGradient: edges.filter(e => e.hasAttribute('data-grad')).length,"
                + "      labels: [...document.querySelectorAll(\"#network .neuron[data-layer='1'] text\")]"
                + "        .map(t => t.textContent), text: s.textContent};"
                + "  }"
                + "}).observe(s, {attributes: true, childList: true, characterData: true, subtree: true});");
        browser.findElement(By.id("slow")).click();
        await("delta to reach hidden layer 1", () -> browser.executeScript("return window.reached;") != null);
        Map<String, Object> reached = (Map<String, Object>) browser.executeScript("return window.reached;");
        long edges = (Long) reached.get("edges");
        assertTrue(edges > 0 && reached.get("withGradient").equals(edges),
                "every edge into the first layer shows its gradient: " + reached);
        List<String> labels = (List<String>) reached.get("labels");
        assertTrue(!labels.isEmpty() && labels.stream().allMatch(t -> t.startsWith("δ ")),
                "the first layer's neurons show their deltas: " + labels);
        assertTrue(((String) reached.get("text")).contains("δ reaches hidden layer 1, the first layer"), reached
                .toString());
    }

    /** Presses Train, waits for the page to show {@code epoch} or later, and presses it again to pause. */
    private static void trainUntilEpoch(int epoch) {
        WebElement train = browser.findElement(By.id("train"));
        train.click();
        await("epoch " + epoch, () -> Integer.parseInt(browser.findElement(By.id("epoch")).getText()) >= epoch);
        train.click();
        await("training to pause", () -> train.getText().equals("Train"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> phases() {
        return (List<String>) browser.executeScript("return window.phases;");
    }

    private static void ready() {
        await("the page to be ready", () -> "true".equals(browser.findElement(By.tagName("body"))
                .getAttribute("data-ready")));
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        // a page being replaced by the next one's can leave an element stale: look again
        new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(50)).withMessage(what)
                .ignoring(StaleElementReferenceException.class).until(d -> condition.getAsBoolean());
    }

    private static void press(WebElement slider, Keys key, int times) {
        for (int i = 0; i < times; i++) {
            slider.sendKeys(key);
        }
    }

    private static double number(By by) {
        return Double.parseDouble(browser.findElement(by).getAttribute("data-value"));
    }

    private static String canvasPixels() {
        return (String) browser.executeScript("return document.getElementById('boundary').toDataURL();");
    }

    /** The {@code index}th number of the JSON array that follows {@code key}. */
    private static double numberAt(String json, String key, int index) {
        Matcher m = NUMBER.matcher(json.substring(json.indexOf(key) + key.length()));
        for (int i = 0; i < index; i++) {
            m.find();
        }
        m.find();
        return Double.parseDouble(m.group());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(server.uri().resolve(path));
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The page's main element as a small PNG, for docs/SIMULATIONS.md. */
    private static void screenshot(String name) throws IOException {
        Path dir = Path.of(System.getProperty("chainrule.screenshots", "target/sim-screenshots"));
        Files.createDirectories(dir);
        byte[] png = browser.findElement(By.tagName("main")).getScreenshotAs(OutputType.BYTES);
        byte[] small = SmallPng.of(png);
        assertTrue(small.length < 150_000, name + " is " + small.length + " bytes: too large to commit");
        Files.write(dir.resolve(name), small);
    }
}
