package dev.javelin.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.javelin.cli.Benchmark;
import dev.javelin.rl.Training;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.config.Presets;
import dev.javelin.rl.ppo.Ppo;
import dev.javelin.rl.ppo.PpoConfig;
import dev.javelin.rl.run.Progress;
import dev.javelin.rl.run.Summary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Issue 14's PPO speed: Hopper-v5 with RL Zoo's tuned settings ({@code presets/ppo/Hopper-v5.yaml}: one env,
 * VecNormalize, 512-step rollouts, mini-batches of 32, 5 epochs, two 256x256 ReLU MLPs), loaded and trained
 * through {@link Training#run} as {@code javelin train ppo Hopper-v5} does. Reports env steps/s of the training
 * loop over the whole run, the way {@code ../shared/peers/sb3_mujoco.py ppo 50000} times Stable-Baselines3's
 * {@code learn(50000)}. The default length, 50,176 steps, is the 98 rollouts of 512 steps that SB3's call runs;
 * {@code -Djavelin.bench.ppo_mujoco.timesteps=1000000} runs the preset's full million.
 * {@code -Djavelin.bench.threads=N} sets the kernel threads (default: the available processors, as
 * {@code javelin train} does). The run directory goes to a temporary folder that is deleted afterwards.
 *
 * <p>Run as {@code ./javelin bench ppo-mujoco [--json]}.
 */
public final class PpoMujocoBench implements Benchmark {
    /** Creates the benchmark; {@link java.util.ServiceLoader} calls it. */
    public PpoMujocoBench() {
    }

    static final String ENV = "Hopper-v5";
    /** SB3's {@code learn(50000)} with {@code n_steps} 512 collects whole rollouts: 98 of them. */
    static final long DEFAULT_TIMESTEPS = 98 * 512;
    /** SB3 2.8.0 + PyTorch 2.13 on the 2-core dev machine, 2026-12-04 (docs/benchmarks.md). */
    static final double SB3_ENV_STEPS_PER_SECOND = 1021;

    /**
     * One run's figures. {@code cpuSeconds} is the whole process's CPU time over the run (every thread, the JIT's
     * included): on a machine shared with other work, timesteps per CPU second is the steadier figure.
     */
    record Result(long timesteps, int threads, double trainSeconds, double envStepsPerSecond, double wallSeconds,
                  double cpuSeconds, double finalEvalMean, double finalEvalStd) {
    }

    @Override
    public String name() {
        return "ppo-mujoco";
    }

    @Override
    public String description() {
        return "PPO on Hopper-v5 with RL Zoo's settings (presets/ppo/Hopper-v5.yaml), 50,176 steps: env steps/s";
    }

    @Override
    public void run(boolean json, PrintWriter out) throws Exception {
        long timesteps = Long.getLong("javelin.bench.ppo_mujoco.timesteps", DEFAULT_TIMESTEPS);
        int threads = Integer.getInteger("javelin.bench.threads", Runtime.getRuntime().availableProcessors());
        Result r = measure(preset("ppo", ENV), timesteps, threads);
        if (json) {
            out.printf(Locale.ROOT, "{\"benchmark\":\"ppo-mujoco\",\"env\":\"%s\",\"threads\":%d,\"timesteps\":%d,"
                            + "\"env_steps_per_second\":%.1f,\"train_seconds\":%.3f,\"wall_seconds\":%.3f,"
                            + "\"cpu_seconds\":%.3f,\"env_steps_per_cpu_second\":%.1f,\"final_eval_return_mean\":%.2f,"
                            + "\"final_eval_return_std\":%.2f,\"sb3_reference\":{\"env_steps_per_second\":%.0f},"
                            + "\"env_steps_per_second_vs_sb3\":%.2f}%n",
                    ENV, r.threads(), r.timesteps(), r.envStepsPerSecond(), r.trainSeconds(), r.wallSeconds(),
                    r.cpuSeconds(), r.timesteps() / r.cpuSeconds(), r.finalEvalMean(), r.finalEvalStd(),
                    SB3_ENV_STEPS_PER_SECOND, r.envStepsPerSecond() / SB3_ENV_STEPS_PER_SECOND);
        } else {
            out.printf(Locale.ROOT, "PPO %s (RL Zoo settings), %,d steps, %d kernel threads%n", ENV, r.timesteps(),
                    r.threads());
            out.printf(Locale.ROOT, "  env steps/s      %,.0f   (SB3 on this machine: ~%,.0f)%n", r.envStepsPerSecond(),
                    SB3_ENV_STEPS_PER_SECOND);
            out.printf(Locale.ROOT, "  training loop    %.2f s; whole run %.2f s (with start-up and final evaluation)%n",
                    r.trainSeconds(), r.wallSeconds());
            out.printf(Locale.ROOT, "  CPU time         %.2f s   (%,.0f env steps per CPU second)%n", r.cpuSeconds(),
                    r.timesteps() / r.cpuSeconds());
            out.printf(Locale.ROOT, "  final eval       %.1f ± %.1f%n", r.finalEvalMean(), r.finalEvalStd());
        }
    }

    /**
     * Trains PPO from {@code preset} for {@code timesteps} steps in a temporary folder and times it.
     *
     * @throws Exception when the training run fails
     */
    static Result measure(Path preset, long timesteps, int threads) throws Exception {
        Path dir = Files.createTempDirectory("javelin-bench-ppo-mujoco");
        try {
            PpoConfig c = Configs.merge(Configs.defaults(PpoConfig.class), Configs.readYaml(preset), preset.toString());
            c = Configs.override(c, List.of("timesteps=" + timesteps, "experiment.directory=" + dir,
                    "experiment.checkpoint_interval=0"));
            long cpu0 = processCpuNanos();
            long began = System.nanoTime();
            Summary s = Training.run(new Ppo(), ENV, c, threads, Optional.empty(), total -> SILENT).summary();
            double wall = (System.nanoTime() - began) / 1e9;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            return new Result(s.timesteps(), threads, s.wallSeconds(), s.envStepsPerSecond(), wall, cpu,
                    s.finalEvalReturnMean(), s.finalEvalReturnStd());
        } finally {
            deleteTree(dir);
        }
    }

    /** Progress nobody watches: the benchmark prints its figures at the end. */
    static final Progress SILENT = Progress.NONE;

    /** {@code presets/<algo>/<envId>.yaml} under the Javelin home, or an exception that says where it looked. */
    static Path preset(String algo, String envId) {
        return Presets.find(Presets.home(), algo, envId).orElseThrow(() -> new IllegalArgumentException(
                "presets/" + algo + "/" + envId + ".yaml not found under " + Presets.home().toAbsolutePath()
                        + " (run through ./javelin, which sets -Djavelin.home)"));
    }

    /** CPU time of the whole process, every thread included. */
    static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
