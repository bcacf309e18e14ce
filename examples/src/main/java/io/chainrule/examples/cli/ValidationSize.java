package io.chainrule.examples.cli;

/**
 * How many examples {@code --validation} holds out: a count ({@code 5000}) or a fraction of the examples
 * ({@code 0.2}, rounded up as scikit-learn's train_test_split and {@code Dataset.split} round it); 0 holds out none.
 *
 * @param fraction the fraction, or -1 when a count is given
 * @param text     as given on the command line
 */
record ValidationSize(int count, double fraction, String text) {

    /** {@code 5000} or {@code 0.2}; an IllegalArgumentException saying what is expected otherwise. */
    static ValidationSize parse(String text) {
        String t = text.strip();
        if (t.matches("\\d{1,9}")) {
            return new ValidationSize(Integer.parseInt(t), -1, text);
        }
        double f;
        try {
            f = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            f = Double.NaN;
        }
        if (!(f >= 0 && f < 1)) {
            throw new IllegalArgumentException("--validation must be a count of examples (0: none) or a fraction of "
                    + "them from 0 to 1 (1 excluded), got " + text);
        }
        return new ValidationSize(0, f, text);
    }

    /** The examples held out of {@code n}. */
    int of(int n) {
        // less than the fraction's binary rounding is no reason for one more example (0.7 * 10 is not above 7)
        return fraction < 0 ? count : (int) Math.ceil(fraction * n - 1e-12 * n);
    }
}
