package dev.javelin.bench;

import dev.javelin.cli.Benchmark;
import dev.javelin.rl.Training;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.config.Presets;
import dev.javelin.rl.run.Progress;
import dev.javelin.rl.run.Summary;
import dev.javelin.rl.sac.Sac;
import dev.javelin.rl.sac.SacConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Issue 5's SAC benchmark: Pendulum-v1 with RL Zoo's settings (presets/sac/Pendulum-v1.yaml: lr 1e-3,
 * 256x256 nets, batch 256, learning_starts 100, one gradient step per env step) for 20k steps, first with
 * one thread doing everything, then with 2 collector workers and a learner thread. Stable-Baselines3 on
 * the same machine: about 101 gradient updates/s, 195 s wall, final mean about -185.
 * {@code -Djavelin.bench.sac.timesteps=N} shortens the runs (for a quick look, not for the README).
 *
 * <p>Measured on the 2-core dev machine, 2 kernel threads (README, SAC section): 20k steps at load average
 * 2.5 to 2.0 (this process's own threads) gave 155.4 updates/s with {@code workers: 1} and 156.9 with
 * {@code workers: 2} (1.54x SB3; final eval -146.9 and -147.0); 3000 steps back to back with the previous build
 * from a load of 0.05 gave 123.0 -> 170.8 and 103.3 -> 174.4 updates/s. Wall figures only mean something on a
 * quiet machine; the updates per CPU second the runs also report are steadier when others share the cores.
 */
public final class SacBench implements Benchmark {
    /** Creates the benchmark; {@link java.util.ServiceLoader} calls it. */
    public SacBench() {
    }

    static final double SB3_UPDATES_PER_SECOND = 101;
    static final double SB3_WALL_SECONDS = 195;
    static final double SB3_FINAL_MEAN = -185;

    @Override
    public String name() {
        return "sac";
    }

    @Override
    public String description() {
        return "SAC on Pendulum-v1, RL Zoo settings, 20k steps: updates/s, env steps/s, wall, final eval; workers 1 and 2";
    }

    /** One run's figures. */
    record Run(int workers, long timesteps, long updates, double wallSeconds, double cpuSeconds,
               double envStepsPerSecond, double updatesPerSecond, double finalMean, double finalStd) {
    }

    @Override
    public void run(boolean json, PrintWriter out) throws Exception {
        long timesteps = Long.getLong("javelin.bench.sac.timesteps", 20_000);
        int threads = Runtime.getRuntime().availableProcessors();
        Path preset = Presets.find(Presets.home(), "sac", "Pendulum-v1").orElseThrow(() -> new IllegalArgumentException(
                "presets/sac/Pendulum-v1.yaml not found under " + Presets.home().toAbsolutePath()
                        + " (run through ./javelin, which sets -Djavelin.home)"));
        Path dir = Files.createTempDirectory("javelin-bench-sac");
        // warm-up: the JIT compiles the update before either measured run, so they compare like with like
        measure(preset, dir.resolve("warmup"), Math.min(timesteps, 1000), 1, threads);
        Run one = measure(preset, dir, timesteps, 1, threads);
        Run two = measure(preset, dir, timesteps, 2, threads);
        deleteTree(dir);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (json) {
            out.println("{\"env\": \"Pendulum-v1\", \"timesteps\": " + timesteps + ", \"kernel_threads\": " + threads
                    + ", \"load_average_at_end\": " + String.format(Locale.ROOT, "%.2f", load)
                    + ", \"runs\": [" + json(one) + ", " + json(two) + "], \"sb3\": {\"updates_per_second\": "
                    + SB3_UPDATES_PER_SECOND + ", \"wall_seconds\": " + SB3_WALL_SECONDS + ", \"final_eval_return_mean\": "
                    + SB3_FINAL_MEAN + "}, \"updates_per_second_vs_sb3\": "
                    + String.format(Locale.ROOT, "%.2f", one.updatesPerSecond() / SB3_UPDATES_PER_SECOND)
                    + ", \"workers_2_env_steps_speedup\": "
                    + String.format(Locale.ROOT, "%.2f", two.envStepsPerSecond() / one.envStepsPerSecond()) + "}");
        } else {
            out.printf(Locale.ROOT, "SAC on Pendulum-v1, RL Zoo settings, %d steps, %d kernel threads, load average %.2f%n",
                    timesteps, threads, load);
            out.printf(Locale.ROOT, "%-8s %10s %12s %10s %10s %14s %16s%n", "workers", "updates/s", "env steps/s", "wall s",
                    "cpu s", "updates/cpu s", "final eval");
            for (Run r : List.of(one, two)) {
                out.printf(Locale.ROOT, "%-8d %10.1f %12.1f %10.1f %10.1f %14.1f %9.1f ± %.1f%n", r.workers(),
                        r.updatesPerSecond(), r.envStepsPerSecond(), r.wallSeconds(), r.cpuSeconds(),
                        r.updates() / r.cpuSeconds(), r.finalMean(), r.finalStd());
            }
            out.printf(Locale.ROOT, "%-8s %10.1f %12.1f %10.1f %10s %14s %9.1f%n", "SB3", SB3_UPDATES_PER_SECOND,
                    20_000 / SB3_WALL_SECONDS, SB3_WALL_SECONDS, "", "", SB3_FINAL_MEAN);
        }
    }

    private static Run measure(Path preset, Path dir, long timesteps, int workers, int threads) throws Exception {
        SacConfig c = Configs.merge(Configs.defaults(SacConfig.class), Configs.readYaml(preset), preset.toString());
        c = Configs.override(c, List.of("timesteps=" + timesteps, "workers=" + workers, "experiment.directory=" + dir,
                "experiment.experiment_name=workers-" + workers, "experiment.checkpoint_interval=0"));
        long cpu0 = cpuNanos();
        Summary s = Training.run(new Sac(), "Pendulum-v1", c, threads, Optional.empty(), total -> Progress.NONE).summary();
        double cpuSeconds = (cpuNanos() - cpu0) / 1e9;
        long updates = Sac.updatesDue(c, timesteps);
        return new Run(workers, timesteps, updates, s.wallSeconds(), cpuSeconds, s.envStepsPerSecond(),
                updates / s.wallSeconds(), s.finalEvalReturnMean(), s.finalEvalReturnStd());
    }

    /**
     * CPU time of the whole process (training, final evaluation, spinning kernel workers): on a machine
     * other jobs share, updates per CPU second say what the code does with the cores it gets.
     */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String json(Run r) {
        return String.format(Locale.ROOT, "{\"workers\": %d, \"updates\": %d, \"wall_seconds\": %.2f, "
                        + "\"cpu_seconds\": %.2f, \"env_steps_per_second\": %.1f, \"updates_per_second\": %.1f, "
                        + "\"updates_per_cpu_second\": %.1f, \"final_eval_return_mean\": %.2f, "
                        + "\"final_eval_return_std\": %.2f}", r.workers(), r.updates(), r.wallSeconds(), r.cpuSeconds(),
                r.envStepsPerSecond(), r.updatesPerSecond(), r.updates() / r.cpuSeconds(), r.finalMean(), r.finalStd());
    }
}
