package io.chainrule.examples.sim;

/**
 * A request the server refuses, with the HTTP status and the one-line message the client gets as
 * {@code {"error": message}}: 400 for a bad request, 404 for an unknown page or session, 405 for a wrong
 * method, 413 for a body too large.
 */
final class HttpFailure extends RuntimeException {
    private final int status;
    private final String allow;

    HttpFailure(int status, String message) {
        this(status, message, null);
    }

    private HttpFailure(int status, String message, String allow) {
        super(message, null, false, false);
        this.status = status;
        this.allow = allow;
    }

    static HttpFailure badRequest(String message) {
        return new HttpFailure(400, message);
    }

    static HttpFailure notFound(String message) {
        return new HttpFailure(404, message);
    }

    static HttpFailure methodNotAllowed(String method, String allowed) {
        return new HttpFailure(405, "method " + method + " is not allowed here: use " + allowed, allowed);
    }

    /** For 405, the methods the path takes; else null. */
    String allow() {
        return allow;
    }

    int status() {
        return status;
    }
}
