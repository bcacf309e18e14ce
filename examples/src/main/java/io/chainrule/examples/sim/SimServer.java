package io.chainrule.examples.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulations served by the JDK's HTTP server: the two pages and the JSON API they call (docs/SIMULATIONS.md).
 * Every failure of a request is an answer, never a stack trace: 400 with {@code {"error": "..."}} for a bad request,
 * 404, 405 and 413 likewise, 500 for a fault of the server (also one line on stderr); the server goes on.
 */
public final class SimServer implements AutoCloseable {
    /** Requests served at once; more wait. Training is per session, so two learners train in parallel. */
    static final int THREADS = 4;

    private final HttpServer http;
    private final ExecutorService executor;
    private final SimApi api = new SimApi();

    private SimServer(HttpServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    /**
     * Serves on {@code address}:{@code port} (0: a free port) until {@link #close}d.
     *
     * @throws java.net.BindException when the port is in use or the address is not this machine's
     */
    public static SimServer start(InetAddress address, int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(address, port), 0);
        AtomicInteger count = new AtomicInteger();
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "chainrule-serve-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemons);
        SimServer server = new SimServer(http, executor);
        http.createContext("/", server::handle);
        http.setExecutor(executor);
        http.start();
        return server;
    }

    /** The server's root, http://host:port/. */
    public URI uri() {
        InetSocketAddress a = http.getAddress();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
        api.close();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Answer answer;
            try {
                answer = api.answer(exchange.getRequestMethod(), exchange.getRequestURI(), () -> body(exchange));
            } catch (HttpFailure f) {
                Answer error = Answer.error(f.status(), f.getMessage());
                answer = new Answer(error.status(), error.contentType(), error.body(), f.allow());
            } catch (RuntimeException e) {
                System.err.println("chainrule serve: " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath() + " failed: " + e);
                answer = Answer.error(500, "internal error: " + e);
            }
            send(exchange, answer);
        } catch (IOException e) {
            // the client went away; nothing to tell it
        }
    }

    /** The request's body as text, refused past {@value SimApi#MAX_BODY} bytes. */
    private static String body(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(SimApi.MAX_BODY + 1);
            if (bytes.length > SimApi.MAX_BODY) {
                throw new HttpFailure(413, "request body over " + SimApi.MAX_BODY + " bytes: a request holds a few "
                        + "fields");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw HttpFailure.badRequest("cannot read the request body: " + e.getMessage());
        }
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (answer.allow() != null) {
            exchange.getResponseHeaders().set("Allow", answer.allow());
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(answer.status(), head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
