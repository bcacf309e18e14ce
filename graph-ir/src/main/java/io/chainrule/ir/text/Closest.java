package io.chainrule.ir.text;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The known name nearest a misspelt one, for "did you mean" hints. */
public final class Closest {
    private Closest() {
    }

    /** " (did you mean 'relu'?)", or "" when nothing is near. */
    public static String hint(String word, Collection<String> candidates) {
        return nearest(word, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    /** The hint if a candidate is near, else " (expected a, b or c)". */
    static String hintOrList(String word, Collection<String> candidates) {
        String hint = hint(word, candidates);
        return hint.isEmpty() ? " (expected " + oneOf(candidates) + ")" : hint;
    }

    /** "a, b or c"; "none" when empty. */
    static String oneOf(Collection<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        List<String> list = List.copyOf(names);
        int last = list.size() - 1;
        return last == 0 ? list.get(0) : String.join(", ", list.subList(0, last)) + " or " + list.get(last);
    }

    /** The candidate within a quarter of the word's length in edits (at least one), if any. */
    private static Optional<String> nearest(String word, Collection<String> candidates) {
        int limit = Math.max(1, word.length() / 4);
        String best = null;
        int bestDistance = limit + 1;
        for (String c : candidates) {
            int d = distance(word, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
