package io.chainrule.runtime.data;

import java.util.Locale;
import java.util.Set;

/**
 * What a CSV field holds, read as pandas' {@code read_csv} reads numbers: a decimal number ({@code 17.99},
 * {@code -1e-3}, {@code .5}, {@code 5.}, spaces around it allowed), a missing value (pandas' default NA strings, the
 * empty field among them), an infinity ({@code inf} or {@code infinity}, signed or not, in any case), or text.
 */
enum CsvNumber {
    NUMBER, MISSING, INFINITE, TEXT;

    /** pandas' default {@code na_values}: the strings it reads as NaN, case-sensitive as pandas is. */
    private static final Set<String> MISSING_VALUES = Set.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN",
            "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null");
    private static final Set<String> INFINITIES = Set.of("inf", "+inf", "-inf", "infinity", "+infinity",
            "-infinity");

    /** What {@code field} holds. */
    static CsvNumber of(String field) {
        String s = field.strip();
        if (MISSING_VALUES.contains(s)) {
            return MISSING;
        }
        if (INFINITIES.contains(s.toLowerCase(Locale.ROOT))) {
            return INFINITE;
        }
        return isDecimal(s) ? NUMBER : TEXT;
    }

    /** {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}: no hex, no suffix such as Java's 1f. */
    private static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int integerDigits = digits(s, i);
        i += integerDigits;
        int fractionDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            fractionDigits = digits(s, i);
            i += fractionDigits;
        }
        if (integerDigits + fractionDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = digits(s, i);
            if (exponentDigits == 0) {
                return false;
            }
            i += exponentDigits;
        }
        return i == n;
    }

    private static int digits(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }
}
