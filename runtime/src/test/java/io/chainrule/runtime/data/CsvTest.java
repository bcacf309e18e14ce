package io.chainrule.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.ir.Shape;
import io.chainrule.runtime.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV files written here for each case; the real tabular datasets are {@link TabularDataTest}'s. */
class CsvTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private Dataset read(String content) throws IOException {
        return Csv.read(write("data.csv", content), Csv.options());
    }

    private Dataset read(String content, Csv.Options options) throws IOException {
        return Csv.read(write("data.csv", content), options);
    }

    /** The message of reading {@code content} as data.csv, with the file's path shortened to its name. */
    private String failure(String content, Csv.Options options) throws IOException {
        Path file = write("data.csv", content);
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> Csv.read(file, options));
        assertEquals(file, e.file());
        assertEquals(e.getMessage().lines().count(), 1, "one line");
        return e.getMessage().replace(file.toString(), "data.csv");
    }

    private String failure(String content) throws IOException {
        return failure(content, Csv.options());
    }

    private static int[] labels(Dataset d) {
        return d.targetTensor().ints();
    }

    @Test
    void aHeaderIsDetectedAndTheLastColumnIsTheTarget() throws IOException {
        Dataset d = read("a,b,label\n1.5,2,0\n3,4,2\n");
        assertEquals(2, d.size());
        assertEquals(Shape.of(2), d.exampleShape());
        assertEquals(TargetKind.LABELS, d.targetKind());
        assertArrayEquals(new int[] {0, 2}, labels(d));
        assertEquals(3, d.classes());
        assertArrayEquals(new float[] {1.5f, 2, 3, 4}, d.featureTensor().floats());
        assertEquals("data.csv (2 rows)", d.description());
        assertEquals(List.of(), d.classNames());
    }

    @Test
    void withoutAHeaderEveryLineIsARow() throws IOException {
        Dataset d = read("1,2,0\n3,4,1\n");
        assertEquals(2, d.size());
        assertArrayEquals(new int[] {0, 1}, labels(d));
        assertEquals(3, read("1,2,3\n4,5,6\n7,8,9\n", Csv.options().header(true)).size() + 1,
                "numbers taken as column names when told");
        assertEquals("data.csv:1:1: 'x' is not a number", failure("x,1\n2,3\n", Csv.options().header(false)));
    }

    @Test
    void theTargetByNameOrIndex() throws IOException {
        String csv = "a,b,c\n1,2.5,0\n3,-1,1\n";
        Dataset byName = read(csv, Csv.options().target("b"));
        assertEquals(TargetKind.VALUES, byName.targetKind(), "2.5 and -1 are not class labels");
        assertArrayEquals(new float[] {2.5f, -1}, byName.targetTensor().floats());
        assertArrayEquals(new float[] {1, 0, 3, 1}, byName.featureTensor().floats());
        assertArrayEquals(new float[] {2.5f, -1}, read(csv, Csv.options().target(1)).targetTensor().floats());
        assertArrayEquals(new float[] {2.5f, -1}, read(csv, Csv.options().target(-2)).targetTensor().floats());
        Dataset first = read(csv, Csv.options().target(0));
        assertArrayEquals(new int[] {1, 3}, labels(first));
        assertArrayEquals(new float[] {2.5f, 0, -1, 1}, first.featureTensor().floats());
    }

    @Test
    void theTaskIsInferredOrGiven() throws IOException {
        assertEquals(TargetKind.LABELS, read("1,0\n2,99\n").targetKind());
        assertEquals(TargetKind.VALUES, read("1,0\n2,100\n").targetKind(), "100 classes at most");
        assertEquals(TargetKind.VALUES, read("1,0\n2,0.5\n").targetKind());
        assertEquals(TargetKind.VALUES, read("1,0\n2,-1\n").targetKind());
        assertEquals(TargetKind.LABELS, read("1,0.0\n2,1e0\n").targetKind(), "integers however written");
        Dataset values = read("1,0\n2,1\n", Csv.options().task(TargetKind.VALUES));
        assertEquals(TargetKind.VALUES, values.targetKind());
        assertArrayEquals(new float[] {0, 1}, values.targetTensor().floats());
        assertArrayEquals(new int[] {0, 150}, labels(read("1,0\n2,150\n", Csv.options().task(TargetKind.LABELS))));
    }

    @Test
    void scikitLearnsMetadataLineIsCheckedAndItsClassNamesKept() throws IOException {
        Dataset d = read("3,2,cat,dog\n1,2,0\n3,4,1\n5,6,1\n");
        assertEquals(3, d.size());
        assertEquals(List.of("cat", "dog"), d.classNames());
        assertEquals(2, d.classes());
        assertArrayEquals(new int[] {0, 1, 1}, labels(d));
        assertEquals(List.of("cat", "dog", "bird"), read("1,2,cat,dog,bird\n1,2,0\n").classNames(),
                "as many names as fields, or more");
        assertEquals(TargetKind.LABELS, read("1,1,small,large\n5,1\n").targetKind(), "classes named");
        assertEquals(TargetKind.VALUES, read("1,1,a,b\n5,1\n", Csv.options().task(TargetKind.VALUES)).targetKind());
    }

    @Test
    void aMetadataLineDeclaringOtherRowCounts() throws IOException {
        assertEquals("data.csv:1:1: the metadata line declares 4 rows, the file has 3",
                failure("4,2,cat,dog\n1,2,0\n3,4,1\n5,6,1\n"));
        assertEquals("data.csv:1:1: the metadata line declares 2 rows, the file has 3",
                failure("2,2,cat,dog\n1,2,0\n3,4,1\n5,6,1\n"));
    }

    @Test
    void aMetadataLineDeclaringOtherFieldCounts() throws IOException {
        assertEquals("data.csv:2:4: 3 fields, expected 4 (as the metadata line declares 3 features and the target)",
                failure("2,3,cat,dog\n1,2,0\n3,4,1\n"));
    }

    @Test
    void aLabelTheMetadataLineDoesNotName() throws IOException {
        assertEquals("data.csv:3:3: label 2 has no class name: the metadata line names 2 classes (cat, dog), labels 0 "
                + "to 1", failure("2,2,cat,dog\n1,2,0\n3,4,2\n"));
    }

    @Test
    void aDelimiterOtherThanAComma() throws IOException {
        assertArrayEquals(new float[] {1.5f, 2, 3, 4}, read("a;b;y\n1.5;2;0\n3;4;1\n", Csv.options().delimiter(';'))
                .featureTensor().floats());
        assertArrayEquals(new int[] {0, 1}, labels(read("1\t2\t0\n3\t4\t1\n", Csv.options().delimiter('\t'))));
        assertEquals("the delimiter cannot be a quote or a line break, got '\"'", assertThrows(
                IllegalArgumentException.class, () -> Csv.options().delimiter('"')).getMessage());
    }

    @Test
    void gzipIsRecognizedByItsMagicNotItsName() throws IOException {
        byte[] gz = IdxBytes.gzip("a,y\n1,0\n2,1\n".getBytes(StandardCharsets.US_ASCII));
        Path misnamed = Files.write(dir.resolve("data.csv"), gz);
        assertArrayEquals(new int[] {0, 1}, labels(Csv.read(misnamed, Csv.options())));
        Path plain = write("plain.csv.gz", "a,y\n1,0\n2,1\n");
        assertArrayEquals(new int[] {0, 1}, labels(Csv.read(plain, Csv.options())));
    }

    @Test
    void lineEndingsTrailingBlankLinesAndAByteOrderMark() throws IOException {
        for (String csv : List.of("a,y\r\n1,0\r\n2,1\r\n", "a,y\r1,0\r2,1", "a,y\n1,0\n2,1", "a,y\n1,0\n2,1\n\n\n",
                "a,y\n1,0\n2,1\n  \n", "\uFEFFa,y\n1,0\n2,1\n")) {
            Dataset d = read(csv);
            assertArrayEquals(new float[] {1, 2}, d.featureTensor().floats(), csv);
            assertArrayEquals(new int[] {0, 1}, labels(d), csv);
        }
    }

    @Test
    void numbersAsPandasReadsThem() throws IOException {
        Dataset d = read("+1,.5,5.,1e3,-2.5E-1, 7 ,\"8\",0\n");
        assertArrayEquals(new float[] {1, 0.5f, 5, 1000, -0.25f, 7, 8}, d.features(0));
        // Just above the midpoint of 1 and the next float: pandas reads the double 1 + 2^-24, which numpy rounds to
        // the even float 1, where rounding the decimal straight to f32 would give 1 + 2^-23.
        assertEquals(1f, read("1.00000005960464477539062500001,0\n").features(0)[0], 0f);
    }

    @Test
    void quotedNamesAndFields() throws IOException {
        Dataset d = read("\"sepal length\",\"width, in cm\",\"the \"\"class\"\"\"\n1,2,0\n3,4,1\n",
                Csv.options().target("the \"class\""));
        assertArrayEquals(new int[] {0, 1}, labels(d));
        assertArrayEquals(new float[] {1, 3}, read("\"a b\",y\n\"1\",0\n3,\"1\"\n").featureTensor().floats());
        assertArrayEquals(new float[] {0, 1}, read("a,\"b c\"\n1,0\n2,1\n", Csv.options().target("b c")
                .task(TargetKind.VALUES)).targetTensor().floats());
    }

    // One test per kind of bad input, each checking its message.

    @Test
    void aRowWithTooFewFields() throws IOException {
        assertEquals("data.csv:3:3: 2 fields, expected 3 (as the header has)", failure("a,b,y\n1,2,0\n1,2\n"));
        assertEquals("data.csv:2:2: 1 fields, expected 2 (as the first row has)", failure("1,0\n2\n"));
    }

    @Test
    void aRowWithTooManyFields() throws IOException {
        assertEquals("data.csv:3:4: 4 fields, expected 3 (as the header has)", failure("a,b,y\n1,2,0\n1,2,0,\n"));
    }

    @Test
    void aValueThatIsNotANumber() throws IOException {
        assertEquals("data.csv:3:2: 'abc' is not a number (column 'b')", failure("a,b,y\n1,2,0\n1,abc,0\n"));
        assertEquals("data.csv:2:1: '0x10' is not a number", failure("1,0\n0x10,1\n"));
        assertEquals("data.csv:2:1: '1f' is not a number", failure("1,0\n1f,1\n"));
        assertEquals("data.csv:1:2: 'setosa' is not a number", failure("5.1,setosa\n4.9,setosa\n",
                Csv.options().header(false)));
    }

    @Test
    void anEmptyFile() throws IOException {
        assertEquals("data.csv: the file is empty: expected rows of numbers separated by ','", failure(""));
        assertEquals("data.csv: the file has only blank lines: expected rows of numbers separated by ';'",
                failure("\n\n", Csv.options().delimiter(';')));
    }

    @Test
    void aHeaderWithoutRows() throws IOException {
        assertEquals("data.csv:2: no rows after the header on line 1: expected rows of numbers", failure("a,b,y\n"));
        assertEquals("data.csv:2: no rows after the metadata line on line 1: expected rows of numbers",
                failure("150,4,setosa,versicolor,virginica\n\n"));
    }

    @Test
    void aTargetColumnThatDoesNotExist() throws IOException {
        assertEquals("data.csv:1: no column named 'species': the columns are sepal, petal, label",
                failure("sepal,petal,label\n1,2,0\n", Csv.options().target("species")));
        assertEquals("data.csv:1: no column 3: the rows have 3 columns (0 to 2, or -3 to -1 from the end)",
                failure("sepal,petal,label\n1,2,0\n", Csv.options().target(3)));
        assertEquals("data.csv:1: no column -4: the rows have 3 columns (0 to 2, or -3 to -1 from the end)",
                failure("1,2,0\n", Csv.options().target(-4)));
        assertEquals("data.csv:1: no column named 'label': it has no header; give the target column by index",
                failure("1,2,0\n", Csv.options().target("label")));
        assertEquals("data.csv:1: no column named 'label': its first line is scikit-learn's metadata line, not column "
                + "names; give the target column by index", failure("1,2,a,b\n1,2,0\n", Csv.options().target("label")));
        assertEquals("data.csv:1:3: the target column 'y' is named twice, columns 2 and 3; give it by index",
                failure("x,y,y\n1,2,0\n", Csv.options().target("y")));
    }

    @Test
    void aSingleColumnHasNoFeatures() throws IOException {
        assertEquals("data.csv:2: only one column: expected features besides the target", failure("y\n1\n2\n"));
    }

    @Test
    void aNegativeLabel() throws IOException {
        assertEquals("data.csv:3:2: label -1 is negative: expected a class label, an integer 0, 1, 2, ... (the task "
                + "is classification)", failure("a,y\n1,0\n2,-1\n", Csv.options().task(TargetKind.LABELS)));
    }

    @Test
    void aLabelThatIsNotAnInteger() throws IOException {
        assertEquals("data.csv:3:2: label 1.5 is not an integer: expected a class label, an integer 0, 1, 2, ... (the "
                + "task is classification)", failure("a,y\n1,0\n2,1.5\n", Csv.options().task(TargetKind.LABELS)));
        assertEquals("data.csv:2:2: label 0.5 is not an integer: expected a class label, an integer 0, 1, 2, ... (the "
                + "metadata line names classes)", failure("1,1,no,yes\n1,0.5\n"));
    }

    @Test
    void aLabelTheModelDoesNotKnow() throws IOException {
        assertEquals("data.csv:4:3: label 3 is not a class the model knows: it was trained on labels 0 to 2",
                failure("a,b,y\n1,2,0\n1,2,2\n5,6,3\n", Csv.options().classes(3)));
        assertEquals(TargetKind.LABELS, Csv.options().classes(3).task());
        assertEquals(0, Csv.options().classes(3).task(TargetKind.VALUES).classes(), "regression knows no classes");
        assertArrayEquals(new int[] {0, 2}, labels(read("a,y\n1,0\n2,2\n", Csv.options().classes(3))));
    }

    @Test
    void everyColumnAsAFeatureForPredictions() throws IOException {
        Path file = write("data.csv", "a,b,y\n1.5,2,0\n3,4,2\n");
        Tensor x = Csv.readFeatures(file, Csv.options().target("no such column"));
        assertEquals(Shape.of(2, 3), x.shape());
        assertArrayEquals(new float[] {1.5f, 2, 0, 3, 4, 2}, x.floats());
        assertEquals(Shape.of(1, 2), Csv.readFeatures(write("one.csv", "7;8\n"), Csv.options().delimiter(';'))
                .shape());
        assertEquals("data.csv:3:2: 'x' is not a number (column 'b')",
                assertThrows(CsvFormatException.class, () -> Csv.readFeatures(write("data.csv", "a,b\n1,2\n3,x\n"),
                        Csv.options())).getMessage().replace(dir.resolve("data.csv").toString(), "data.csv"));
    }

    @Test
    void aBlankLineBetweenRows() throws IOException {
        assertEquals("data.csv:3: a blank line between rows: blank lines may only end the file",
                failure("a,y\n1,0\n\n2,1\n"));
        assertEquals("data.csv:1: a blank line before the first row: blank lines may only end the file",
                failure("\na,y\n1,0\n"));
    }

    @Test
    void aMissingValue() throws IOException {
        assertEquals("data.csv:2:2: missing value (an empty field): fill in or drop the rows with missing values "
                + "(pandas reads them as NaN)", failure("1,2,0\n1,,0\n"));
        for (String missing : List.of("NA", "nan", "NaN", "N/A", "NULL", "null", "None", "#N/A", "<NA>")) {
            assertEquals("data.csv:2:1: missing value '" + missing + "': fill in or drop the rows with missing values "
                    + "(pandas reads them as NaN)", failure("1,2,0\n" + missing + ",2,0\n"));
        }
    }

    @Test
    void anInfiniteValue() throws IOException {
        for (String infinite : List.of("inf", "-inf", "+Inf", "Infinity", "-INFINITY")) {
            assertEquals("data.csv:1:2: '" + infinite + "' is infinite: expected a finite number",
                    failure("1," + infinite + ",0\n"));
        }
        assertEquals("data.csv:1:1: '-1e39' is beyond f32's range (about 3.4e38)", failure("-1e39,1,0\n"));
    }

    @Test
    void aQuoteNotClosedOnItsLine() throws IOException {
        assertEquals("data.csv:2:2: a quoted field is not closed on its line: expected a closing '\"' (quoted line "
                + "breaks are not supported)", failure("a,b,y\n1,\"2\n3\",0\n"));
        assertEquals("data.csv:1:2: 'x' after a closing quote: expected ',' or the end of the line",
                failure("a,\"b\"x,y\n"));
    }

    @Test
    void bytesThatAreNotText() throws IOException {
        Path file = Files.write(dir.resolve("data.csv"), new byte[] {'1', ',', '0', '\n', '2', ',', (byte) 0xFF, '\n'});
        assertEquals(file + ":2:2: not UTF-8 text: bytes that are not UTF-8 (is this a CSV file?)",
                assertThrows(CsvFormatException.class, () -> Csv.read(file, Csv.options())).getMessage());
    }

    @Test
    void aTruncatedGzipFile() throws IOException {
        byte[] gz = IdxBytes.gzip("1,0\n2,1\n".repeat(5000).getBytes(StandardCharsets.US_ASCII));
        Path file = Files.write(dir.resolve("data.csv.gz"), Arrays.copyOf(gz, gz.length / 2));
        assertEquals(file + ": truncated gzip stream: the file is cut short",
                assertThrows(CsvFormatException.class, () -> Csv.read(file, Csv.options())).getMessage());
    }
}
