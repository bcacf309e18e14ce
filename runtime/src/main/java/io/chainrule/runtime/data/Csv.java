package io.chainrule.runtime.data;

import io.chainrule.runtime.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads a CSV file of numbers into a {@link Dataset}: one example per line, every column a feature but the target.
 *
 * <pre>{@code
 * Dataset iris = Csv.read(Path.of("iris.csv"), Csv.options());                       // label: the last column
 * Dataset houses = Csv.read(Path.of("houses.csv.gz"), Csv.options().target("price")); // regression, inferred
 * }</pre>
 *
 * <p>The first line is a header when {@link Options#header(boolean)} says so or, by default, when any of its fields is
 * text rather than a number. scikit-learn's metadata line ({@code 150,4,setosa,versicolor,virginica}: the number of
 * rows, of features, then the class names) is recognized in its place: the rows and fields it declares are checked and
 * its class names kept. Numbers are read as pandas reads them, then rounded to f32. Missing values (an empty field or
 * one of pandas' NA strings such as {@code NA} or {@code nan}) and infinities are refused, naming where they are:
 * training on them would only spread NaN; fill them in or drop their rows first. Lines end with LF, CRLF or CR;
 * blank lines may end the file, but not come between rows. A gzip file is recognized by its magic, whatever its name.
 *
 * <p>Whatever is wrong is a {@link CsvFormatException} naming the file, line and column, and no dataset.
 */
public final class Csv {
    /** The directory under a data root holding small CSV datasets (iris, wine, breast cancer, digits). */
    public static final String TABULAR_DIRECTORY = "tabular";

    // Inferred classification: every target an integer from 0 to this bound less one.
    private static final int MAX_INFERRED_CLASSES = 100;

    private Csv() {
    }

    /**
     * How to read a file; immutable, each method returning changed options.
     *
     * @param header      true, false, or null to detect it
     * @param delimiter   the character between fields (not a quote or a line break)
     * @param targetName  the target column's header name, or null to take it by {@code targetIndex}
     * @param targetIndex the target column, from 0; negative counts from the end, -1 being the last column
     * @param task        the kind of targets, or null to infer it: classification ({@link TargetKind#LABELS}) when
     *                    every target is an integer from 0 to 99 or the metadata line names the classes, else
     *                    regression
     * @param classes     the class labels a trained model knows, 0 to {@code classes - 1}, or 0 for any
     */
    public record Options(Boolean header, char delimiter, String targetName, int targetIndex, TargetKind task,
                          int classes) {
        public Options {
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
                throw new IllegalArgumentException("the delimiter cannot be a quote or a line break, got '"
                        + delimiter + "'");
            }
            if (targetName != null && targetName.isEmpty()) {
                throw new IllegalArgumentException("the target column's name cannot be empty");
            }
            if (classes < 0) {
                throw new IllegalArgumentException("the number of classes cannot be negative, got " + classes);
            }
        }

        /** Whether the first line is a header (column names or scikit-learn's metadata line), rather than detected. */
        public Options header(boolean header) {
            return new Options(header, delimiter, targetName, targetIndex, task, classes);
        }

        /** The field delimiter, {@code ','} by default. */
        public Options delimiter(char delimiter) {
            return new Options(header, delimiter, targetName, targetIndex, task, classes);
        }

        /** The target column by its name in the header. */
        public Options target(String name) {
            return new Options(header, delimiter, Objects.requireNonNull(name, "name"), targetIndex, task,
                    classes);
        }

        /** The target column by index from 0, or from the end when negative: -1 (the default) is the last column. */
        public Options target(int index) {
            return new Options(header, delimiter, null, index, task, classes);
        }

        /**
         * Class labels from 0 to {@code count - 1} only, as a trained model knows them, for the data it evaluates or
         * predicts: a label outside is an error at its line and column, rather than a question about a class the
         * model has no output for. Implies classification.
         */
        public Options classes(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a classifier knows at least one class, got " + count);
            }
            return new Options(header, delimiter, targetName, targetIndex, TargetKind.LABELS, count);
        }

        /** Classification or regression, rather than inferred from the targets. */
        public Options task(TargetKind task) {
            return new Options(header, delimiter, targetName, targetIndex, Objects.requireNonNull(task, "task"),
                    task == TargetKind.LABELS ? classes : 0);
        }
    }

    /** The defaults: header detected, comma-separated, the last column the target, the task inferred. */
    public static Options options() {
        return new Options(null, ',', null, -1, null, 0);
    }

    /** The examples in {@code file}; a {@link CsvFormatException} at the first problem. */
    public static Dataset read(Path file, Options options) throws IOException {
        try (CsvRecords records = CsvRecords.open(file, options.delimiter())) {
            return new Reading(file, options, records, true).dataset();
        }
    }

    /**
     * Every column of {@code file} as a feature, f32 {@code [rows, columns]}: examples to predict from, which may have
     * no target column. The header and delimiter are read as {@link #read} reads them; the target and the task are
     * not used. A {@link CsvFormatException} at the first problem.
     */
    public static Tensor readFeatures(Path file, Options options) throws IOException {
        try (CsvRecords records = CsvRecords.open(file, options.delimiter())) {
            return new Reading(file, options, records, false).featureTensor();
        }
    }

    /** One file being read: what its first line said, and the columns and rows so far. */
    private static final class Reading {
        private final Path file;
        private final Options options;
        private final CsvRecords records;
        private final boolean withTarget;
        private String[] names;
        private List<String> classNames = List.of();
        private int declaredRows = -1;
        private int headerLine;
        private int columns;
        private String columnsSource;
        private int target;
        private TargetKind task;
        private float[] features = new float[1024];
        private double[] targets = new double[64];
        private int rows;
        private int blankLine;

        Reading(Path file, Options options, CsvRecords records, boolean withTarget) {
            this.file = file;
            this.options = options;
            this.records = records;
            this.withTarget = withTarget;
            this.task = options.task();
        }

        Dataset dataset() throws IOException {
            readRows();
            return build();
        }

        Tensor featureTensor() throws IOException {
            readRows();
            return Tensor.of(Arrays.copyOf(features, rows * columns), rows, columns);
        }

        private void readRows() throws IOException {
            String[] first = nextRow();
            if (first == null) {
                throw new CsvFormatException(file, 0, 0, (records.line() == 0 ? "the file is empty"
                        : "the file has only blank lines") + ": expected rows of numbers separated by '"
                        + options.delimiter() + "'");
            }
            String[] row = readHeader(first);
            if (row == null) {
                throw new CsvFormatException(file, headerLine + 1, 0, "no rows after the " + (declaredRows >= 0
                        ? "metadata line" : "header") + " on line " + headerLine + ": expected rows of numbers");
            }
            columns = names != null ? names.length : declaredRows >= 0 ? columns : row.length;
            if (columnsSource == null) {
                columnsSource = "the first row has";
            }
            target = withTarget ? targetColumn(row) : -1;
            for (; row != null; row = nextRow()) {
                add(row);
            }
            if (declaredRows >= 0 && rows != declaredRows) {
                throw new CsvFormatException(file, headerLine, 1, "the metadata line declares " + declaredRows
                        + " rows, the file has " + rows);
            }
        }

        /** Reads the header if there is one; returns the first data row, or null if there is none. */
        private String[] readHeader(String[] first) throws IOException {
            boolean metadata = !Boolean.FALSE.equals(options.header()) && isMetadata(first);
            boolean header = metadata || (options.header() != null ? options.header() : hasText(first));
            if (!header) {
                return first;
            }
            headerLine = records.line();
            if (metadata) {
                declaredRows = Integer.parseInt(first[0].strip());
                columns = Integer.parseInt(first[1].strip()) + 1;
                columnsSource = "the metadata line declares " + (columns - 1) + " features and the target";
                List<String> labels = new ArrayList<>();
                for (int i = 2; i < first.length; i++) {
                    labels.add(first[i].strip());
                }
                classNames = List.copyOf(labels);
            } else {
                names = first;
                columnsSource = "the header has";
            }
            return nextRow();
        }

        /** scikit-learn's {@code n_samples,n_features,class names...}: two counts, then names that are not numbers. */
        private static boolean isMetadata(String[] fields) {
            if (fields.length < 3 || !isCount(fields[0]) || !isCount(fields[1])) {
                return false;
            }
            for (int i = 2; i < fields.length; i++) {
                if (CsvNumber.of(fields[i]) != CsvNumber.TEXT) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isCount(String field) {
            String s = field.strip();
            return !s.isEmpty() && s.length() <= 9 && s.chars().allMatch(c -> c >= '0' && c <= '9');
        }

        private static boolean hasText(String[] fields) {
            return Arrays.stream(fields).anyMatch(f -> CsvNumber.of(f) == CsvNumber.TEXT);
        }

        /** The target's column index, from the options, checked against the columns there are. */
        private int targetColumn(String[] firstRow) throws CsvFormatException {
            if (options.targetName() != null) {
                if (names == null) {
                    String why = declaredRows >= 0 ? "its first line is scikit-learn's metadata line, not column "
                            + "names" : "it has no header";
                    throw new CsvFormatException(file, Math.max(headerLine, 1), 0, "no column named '"
                            + options.targetName() + "': " + why + "; give the target column by index");
                }
                int found = -1;
                for (int i = 0; i < names.length; i++) {
                    if (names[i].strip().equals(options.targetName())) {
                        if (found >= 0) {
                            throw new CsvFormatException(file, headerLine, i + 1, "the target column '"
                                    + options.targetName() + "' is named twice, columns " + (found + 1) + " and "
                                    + (i + 1) + "; give it by index");
                        }
                        found = i;
                    }
                }
                if (found < 0) {
                    throw new CsvFormatException(file, headerLine, 0, "no column named '" + options.targetName()
                            + "': the columns are " + String.join(", ", Arrays.stream(names).map(String::strip)
                            .toList()));
                }
                return requireFeatures(found);
            }
            int index = options.targetIndex();
            if (index < -columns || index >= columns) {
                throw new CsvFormatException(file, names != null ? headerLine : records.line(), 0, "no column "
                        + index + ": the rows have " + columns + " columns (0 to " + (columns - 1) + ", or -"
                        + columns + " to -1 from the end)");
            }
            return requireFeatures(index < 0 ? columns + index : index);
        }

        private int requireFeatures(int targetColumn) throws CsvFormatException {
            if (columns < 2) {
                throw new CsvFormatException(file, records.line(), 0, "only one column: expected features besides "
                        + "the target");
            }
            return targetColumn;
        }

        /** The next row that is not blank, or null at the end; a blank line with rows after it is an error. */
        private String[] nextRow() throws IOException {
            for (String[] fields = records.next(); fields != null; fields = records.next()) {
                if (fields.length == 0) {
                    blankLine = blankLine == 0 ? records.line() : blankLine;
                    continue;
                }
                if (blankLine > 0) {
                    throw new CsvFormatException(file, blankLine, 0, "a blank line " + (rows > 0 || headerLine > 0
                            ? "between rows" : "before the first row") + ": blank lines may only end the file");
                }
                return fields;
            }
            return null;
        }

        private void add(String[] row) throws CsvFormatException {
            int line = records.line();
            if (row.length != columns) {
                throw new CsvFormatException(file, line, Math.min(row.length, columns) + 1, row.length + " fields, "
                        + "expected " + columns + " (as " + columnsSource + ")");
            }
            int width = withTarget ? columns - 1 : columns;
            if ((rows + 1) * (long) width > features.length) {
                features = Arrays.copyOf(features, (int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max(2L * features.length, (rows + 1) * (long) width)));
                if ((rows + 1) * (long) width > features.length) {
                    throw new CsvFormatException(file, line, 0, "more values than one array can hold");
                }
            }
            if (rows == targets.length) {
                targets = Arrays.copyOf(targets, 2 * targets.length);
            }
            int at = rows * width;
            for (int c = 0; c < columns; c++) {
                double value = number(row[c], line, c + 1);
                if (c == target) {
                    targets[rows] = value;
                    if (isClassification()) {
                        checkLabel(value, line, c + 1);
                    }
                } else {
                    features[at++] = (float) value;
                }
            }
            rows++;
        }

        /** The field as pandas reads it (a double), then refused unless finite in f32. */
        private double number(String field, int line, int column) throws CsvFormatException {
            String shown = field.strip();
            switch (CsvNumber.of(field)) {
                case MISSING -> throw new CsvFormatException(file, line, column, "missing value" + (shown.isEmpty()
                        ? " (an empty field)" : " '" + shown + "'") + ": fill in or drop the rows with missing "
                        + "values (pandas reads them as NaN)");
                case INFINITE -> throw new CsvFormatException(file, line, column, "'" + shown + "' is infinite: "
                        + "expected a finite number");
                case TEXT -> throw new CsvFormatException(file, line, column, "'" + shown + "' is not a number"
                        + (names != null ? " (column '" + names[column - 1].strip() + "')" : ""));
                default -> {
                }
            }
            double value = Double.parseDouble(shown);
            if (Float.isInfinite((float) value)) {
                throw new CsvFormatException(file, line, column, "'" + shown + "' is beyond f32's range (about "
                        + "3.4e38)");
            }
            return value;
        }

        /** Classification either given or implied by the metadata line's class names. */
        private boolean isClassification() {
            return task == TargetKind.LABELS || task == null && !classNames.isEmpty() && target == columns - 1;
        }

        private void checkLabel(double value, int line, int column) throws CsvFormatException {
            String problem = value < 0 ? "is negative" : value != Math.rint(value) ? "is not an integer"
                    : value >= Integer.MAX_VALUE ? "is too large" : null;
            String why = options.task() == null ? "the metadata line names classes" : "the task is classification";
            if (problem != null) {
                throw new CsvFormatException(file, line, column, "label " + format(value) + " " + problem
                        + ": expected a class label, an integer 0, 1, 2, ... (" + why + ")");
            }
            if (options.classes() > 0 && value >= options.classes()) {
                throw new CsvFormatException(file, line, column, "label " + format(value) + " is not a class the "
                        + "model knows: it was trained on labels 0 to " + (options.classes() - 1));
            }
            if (!classNames.isEmpty() && target == columns - 1 && value >= classNames.size()) {
                throw new CsvFormatException(file, line, column, "label " + format(value) + " has no class name: "
                        + "the metadata line names " + classNames.size() + " classes (" + String.join(", ",
                        classNames) + "), labels 0 to " + (classNames.size() - 1));
            }
        }

        private static String format(double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                    : String.valueOf(value);
        }

        private Dataset build() {
            int width = columns - 1;
            boolean classification = isClassification() || task == null && inferredLabels();
            Tensor x = Tensor.of(Arrays.copyOf(features, rows * width), rows, width);
            Dataset data;
            if (classification) {
                int[] labels = new int[rows];
                for (int i = 0; i < rows; i++) {
                    labels[i] = (int) targets[i];
                }
                data = Dataset.classification(x, Tensor.of(labels, rows));
                if (!classNames.isEmpty() && target == columns - 1) {
                    data = data.withClassNames(classNames);
                }
            } else {
                float[] values = new float[rows];
                for (int i = 0; i < rows; i++) {
                    values[i] = (float) targets[i];
                }
                data = Dataset.regression(x, Tensor.of(values, rows));
            }
            return data.describedAs(file.getFileName() + " (" + rows + " rows)");
        }

        private boolean inferredLabels() {
            for (int i = 0; i < rows; i++) {
                double t = targets[i];
                if (!(t >= 0 && t < MAX_INFERRED_CLASSES && t == Math.rint(t))) {
                    return false;
                }
            }
            return true;
        }
    }
}
