package io.chainrule.examples.sim;

import java.net.URI;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The routes: the pages, and the JSON API (docs/SIMULATIONS.md). Paths and methods are checked here, bodies and
 * fields by {@link RequestBody} and {@link NetworkConfig}; whatever is wrong becomes an {@link HttpFailure}.
 */
final class SimApi implements AutoCloseable {
    static final int MAX_BODY = 65_536;
    private static final String SESSIONS = "/api/sessions";
    private static final String ACTIVATIONS = "/api/activations";

    private final Sessions sessions = new Sessions();

    Answer answer(String method, URI uri, Supplier<String> body) {
        String path = uri.getPath();
        switch (path) {
            case "/", "/index.html" -> {
                return page(method, Pages.INDEX);
            }
            case "/activations.html" -> {
                return page(method, Pages.ACTIVATIONS);
            }
            case "/backprop.html" -> {
                return page(method, Pages.BACKPROP);
            }
            case ACTIVATIONS -> {
                allow(method, "GET");
                return Answer.json(200, ActivationTable.all());
            }
            case SESSIONS -> {
                allow(method, "POST");
                NetworkConfig config = NetworkConfig.from(RequestBody.parse(body.get()), NetworkConfig.DEFAULT);
                return Answer.json(201, sessions.create(config).state(true));
            }
            default -> {
                if (path.startsWith(ACTIVATIONS + "/")) {
                    allow(method, "GET");
                    return Answer.json(200, activation(path.substring(ACTIVATIONS.length() + 1), uri.getRawQuery()));
                }
                if (path.startsWith(SESSIONS + "/")) {
                    return session(method, path.substring(SESSIONS.length() + 1), body);
                }
                throw HttpFailure.notFound("no page " + path + ": the simulations are /activations.html and "
                        + "/backprop.html, the API under /api/ (docs/SIMULATIONS.md)");
            }
        }
    }

    /** {@code /api/sessions/ID} and {@code /api/sessions/ID/(config|train|step|plan)}. */
    private Answer session(String method, String rest, Supplier<String> body) {
        String[] parts = rest.split("/", -1);
        if (parts.length > 2 || parts[0].isEmpty()) {
            throw HttpFailure.notFound("no API path " + SESSIONS + "/" + rest + ": expected " + SESSIONS
                    + "/ID, or ID/config, ID/train, ID/step or ID/plan");
        }
        String action = parts.length == 2 ? parts[1] : "";
        switch (action) {
            case "" -> {
                allow(method, "GET");
                return Answer.json(200, sessions.get(parts[0]).state(true));
            }
            case "config" -> {
                allow(method, "POST");
                TrainingSession s = sessions.get(parts[0]);
                RequestBody request = RequestBody.parse(body.get());
                s.configure(NetworkConfig.from(request, s.config()));
                return Answer.json(200, s.state(true));
            }
            case "train" -> {
                allow(method, "POST");
                TrainingSession s = sessions.get(parts[0]);
                RequestBody request = RequestBody.parse(body.get()).only(Set.of("epochs"));
                s.train(request.integer("epochs", 1, 1, TrainingSession.MAX_EPOCHS));
                return Answer.json(200, s.state(true));
            }
            case "step" -> {
                allow(method, "POST");
                TrainingSession s = sessions.get(parts[0]);
                RequestBody.parse(body.get()).only(Set.of());
                JsonWriter w = new JsonWriter().beginObject();
                s.slowStep().write(w);
                return Answer.json(200, w.name("state").raw(s.state(true)).endObject().toString());
            }
            case "plan" -> {
                allow(method, "GET");
                return Answer.text(sessions.get(parts[0]).plan());
            }
            default -> throw HttpFailure.notFound("no API path " + SESSIONS + "/" + rest + ": expected ID/config, "
                    + "ID/train, ID/step or ID/plan");
        }
    }

    private Answer page(String method, String name) {
        allow(method, "GET");
        return Answer.html(Pages.html(name, null));
    }

    /** {@code /api/activations/NAME?slope=S}: one activation, leaky ReLU at any slope from 0 to 1. */
    private static String activation(String name, String query) {
        ActivationChoice a = NetworkConfig.badRequest(() -> ActivationChoice.parse(name));
        double slope = ActivationChoice.DEFAULT_SLOPE;
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                if (!kv[0].equals("slope")) {
                    throw HttpFailure.badRequest("unknown query parameter '" + kv[0] + "': expected slope");
                }
                String text = kv.length == 2 ? kv[1] : "";
                try {
                    slope = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    slope = Double.NaN;
                }
                if (!(slope >= 0 && slope <= 1)) {
                    throw HttpFailure.badRequest("query parameter 'slope' is '" + text + "': expected a number from 0 "
                            + "to 1");
                }
            }
        }
        return ActivationTable.one(a, slope);
    }

    /** Refuses any method but {@code allowed}, and HEAD where GET is allowed (the server sends no body then). */
    private static void allow(String method, String allowed) {
        if (!method.equals(allowed) && !(method.equals("HEAD") && allowed.equals("GET"))) {
            throw HttpFailure.methodNotAllowed(method, allowed);
        }
    }

    @Override
    public void close() {
        sessions.close();
    }
}
