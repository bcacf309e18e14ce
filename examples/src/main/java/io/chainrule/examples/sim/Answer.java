package io.chainrule.examples.sim;

/**
 * What the server sends back for one request.
 *
 * @param status      the HTTP status
 * @param contentType the body's media type
 * @param body        the body
 * @param allow       for 405, the methods the path takes; else null
 */
record Answer(int status, String contentType, String body, String allow) {
    static final String JSON = "application/json; charset=utf-8";

    static Answer json(int status, String body) {
        return new Answer(status, JSON, body, null);
    }

    static Answer html(String body) {
        return new Answer(200, "text/html; charset=utf-8", body, null);
    }

    static Answer text(String body) {
        return new Answer(200, "text/plain; charset=utf-8", body, null);
    }

    static Answer error(int status, String message) {
        return json(status, new JsonWriter().beginObject().name("error").value(message).endObject().toString());
    }
}
