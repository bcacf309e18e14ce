package io.chainrule.examples.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The simulations' pages as single HTML documents: each page's template with the shared style sheet, the shared
 * script and its own script inlined, so the same text is what the server sends and what the export writes to disk
 * (no second file to fetch, no CDN). The export also inlines the numbers, as {@code window.CHAINRULE_DATA}; served,
 * the page asks the API instead.
 */
final class Pages {
    static final String INDEX = "index";
    static final String ACTIVATIONS = "activations";
    static final String BACKPROP = "backprop";

    private Pages() {
    }

    /** Page {@code name} with {@code dataJson} (null when served) inlined. */
    static String html(String name, String dataJson) {
        String template = resource(name + ".html");
        String style = "<style>\n" + resource("sim.css") + "</style>";
        String script = "<script>\nwindow.CHAINRULE_DATA = " + (dataJson == null ? "null" : dataJson) + ";\n"
                + resource("common.js") + (name.equals(INDEX) ? "" : resource(name + ".js")) + "</script>";
        return template.replace("<!--STYLE-->", style).replace("<!--SCRIPT-->", script);
    }

    private static String resource(String file) {
        try (InputStream in = Pages.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + file + " beside " + Pages.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " from the jar", e);
        }
    }
}
