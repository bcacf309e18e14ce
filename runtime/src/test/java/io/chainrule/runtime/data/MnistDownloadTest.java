package io.chainrule.runtime.data;

import static io.chainrule.runtime.data.IdxBytes.gzip;
import static io.chainrule.runtime.data.IdxBytes.labels;
import static io.chainrule.runtime.data.IdxBytes.ubytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads from a server on loopback that this test starts, never the internet. Its mirrors: {@code /good/} serves
 * the files, {@code /corrupt/} serves them with one byte changed, {@code /missing/} answers 404, and {@code /short/}
 * promises the whole file but closes the connection halfway.
 */
class MnistDownloadTest {
    private static final Map<String, byte[]> FILES = Map.of(
            "labels.gz", gzip(labels(3, 1, 4, 1, 5)),
            "images.gz", gzip(ubytes(5, 28, 28)));

    @TempDir
    Path dir;
    private HttpServer server;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/good/", exchange -> serve(exchange, body -> body));
        server.createContext("/corrupt/", exchange -> serve(exchange, body -> {
            byte[] changed = body.clone();
            changed[changed.length / 2] ^= 1;
            return changed;
        }));
        server.createContext("/missing/", exchange -> {
            count(exchange);
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.createContext("/short/", exchange -> {
            byte[] body = FILES.get(fileName(exchange));
            count(exchange);
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, body.length / 2);
            out.flush();
            // Closing with fewer bytes written than promised makes the server drop the connection.
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private interface Transform {
        byte[] apply(byte[] body);
    }

    private void serve(HttpExchange exchange, Transform transform) throws IOException {
        count(exchange);
        byte[] body = FILES.get(fileName(exchange));
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
        } else {
            byte[] sent = transform.apply(body);
            exchange.sendResponseHeaders(200, sent.length);
            exchange.getResponseBody().write(sent);
        }
        exchange.close();
    }

    private void count(HttpExchange exchange) {
        requests.computeIfAbsent(exchange.getRequestURI().getPath(), path -> new AtomicInteger()).incrementAndGet();
    }

    private static String fileName(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private URI mirror(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name + "/");
    }

    private MnistDownload download(String... mirrors) {
        Map<String, String> md5s = new LinkedHashMap<>();
        md5s.put("labels.gz", md5(FILES.get("labels.gz")));
        md5s.put("images.gz", md5(FILES.get("images.gz")));
        return new MnistDownload(Stream.of(mirrors).map(this::mirror).toList(), md5s, Duration.ofSeconds(20));
    }

    private List<String> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void downloadsEveryFileThenSkipsThemWhenPresent() throws IOException {
        assertEquals(List.of(dir.resolve("labels.gz"), dir.resolve("images.gz")), download("good").into(dir));
        assertArrayEquals(FILES.get("labels.gz"), Files.readAllBytes(dir.resolve("labels.gz")));
        assertArrayEquals(FILES.get("images.gz"), Files.readAllBytes(dir.resolve("images.gz")));
        assertEquals(List.of("images.gz", "labels.gz"), filesInDir());
        assertEquals(List.of(), download("good").into(dir));
        assertEquals(1, requests.get("/good/images.gz").get(), "no second request for a file present");
    }

    @Test
    void aBadChecksumMovesOnToTheNextMirror() throws IOException {
        download("corrupt", "good").into(dir);
        assertArrayEquals(FILES.get("images.gz"), Files.readAllBytes(dir.resolve("images.gz")));
        assertEquals(1, requests.get("/corrupt/images.gz").get());
        assertEquals(1, requests.get("/good/images.gz").get());
        assertEquals(List.of("images.gz", "labels.gz"), filesInDir());
    }

    @Test
    void aFileWithTheWrongChecksumIsReplaced() throws IOException {
        Files.writeString(dir.resolve("labels.gz"), "not the labels");
        assertEquals(List.of(dir.resolve("labels.gz"), dir.resolve("images.gz")), download("good").into(dir));
        assertArrayEquals(FILES.get("labels.gz"), Files.readAllBytes(dir.resolve("labels.gz")));
    }

    @Test
    void failingEverywhereNamesTheFileAndWhatEachMirrorGave() throws IOException {
        IOException e = assertThrows(IOException.class, () -> download("missing", "corrupt").into(dir));
        byte[] corrupt = FILES.get("labels.gz").clone();
        corrupt[corrupt.length / 2] ^= 1;
        assertEquals("labels.gz: no mirror gave the file with md5 " + md5(FILES.get("labels.gz")) + ": "
                + mirror("missing") + "labels.gz gave HTTP 404; " + mirror("corrupt") + "labels.gz gave "
                + corrupt.length + " bytes with md5 " + md5(corrupt), e.getMessage());
        assertEquals(List.of(), filesInDir(), "nothing left behind");
    }

    @Test
    void notFoundOnEveryMirror() throws IOException {
        IOException e = assertThrows(IOException.class, () -> download("missing", "nowhere").into(dir));
        assertEquals("labels.gz: no mirror gave the file with md5 " + md5(FILES.get("labels.gz")) + ": "
                + mirror("missing") + "labels.gz gave HTTP 404; " + mirror("nowhere") + "labels.gz gave HTTP 404",
                e.getMessage());
        assertEquals(List.of(), filesInDir());
    }

    @Test
    void anInterruptedDownloadLeavesTheOldFileUntouched() throws IOException {
        byte[] old = "an older labels file".getBytes();
        Files.write(dir.resolve("labels.gz"), old);
        IOException e = assertThrows(IOException.class, () -> download("short").into(dir));
        String prefix = "labels.gz: no mirror gave the file with md5 " + md5(FILES.get("labels.gz")) + ": "
                + mirror("short") + "labels.gz gave ";
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        assertArrayEquals(old, Files.readAllBytes(dir.resolve("labels.gz")));
        assertEquals(List.of("labels.gz"), filesInDir(), "no partial file left behind");
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
