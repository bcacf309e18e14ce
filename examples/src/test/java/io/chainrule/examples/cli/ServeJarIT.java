package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code java -jar chainrule.jar serve --port 0} as a user starts it: it says where it serves, serves both pages and
 * the API from the jar (restarted with the Vector API, as the commands that train are), and stops on SIGTERM.
 */
@Timeout(90)
class ServeJarIT {
    private static final Pattern ROOT = Pattern.compile("^chainrule serve: (http://127\\.0\\.0\\.1:[0-9]+/) ");

    @Test
    void servesThePagesFromTheJarUntilStopped() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", System.getProperty("chainrule.jar"),
                "serve", "--port", "0")).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeAll(List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS",
                "CHAINRULE_RELAUNCH"));
        Process process = builder.start();
        List<ProcessHandle> restarted = List.of();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher m = ROOT.matcher(String.valueOf(line));
            assertTrue(m.find(), "first line: " + line);
            URI root = URI.create(m.group(1));
            restarted = process.descendants().toList();
            HttpClient http = HttpClient.newHttpClient();
            for (String page : List.of("activations.html", "backprop.html")) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(root.resolve(page)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), page);
                assertTrue(r.body().contains("window.CHAINRULE_DATA = null;"), page);
            }
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(root.resolve("api/sessions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"dataset\": \"spirals\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            assertTrue(created.body().contains("\"dataset\":\"spirals\""), created.body());
        } finally {
            process.destroy();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        }
        for (ProcessHandle child : restarted) {
            child.onExit().get(20, TimeUnit.SECONDS);
        }
    }
}
