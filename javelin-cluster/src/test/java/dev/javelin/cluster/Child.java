package dev.javelin.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM running {@link TestNode} on the test class path, its output in a file. Stopped through its own
 * process handle only; every wait is bounded.
 */
final class Child implements AutoCloseable {
    private final Process process;
    private final Path out;

    private Child(Process process, Path out) {
        this.process = process;
        this.out = out;
    }

    static Child start(Path dir, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xmx512m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), TestNode.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve(name + ".out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        return new Child(p, out);
    }

    /** A port that was free a moment ago, for a learner that must come back at the same address. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** kill -9: SIGKILL through this process's handle. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM through this process's handle: the orderly stop a user's kill (or Ctrl-C) asks for. */
    void terminate() {
        process.destroy();
    }

    boolean alive() {
        return process.isAlive();
    }

    int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child did not finish within " + timeout + "; its output ends:\n" + tail());
        }
        return process.exitValue();
    }

    /** The first output line matching {@code test}, waiting up to {@code timeout}. */
    Optional<String> line(Predicate<String> test, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> hit = new String(Files.readAllBytes(out), StandardCharsets.UTF_8).lines().filter(test).findFirst();
            if (hit.isPresent()) {
                return hit;
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    String tail() {
        List<String> lines;
        try {
            lines = new String(Files.readAllBytes(out), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return "(cannot read " + out + ": " + e.getMessage() + ")";
        }
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
