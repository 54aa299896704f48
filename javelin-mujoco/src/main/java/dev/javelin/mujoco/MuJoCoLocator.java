package dev.javelin.mujoco;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds a MuJoCo 3 shared library and Gymnasium's MuJoCo model files, in the order the docs give:
 * <ol>
 * <li>the library: {@code -Djavelin.mujoco.lib} or {@code MUJOCO_LIB} (the .so file), {@code MUJOCO_HOME}
 *     (a release folder, {@code lib/libmujoco.so*}), then the {@code mujoco} Python package: in the
 *     repository's {@code .venv} (under {@code -Djavelin.home}, else the nearest one at or above the working
 *     directory), the active {@code VIRTUAL_ENV}, then whatever {@code python3} imports;</li>
 * <li>the models: {@code JAVELIN_MUJOCO_ASSETS} (a folder), then the {@code gymnasium} package beside the
 *     {@code mujoco} one, then whatever {@code python3} imports.</li>
 * </ol>
 * Every place looked at is remembered, so a failure can say all of them.
 */
final class MuJoCoLocator {
    /** The one command that makes MuJoCo available, as the README gives it. */
    static final String INSTALL = "python3 -m venv .venv && .venv/bin/pip install mujoco gymnasium";

    private final List<String> looked = new ArrayList<>();

    /** Places looked at so far, for the error message. */
    List<String> looked() {
        return List.copyOf(looked);
    }

    Optional<Path> library() {
        String prop = System.getProperty("javelin.mujoco.lib");
        if (prop != null) {
            return explicit("-Djavelin.mujoco.lib", Path.of(prop));
        }
        String env = System.getenv("MUJOCO_LIB");
        if (env != null && !env.isBlank()) {
            return explicit("MUJOCO_LIB", Path.of(env));
        }
        String home = System.getenv("MUJOCO_HOME");
        if (home != null && !home.isBlank()) {
            Optional<Path> lib = newestLibrary(Path.of(home, "lib"));
            looked.add("MUJOCO_HOME=" + home + " (lib/libmujoco.so*)" + (lib.isPresent() ? "" : ": none"));
            if (lib.isPresent()) {
                return lib;
            }
        }
        for (Path pkg : pythonPackages("mujoco")) {
            Optional<Path> lib = newestLibrary(pkg);
            looked.add(pkg + " (libmujoco.so*)" + (lib.isPresent() ? "" : ": none"));
            if (lib.isPresent()) {
                return lib;
            }
        }
        return Optional.empty();
    }

    /** Gymnasium's {@code envs/mujoco/assets} folder (or the folder the user names). */
    Optional<Path> assets() {
        String env = System.getenv("JAVELIN_MUJOCO_ASSETS");
        if (env != null && !env.isBlank()) {
            Path dir = Path.of(env);
            looked.add("JAVELIN_MUJOCO_ASSETS=" + env + (Files.isDirectory(dir) ? "" : ": not a folder"));
            return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
        }
        for (Path pkg : pythonPackages("gymnasium")) {
            Path dir = pkg.resolve("envs/mujoco/assets");
            boolean ok = Files.isDirectory(dir);
            looked.add(dir + (ok ? "" : ": none"));
            if (ok) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private Optional<Path> explicit(String source, Path file) {
        boolean ok = Files.isRegularFile(file);
        looked.add(source + "=" + file + (ok ? "" : ": no such file"));
        return ok ? Optional.of(file) : Optional.empty();
    }

    /** Candidate folders of an installed Python package, in lookup order. */
    private List<Path> pythonPackages(String name) {
        List<Path> out = new ArrayList<>();
        List<Path> envs = new ArrayList<>();
        String home = System.getProperty("javelin.home");
        if (home != null) {
            envs.add(Path.of(home, ".venv"));
        } else {
            // without the launcher's javelin.home (a test or an embedding program run from a module folder):
            // the nearest .venv in the working directory or above it
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve(".venv"))) {
                    envs.add(dir.resolve(".venv"));
                    break;
                }
            }
        }
        String venv = System.getenv("VIRTUAL_ENV");
        if (venv != null && !venv.isBlank()) {
            envs.add(Path.of(venv));
        }
        for (Path env : envs) {
            for (Path site : sitePackages(env)) {
                Path pkg = site.resolve(name);
                if (Files.isDirectory(pkg)) {
                    out.add(pkg);
                } else {
                    looked.add(pkg + ": none");
                }
            }
        }
        pythonImport(name).ifPresent(out::add);
        return out;
    }

    private static List<Path> sitePackages(Path env) {
        List<Path> out = new ArrayList<>();
        Path lib = env.resolve("lib");
        if (!Files.isDirectory(lib)) {
            return out;
        }
        try (DirectoryStream<Path> pythons = Files.newDirectoryStream(lib, "python3*")) {
            for (Path p : pythons) {
                out.add(p.resolve("site-packages"));
            }
        } catch (IOException e) {
            // an unreadable venv is one place not found, not a reason to stop looking
        }
        return out;
    }

    /** Where {@code python3} imports the package from, if it does (bounded: a hung interpreter is a miss). */
    private Optional<Path> pythonImport(String name) {
        String script = "import os, " + name + "; print(os.path.dirname(" + name + ".__file__))";
        try {
            Process p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(false).start();
            p.getOutputStream().close();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                looked.add("python3 -c 'import " + name + "': timed out");
                return Optional.empty();
            }
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.getErrorStream().readAllBytes();
            if (p.exitValue() == 0 && !out.isEmpty() && Files.isDirectory(Path.of(out))) {
                return Optional.of(Path.of(out));
            }
            looked.add("python3 -c 'import " + name + "': not installed");
        } catch (IOException e) {
            looked.add("python3: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private static Optional<Path> newestLibrary(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Path best = null;
        try (DirectoryStream<Path> libs = Files.newDirectoryStream(dir, "libmujoco.so*")) {
            for (Path p : libs) {
                if (best == null || p.getFileName().toString().compareTo(best.getFileName().toString()) > 0) {
                    best = p;
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(best);
    }
}
