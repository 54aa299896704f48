package dev.javelin.mujoco.robotics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Finds the Fetch robot's MJCF files and STL meshes (OpenAI's robotics assets, which Gymnasium-Robotics uses) where
 * Debian's {@code dart-doc} package installs them: {@code /usr/share/doc/dart/data/mjcf/openai/robotics/}. Debian's
 * documentation packaging gzips the larger text files there ({@code robot.xml.gz}, {@code shared.xml.gz}), which
 * MuJoCo cannot read, so a tree holding any {@code .gz} file is copied once, decompressed, into a cache folder
 * ({@code $XDG_CACHE_HOME/javelin/fetch-assets/<digest>}, else {@code ~/.cache/...}); the digest covers the source
 * files' names, sizes and times, so an upgraded package gets a fresh copy.
 *
 * <p>Looked up in this order: the system property {@code javelin.fetch.assets} or the environment variable
 * {@code JAVELIN_FETCH_ASSETS} (a folder holding {@code fetch/reach.xml} and {@code stls/fetch/}), then the
 * {@code dart-doc} folders.
 */
public final class FetchAssets {
    static final String INSTALL = "sudo apt-get install dart-doc";
    private static final List<Path> DEBIAN = List.of(
            Path.of("/usr/share/doc/dart/data/mjcf/openai/robotics"),
            Path.of("/usr/share/doc/dart-doc/data/mjcf/openai/robotics"));
    private static final String[] MODELS = {"reach.xml", "push.xml", "slide.xml", "pick_and_place.xml", "robot.xml", "shared.xml"};

    private FetchAssets() {
    }

    /** The folder of a task's model file ({@code <root>/fetch/<file>}), decompressed if needed. */
    public static Path model(String file) {
        Path f = root().resolve("fetch").resolve(file);
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException("Fetch assets: " + f + " is missing; reinstall with: " + INSTALL);
        }
        return f;
    }

    /** The robotics folder MuJoCo can read (holding {@code fetch/}, {@code stls/fetch/}, {@code textures/}). */
    public static synchronized Path root() {
        Path source = locate().orElseThrow(() -> new IllegalStateException(
                "Fetch robot models not found: looked at -Djavelin.fetch.assets, $JAVELIN_FETCH_ASSETS and " + DEBIAN
                        + " (Debian's dart-doc package). Install them with: " + INSTALL));
        return prepare(source, cacheHome().resolve("javelin").resolve("fetch-assets"));
    }

    /** {@code source} itself, or its decompressed copy under {@code cache} when it holds gzipped files. */
    static Path prepare(Path source, Path cache) {
        return hasGzip(source) ? decompressed(source, cache) : source;
    }

    /** Why the Fetch tasks cannot be built here, if they cannot. */
    public static Optional<String> unavailableReason() {
        try {
            root();
            return Optional.empty();
        } catch (IllegalStateException | UncheckedIOException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static Optional<Path> locate() {
        String named = System.getProperty("javelin.fetch.assets", System.getenv("JAVELIN_FETCH_ASSETS"));
        if (named != null && !named.isBlank()) {
            Path p = Path.of(named);
            if (!complete(p)) {
                throw new IllegalStateException("Fetch assets: " + p + " (javelin.fetch.assets / JAVELIN_FETCH_ASSETS) holds no "
                        + "fetch/reach.xml[.gz] and stls/fetch/, expected the robotics folder of OpenAI's assets");
            }
            return Optional.of(p);
        }
        return DEBIAN.stream().filter(FetchAssets::complete).findFirst();
    }

    private static boolean complete(Path dir) {
        for (String m : MODELS) {
            Path f = dir.resolve("fetch").resolve(m);
            if (!Files.isRegularFile(f) && !Files.isRegularFile(Path.of(f + ".gz"))) {
                return false;
            }
        }
        return Files.isDirectory(dir.resolve("stls").resolve("fetch"));
    }

    private static boolean hasGzip(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".gz"));
        } catch (IOException e) {
            throw new UncheckedIOException("Fetch assets: cannot list " + dir, e);
        }
    }

    private static Path decompressed(Path source, Path cache) {
        try {
            List<Path> files;
            try (Stream<Path> s = Files.walk(source)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            Path target = cache.resolve(digest(source, files));
            if (Files.isDirectory(target)) {
                return target;
            }
            // Built beside the target and renamed, so a concurrent run never sees half a tree.
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempDirectory(target.getParent(), "partial-");
            for (Path f : files) {
                String rel = source.relativize(f).toString();
                boolean gz = rel.endsWith(".gz");
                Path out = tmp.resolve(gz ? rel.substring(0, rel.length() - 3) : rel);
                Files.createDirectories(out.getParent());
                try (InputStream in = gz ? new GZIPInputStream(Files.newInputStream(f)) : Files.newInputStream(f)) {
                    Files.copy(in, out);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
                deleteTree(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Fetch assets: cannot decompress " + source + " into the cache: " + e.getMessage(), e);
        }
    }

    private static Path cacheHome() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    }

    private static String digest(Path source, List<Path> files) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(source.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
            for (Path f : files) {
                md.update((source.relativize(f) + "|" + Files.size(f) + "|" + Files.getLastModifiedTime(f).toMillis() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(all.get(i));
        }
    }
}
