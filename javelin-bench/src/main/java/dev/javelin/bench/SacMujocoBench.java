package dev.javelin.bench;

import dev.javelin.cli.Benchmark;
import dev.javelin.rl.Training;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.run.Progress;
import dev.javelin.rl.run.Summary;
import dev.javelin.rl.sac.Sac;
import dev.javelin.rl.sac.SacConfig;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Issue 14's SAC speed: HalfCheetah-v5 with RL Zoo's settings ({@code presets/sac/HalfCheetah-v5.yaml}: 256x256
 * nets, batch 256, 10k uniformly random steps before learning starts, one gradient update per env step), loaded and
 * trained through {@link Training#run} as {@code javelin train sac HalfCheetah-v5} does. Like
 * {@code ../shared/peers/sb3_mujoco.py sac 5000}, it times the part after the 10k random steps: 5,000 env steps
 * each followed by its gradient update, and reports gradient updates/s over them.
 * {@code -Djavelin.bench.sac_mujoco.updates=N} changes the 5,000; {@code -Djavelin.bench.threads=N} sets the kernel
 * threads (default: the available processors, as {@code javelin train} does). The run directory goes to a temporary
 * folder that is deleted afterwards.
 *
 * <p>Run as {@code ./javelin bench sac-mujoco [--json]}.
 */
public final class SacMujocoBench implements Benchmark {
    /** Creates the benchmark; {@link java.util.ServiceLoader} calls it. */
    public SacMujocoBench() {
    }

    static final String ENV = "HalfCheetah-v5";
    static final long DEFAULT_UPDATES = 5000;
    /** SB3 2.8.0 + PyTorch 2.13 on the 2-core dev machine, 2026-12-04 (docs/benchmarks.md). */
    static final double SB3_UPDATES_PER_SECOND = 88;

    /**
     * One run's figures over the timed part (the updates after the random steps): wall seconds, the whole process's
     * CPU seconds (every thread: kernel workers and the JIT included) and the training thread's alone.
     */
    record Result(long randomSteps, long updates, int threads, double seconds, double updatesPerSecond,
                  double cpuSeconds, double threadCpuSeconds, double finalEvalMean, double finalEvalStd) {
    }

    @Override
    public String name() {
        return "sac-mujoco";
    }

    @Override
    public String description() {
        return "SAC on HalfCheetah-v5 with RL Zoo's settings (presets/sac/HalfCheetah-v5.yaml): updates/s after 10k random steps";
    }

    @Override
    public void run(boolean json, PrintWriter out) throws Exception {
        long updates = Long.getLong("javelin.bench.sac_mujoco.updates", DEFAULT_UPDATES);
        int threads = Integer.getInteger("javelin.bench.threads", Runtime.getRuntime().availableProcessors());
        Result r = measure(PpoMujocoBench.preset("sac", ENV), updates, threads);
        if (json) {
            out.printf(Locale.ROOT, "{\"benchmark\":\"sac-mujoco\",\"env\":\"%s\",\"threads\":%d,\"random_steps\":%d,"
                            + "\"updates\":%d,\"updates_per_second\":%.2f,\"seconds\":%.3f,\"cpu_seconds\":%.3f,"
                            + "\"updates_per_cpu_second\":%.1f,\"training_thread_cpu_seconds\":%.3f,"
                            + "\"final_eval_return_mean\":%.2f,\"final_eval_return_std\":%.2f,"
                            + "\"sb3_reference\":{\"updates_per_second\":%.0f},\"updates_per_second_vs_sb3\":%.2f}%n",
                    ENV, r.threads(), r.randomSteps(), r.updates(), r.updatesPerSecond(), r.seconds(), r.cpuSeconds(),
                    r.updates() / r.cpuSeconds(), r.threadCpuSeconds(), r.finalEvalMean(), r.finalEvalStd(),
                    SB3_UPDATES_PER_SECOND, r.updatesPerSecond() / SB3_UPDATES_PER_SECOND);
        } else {
            out.printf(Locale.ROOT, "SAC %s (RL Zoo settings), %,d updates after %,d random steps, %d kernel threads%n",
                    ENV, r.updates(), r.randomSteps(), r.threads());
            out.printf(Locale.ROOT, "  updates/s        %.1f   (SB3 on this machine: ~%.0f)%n", r.updatesPerSecond(),
                    SB3_UPDATES_PER_SECOND);
            out.printf(Locale.ROOT, "  CPU time         %.2f s of the process, %.2f s of the training thread "
                    + "(%.1f updates per CPU second)%n", r.cpuSeconds(), r.threadCpuSeconds(), r.updates() / r.cpuSeconds());
            out.printf(Locale.ROOT, "  final eval       %.1f ± %.1f%n", r.finalEvalMean(), r.finalEvalStd());
        }
    }

    /**
     * Trains SAC from {@code preset} for its random steps plus {@code updates} more in a temporary folder, timing
     * the steps after the random ones.
     *
     * @throws Exception when the training run fails
     */
    static Result measure(Path preset, long updates, int threads) throws Exception {
        if (updates < 1) {
            throw new IllegalArgumentException("javelin.bench.sac_mujoco.updates must be >= 1, got " + updates);
        }
        Path dir = Files.createTempDirectory("javelin-bench-sac-mujoco");
        try {
            SacConfig c = Configs.merge(Configs.defaults(SacConfig.class), Configs.readYaml(preset), preset.toString());
            long random = c.randomTimesteps();
            if (c.learningStarts() != random || c.trainFreq() != 1 || c.gradientSteps() != 1) {
                throw new IllegalArgumentException(preset + " must learn from the end of its random steps with one "
                        + "update per step, as SB3's HalfCheetah does; it has random_timesteps " + random
                        + ", learning_starts " + c.learningStarts() + ", train_freq " + c.trainFreq()
                        + ", gradient_steps " + c.gradientSteps());
            }
            c = Configs.override(c, List.of("timesteps=" + (random + updates), "workers=1",
                    "experiment.directory=" + dir, "experiment.checkpoint_interval=0"));
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            // [0] wall, [1] process CPU, [2] training thread CPU: at the end of the random steps, then at the last step
            long[] from = new long[3];
            long[] to = new long[3];
            long end = c.timesteps();
            Summary s = Training.run(new Sac(), ENV, c, threads, Optional.empty(), total -> new Progress() {
                @Override
                public void update(long step, double recentReturn) {
                    if (step == random || step == end) {
                        long[] at = step == random ? from : to;
                        at[0] = System.nanoTime();
                        at[1] = PpoMujocoBench.processCpuNanos();
                        at[2] = mx.getCurrentThreadCpuTime();
                    }
                }

                @Override
                public void close() {
                }
            }).summary();
            if (from[0] == 0 || to[0] == 0) {
                throw new IllegalStateException("the run did not report steps " + random + " and " + end);
            }
            double seconds = (to[0] - from[0]) / 1e9;
            long done = Sac.updatesDue(c, end) - Sac.updatesDue(c, random);
            return new Result(random, done, threads, seconds, done / seconds, (to[1] - from[1]) / 1e9,
                    (to[2] - from[2]) / 1e9, s.finalEvalReturnMean(), s.finalEvalReturnStd());
        } finally {
            PpoMujocoBench.deleteTree(dir);
        }
    }
}
