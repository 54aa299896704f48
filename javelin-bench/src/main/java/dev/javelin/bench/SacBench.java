package dev.javelin.bench;

import dev.javelin.cli.Benchmark;
import dev.javelin.rl.Training;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.config.Presets;
import dev.javelin.rl.run.Progress;
import dev.javelin.rl.run.Summary;
import dev.javelin.rl.sac.Sac;
import dev.javelin.rl.sac.SacConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Issue 5's SAC benchmark: Pendulum-v1 with RL Zoo's settings (presets/sac/Pendulum-v1.yaml: lr 1e-3,
 * 256x256 nets, batch 256, learning_starts 100, one gradient step per env step) for 20k steps, first with
 * one thread doing everything, then with 2 collector workers and a learner thread. Stable-Baselines3 on
 * the same machine: about 101 gradient updates/s, 195 s wall, final mean about -185.
 * {@code -Djavelin.bench.sac.timesteps=N} shortens the runs (for a quick look, not for the README).
 */
public final class SacBench implements Benchmark {
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
    record Run(int workers, long timesteps, long updates, double wallSeconds, double envStepsPerSecond,
               double updatesPerSecond, double finalMean, double finalStd) {
    }

    @Override
    public void run(boolean json, PrintWriter out) throws Exception {
        long timesteps = Long.getLong("javelin.bench.sac.timesteps", 20_000);
        int threads = Runtime.getRuntime().availableProcessors();
        Path preset = Presets.find(Presets.home(), "sac", "Pendulum-v1").orElseThrow(() -> new IllegalArgumentException(
                "presets/sac/Pendulum-v1.yaml not found under " + Presets.home().toAbsolutePath()
                        + " (run through ./javelin, which sets -Djavelin.home)"));
        Path dir = Files.createTempDirectory("javelin-bench-sac");
        Run one = measure(preset, dir, timesteps, 1, threads);
        Run two = measure(preset, dir, timesteps, 2, threads);
        if (json) {
            out.println("{\"env\": \"Pendulum-v1\", \"timesteps\": " + timesteps + ", \"kernel_threads\": " + threads
                    + ", \"runs\": [" + json(one) + ", " + json(two) + "], \"sb3\": {\"updates_per_second\": "
                    + SB3_UPDATES_PER_SECOND + ", \"wall_seconds\": " + SB3_WALL_SECONDS + ", \"final_eval_return_mean\": "
                    + SB3_FINAL_MEAN + "}, \"updates_per_second_vs_sb3\": "
                    + String.format(Locale.ROOT, "%.2f", one.updatesPerSecond() / SB3_UPDATES_PER_SECOND)
                    + ", \"workers_2_env_steps_speedup\": "
                    + String.format(Locale.ROOT, "%.2f", two.envStepsPerSecond() / one.envStepsPerSecond()) + "}");
        } else {
            out.printf(Locale.ROOT, "SAC on Pendulum-v1, RL Zoo settings, %d steps, %d kernel threads (runs in %s)%n",
                    timesteps, threads, dir);
            out.printf(Locale.ROOT, "%-10s %10s %12s %14s %10s %16s%n", "workers", "updates/s", "env steps/s", "wall s",
                    "updates", "final eval");
            for (Run r : List.of(one, two)) {
                out.printf(Locale.ROOT, "%-10d %10.1f %12.1f %14.1f %10d %9.1f ± %.1f%n", r.workers(), r.updatesPerSecond(),
                        r.envStepsPerSecond(), r.wallSeconds(), r.updates(), r.finalMean(), r.finalStd());
            }
            out.printf(Locale.ROOT, "%-10s %10.1f %12.1f %14.1f %10s %9.1f%n", "SB3", SB3_UPDATES_PER_SECOND,
                    20_000 / SB3_WALL_SECONDS, SB3_WALL_SECONDS, "", SB3_FINAL_MEAN);
        }
    }

    private static Run measure(Path preset, Path dir, long timesteps, int workers, int threads) throws Exception {
        SacConfig c = Configs.merge(Configs.defaults(SacConfig.class), Configs.readYaml(preset), preset.toString());
        c = Configs.override(c, List.of("timesteps=" + timesteps, "workers=" + workers, "experiment.directory=" + dir,
                "experiment.experiment_name=workers-" + workers, "experiment.checkpoint_interval=0"));
        Summary s = Training.run(new Sac(), "Pendulum-v1", c, threads, Optional.empty(), total -> new Progress() {
            @Override
            public void update(long step, double recentReturn) {
            }

            @Override
            public void close() {
            }
        }).summary();
        long updates = Sac.updatesDue(c, timesteps);
        return new Run(workers, timesteps, updates, s.wallSeconds(), s.envStepsPerSecond(), updates / s.wallSeconds(),
                s.finalEvalReturnMean(), s.finalEvalReturnStd());
    }

    private static String json(Run r) {
        return String.format(Locale.ROOT, "{\"workers\": %d, \"updates\": %d, \"wall_seconds\": %.2f, "
                        + "\"env_steps_per_second\": %.1f, \"updates_per_second\": %.1f, \"final_eval_return_mean\": %.2f, "
                        + "\"final_eval_return_std\": %.2f}", r.workers(), r.updates(), r.wallSeconds(),
                r.envStepsPerSecond(), r.updatesPerSecond(), r.finalMean(), r.finalStd());
    }
}
