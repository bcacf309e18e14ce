package io.chainrule.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches the four MNIST (or Fashion-MNIST) {@code .gz} files into a directory, for users with a network. Each file is
 * tried from the mirrors in order until one gives the published md5; it is written to a temporary file beside its
 * target and moved into place atomically, so a failed or interrupted download never leaves a partial file under the
 * real name nor touches a file already there. Files already present with the right md5 are skipped.
 */
public final class MnistDownload {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration LONGEST_CONNECT = Duration.ofSeconds(30);

    private final List<URI> mirrors;
    private final Map<String, String> md5ByFile;
    private final Duration timeout;

    /**
     * {@code mirrors} are base URIs ending in {@code /}; {@code md5ByFile} maps each file name to its md5 in lower-case
     * hex; {@code timeout} bounds one attempt, one file from one mirror, connection included.
     */
    MnistDownload(List<URI> mirrors, Map<String, String> md5ByFile, Duration timeout) {
        this.mirrors = List.copyOf(mirrors);
        this.md5ByFile = new LinkedHashMap<>(md5ByFile);
        this.timeout = timeout;
    }

    /** MNIST from torchvision's mirror, then Yann LeCun's site, with the published md5s. */
    public static MnistDownload mnist() {
        return new MnistDownload(
                List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                        URI.create("http://yann.lecun.com/exdb/mnist/")),
                md5s("f68b3c2dcbeaaa9fbdd348bbdeb94873", "d53e105ee54ea40749a09fcbcd1e9432",
                        "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c"),
                DEFAULT_TIMEOUT);
    }

    /** Fashion-MNIST from Zalando's mirror, then its GitHub repository, with the published md5s. */
    public static MnistDownload fashionMnist() {
        return new MnistDownload(
                List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
                        URI.create("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/"
                                + "fashion/")),
                md5s("8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe",
                        "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310"),
                DEFAULT_TIMEOUT);
    }

    /** {@link Mnist#FILES}, gzip-compressed, with their md5s in the same order. */
    private static Map<String, String> md5s(String... md5) {
        Map<String, String> byFile = new LinkedHashMap<>();
        for (int i = 0; i < md5.length; i++) {
            byFile.put(Mnist.FILES.get(i) + ".gz", md5[i]);
        }
        return byFile;
    }

    /**
     * Makes {@code dir} hold every file with its md5, creating it if needed; returns the files downloaded now (those
     * already present are skipped). Fails on the first file no mirror gives, naming each mirror and what it gave.
     */
    public List<Path> into(Path dir) throws IOException {
        Files.createDirectories(dir);
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(timeout.compareTo(LONGEST_CONNECT) < 0 ? timeout : LONGEST_CONNECT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        List<Path> downloaded = new ArrayList<>();
        for (Map.Entry<String, String> file : md5ByFile.entrySet()) {
            Path target = dir.resolve(file.getKey());
            if (Files.isRegularFile(target) && md5(target).equals(file.getValue())) {
                continue;
            }
            download(client, file.getKey(), file.getValue(), target);
            downloaded.add(target);
        }
        return downloaded;
    }

    private void download(HttpClient client, String name, String md5, Path target) throws IOException {
        List<String> failures = new ArrayList<>();
        for (URI mirror : mirrors) {
            URI uri = mirror.resolve(name);
            Path part = target.resolveSibling("." + name + "." + Long.toUnsignedString(
                    ThreadLocalRandom.current().nextLong(), 36) + ".part");
            Files.createFile(part);
            try {
                Optional<String> failure = fetch(client, uri, part, md5);
                if (failure.isEmpty()) {
                    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    return;
                }
                failures.add(uri + " gave " + failure.get());
            } finally {
                Files.deleteIfExists(part);
            }
        }
        throw new IOException(name + ": no mirror gave the file with md5 " + md5 + ": " + String.join("; ",
                failures));
    }

    /** Downloads {@code uri} into {@code part}: what went wrong, or nothing when the file has {@code md5}. */
    private Optional<String> fetch(HttpClient client, URI uri, Path part, String md5) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        CompletableFuture<HttpResponse<Path>> pending = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofFile(part, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
        HttpResponse<Path> response;
        try {
            // The request timeout stops at the response headers; this one bounds the body too.
            response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return Optional.of("no complete answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return Optional.of(cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while downloading " + uri);
        }
        if (response.statusCode() != 200) {
            return Optional.of("HTTP " + response.statusCode());
        }
        String actual = md5(part);
        return actual.equals(md5) ? Optional.empty()
                : Optional.of(Files.size(part) + " bytes with md5 " + actual);
    }

    static String md5(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide MD5", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
