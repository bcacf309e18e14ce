package io.chainrule.examples.sim;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.json.Json;

/** A client of the simulations' API over loopback, as a page is: JSON in, JSON out. */
final class ApiClient {
    private static final Json JSON = new Json();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI root;

    ApiClient(URI root) {
        this.root = root;
    }

    /** An answer: status, body and, when the body is JSON, its object. */
    record Reply(int status, String contentType, String body, String allow) {
        Map<String, Object> json() {
            return JSON.toType(body, Map.class);
        }

        String error() {
            return (String) json().get("error");
        }
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    Reply post(String path, String body) throws IOException, InterruptedException {
        return send("POST", path, body);
    }

    Reply send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(root.resolve(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                r.headers().firstValue("Allow").orElse(null));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    static double number(Object o) {
        return ((Number) o).doubleValue();
    }

    /** A JSON array of numbers. */
    static double[] numbers(Object o) {
        return list(o).stream().mapToDouble(ApiClient::number).toArray();
    }
}
