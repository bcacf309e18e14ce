package io.chainrule.runtime.data;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where chainrule finds datasets: the one lookup every command, example and test uses. It looks in the first of
 * these that applies, and only there, so that a place named explicitly never silently falls back to another:
 * <ol>
 * <li>the value of the {@code --data DIR} flag, if one is given (a blank value is an error: it names no place);</li>
 * <li>else the {@code CHAINRULE_DATA} environment variable, if it is set and not blank;</li>
 * <li>else {@code ../shared/data} relative to the working directory (beside a checkout, run from its root), then
 * {@code ../../shared/data} (the same place from a module directory such as {@code runtime/}, where Maven's
 * surefire runs tests).</li>
 * </ol>
 * Relative paths resolve against the working directory. A place holds a dataset when {@code DIR/<dataset>/} (e.g.
 * {@code DIR/mnist/}) holds all of its files, each plain or gzip-compressed ({@code name} or {@code name.gz}), or
 * when {@code DIR} itself does, so {@code --data path/to/mnist} works too. A directory the user may not read is
 * reported as not readable, not as lacking the files.
 */
public final class DataLocation {
    /** The environment variable naming the data directory. */
    public static final String ENVIRONMENT_VARIABLE = "CHAINRULE_DATA";

    /** The datasets {@code chainrule download} fetches, by directory: the name that command takes. */
    private static final Map<String, String> DOWNLOADS = Map.of(Mnist.DIRECTORY, "mnist", Mnist.FASHION_DIRECTORY,
            "fashion_mnist");

    /** A directory to look in, and why: shown when nothing is found. */
    private record Place(Path dir, String origin) {
    }

    private final List<Place> places;

    DataLocation(String dataFlag, Map<String, String> environment, Path workingDirectory) {
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (dataFlag != null && dataFlag.isBlank()) {
            throw new IllegalArgumentException("--data \"" + dataFlag + "\" names no directory: give the data "
                    + "directory, or leave the flag out to look in " + ENVIRONMENT_VARIABLE + " or ../shared/data");
        }
        if (dataFlag != null) {
            places = List.of(new Place(workingDirectory.resolve(dataFlag).normalize(), "--data " + dataFlag));
        } else if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            places = List.of(new Place(workingDirectory.resolve(fromEnvironment).normalize(),
                    ENVIRONMENT_VARIABLE + "=" + fromEnvironment));
        } else {
            places = List.of(
                    new Place(workingDirectory.resolve("../shared/data").normalize(),
                            "../shared/data from the working directory " + workingDirectory),
                    new Place(workingDirectory.resolve("../../shared/data").normalize(),
                            "../../shared/data from the working directory " + workingDirectory));
        }
    }

    /**
     * The lookup for this process: {@code dataFlag} is the {@code --data} value, or null when none was given; a blank
     * value is an {@link IllegalArgumentException}.
     */
    public static DataLocation of(String dataFlag) {
        return new DataLocation(dataFlag, System.getenv(), Path.of("").toAbsolutePath());
    }

    /** The directories looked in, in order. */
    List<Path> places() {
        return places.stream().map(Place::dir).toList();
    }

    /**
     * The directory holding every one of {@code files} (each plain or {@code .gz}) for {@code dataset}, e.g.
     * {@code find(Mnist.DIRECTORY, Mnist.FILES)}; or a {@link DataNotFoundException} listing every place looked in,
     * what each lacked, and the fixes.
     */
    public Path find(String dataset, List<String> files) throws DataNotFoundException {
        for (Place place : places) {
            for (Path dir : List.of(place.dir().resolve(dataset), place.dir())) {
                if (Files.isDirectory(dir) && holdsAll(dir, files)) {
                    return dir;
                }
            }
        }
        String wanted = files.stream().map(f -> f + "(.gz)").collect(Collectors.joining(", "));
        StringBuilder message = new StringBuilder(dataset).append(" not found: looked for ").append(wanted)
                .append(" in:");
        for (Place place : places) {
            message.append("\n  ").append(whatIsMissing(place, dataset, files)).append("   [").append(place.origin())
                    .append(']');
        }
        message.append("\nto fix: pass --data DIR or set ").append(ENVIRONMENT_VARIABLE)
                .append("=DIR, where DIR/").append(dataset).append("/ holds those files");
        String download = DOWNLOADS.get(dataset);
        if (download != null) {
            message.append("; to fetch them: chainrule download ").append(download).append(" --data DIR");
        }
        throw new DataNotFoundException(message.toString());
    }

    /**
     * The file {@code name} of {@code dataset}, e.g. {@code file(Csv.TABULAR_DIRECTORY, "iris.csv")}: where
     * {@link #find} finds it, plain or else {@code name.gz}.
     */
    public Path file(String dataset, String name) throws DataNotFoundException {
        Path dir = find(dataset, List.of(name));
        Path plain = dir.resolve(name);
        return Files.isRegularFile(plain) ? plain : dir.resolve(name + ".gz");
    }

    private static String whatIsMissing(Place place, String dataset, List<String> files) {
        Path sub = place.dir().resolve(dataset);
        try {
            if (isDirectory(sub, place.dir())) {
                return sub + ": missing " + String.join(", ", missing(sub, files));
            }
            if (!isDirectory(place.dir(), place.dir())) {
                return place.dir() + ": no such directory";
            }
            List<String> missingHere = missing(place.dir(), files);
            if (missingHere.size() < files.size()) {
                return place.dir() + ": missing " + String.join(", ", missingHere);
            }
            return place.dir() + ": no " + dataset + "/ in it";
        } catch (AccessDeniedException e) {
            return e.getFile() + ": not readable (permission denied)";
        }
    }

    private static boolean holdsAll(Path dir, List<String> files) {
        try {
            return missing(dir, files).isEmpty();
        } catch (AccessDeniedException e) {
            return false;
        }
    }

    /** The files {@code dir} lacks; an AccessDeniedException naming {@code dir} when the user may not look in it. */
    private static List<String> missing(Path dir, List<String> files) throws AccessDeniedException {
        List<String> missing = new ArrayList<>();
        for (String file : files) {
            BasicFileAttributes plain = attributes(dir.resolve(file), dir);
            BasicFileAttributes gz = attributes(dir.resolve(file + ".gz"), dir);
            if (!(plain != null && plain.isRegularFile()) && !(gz != null && gz.isRegularFile())) {
                missing.add(file + "(.gz)");
            }
        }
        return missing;
    }

    private static boolean isDirectory(Path path, Path searched) throws AccessDeniedException {
        BasicFileAttributes attributes = attributes(path, searched);
        return attributes != null && attributes.isDirectory();
    }

    /**
     * The attributes of {@code path}, or null when there is nothing there; a look the user is denied is an
     * AccessDeniedException naming {@code searched}, the directory it was looked for in, rather than "nothing there".
     */
    private static BasicFileAttributes attributes(Path path, Path searched) throws AccessDeniedException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(searched.toString());
        } catch (IOException e) {
            return null;
        }
    }
}
