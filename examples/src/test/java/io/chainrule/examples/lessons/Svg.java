package io.chainrule.examples.lessons;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a lesson's SVG picture shows, read back for tests: its title, its axes and series (from the {@code <title>} and
 * {@code <desc>} the lessons write), and how many curves it draws (the distinct stroke colors of its data lines).
 */
record Svg(String title, String xAxis, String yAxis, List<String> series, int curves) {
    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>");
    private static final Pattern DESC = Pattern.compile("<desc>x axis: (.*?); y axis: (.*?); series: (.*?)</desc>");
    /** XChart draws data lines with translucent strokes; axes and grid lines are opaque. */
    private static final Pattern DATA_LINE = Pattern.compile("fill:none;stroke:(rgb\\([0-9,]+\\));stroke-opacity");

    static Svg read(Path file) throws IOException {
        String text = Files.readString(file);
        Matcher title = TITLE.matcher(text);
        Matcher desc = DESC.matcher(text);
        if (!title.find() || !desc.find()) {
            throw new AssertionError(file + " has no title and description");
        }
        long curves = DATA_LINE.matcher(text).results().map(m -> m.group(1)).distinct().count();
        return new Svg(unescape(title.group(1)), unescape(desc.group(1)), unescape(desc.group(2)),
                Arrays.asList(unescape(desc.group(3)).split(" \\| ")), (int) curves);
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
