package dev.javelin.bench;

import dev.javelin.cli.Benchmark;
import dev.javelin.rl.Training;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.ppo.Ppo;
import dev.javelin.rl.ppo.PpoConfig;
import dev.javelin.rl.run.Progress;
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
 * End-to-end PPO speed: CartPole-v1 with RL Zoo's tuned hyperparameters (8 envs x 32 steps, one mini-batch of
 * 256, 20 epochs, gamma 0.98, lambda 0.8, lr 1e-3 linear, clip 0.2 linear; SB3's vf_coef 0.5, Adam eps 1e-5 and
 * its bootstrap of time-limit truncations) for 100k steps,
 * through {@link Training#run} as {@code javelin train} runs it (logging, final evaluation), on one thread unless
 * {@code -Djavelin.bench.threads} says otherwise. Reports
 * env steps/s of the training loop, the wall time from the start until the mean return of the last 100
 * episodes first reaches 475 (RL Zoo's "solved"), and the whole run's wall time. The run directory goes to a
 * temporary directory that is deleted afterwards.
 *
 * <p>Run as {@code ./javelin bench ppo [--json]}.
 */
public final class PpoBench implements Benchmark {
    /** Creates the benchmark; {@link java.util.ServiceLoader} calls it. */
    public PpoBench() {
    }

    static final List<String> ZOO_CARTPOLE = List.of("seed=0", "timesteps=100000", "num_envs=8", "rollouts=32",
            "mini_batches=1", "learning_epochs=20", "discount_factor=0.98", "lambda=0.8", "learning_rate=1e-3",
            "learning_rate_scheduler=linear", "ratio_clip=0.2", "ratio_clip_schedule=linear", "value_loss_scale=0.5",
            "entropy_loss_scale=0.0", "time_limit_bootstrap=true", "optimizer_epsilon=1e-5",
            "experiment.checkpoint_interval=0");
    static final double SOLVED = 475;

    /** What one run measured. */
    /**
     * What one run measured. {@code secondHalfEnvStepsPerSecond} is the speed over the run's second half, after the
     * JIT has compiled the hot code (the first second runs interpreted and C1 code, and on two cores the compiler
     * threads take the other core for about as long as the run). {@code cpuSeconds} is the training thread's CPU time
     * for the whole run: on a machine shared with other work, timesteps / cpuSeconds is the speed an idle core would give.
     */
    public record Result(long timesteps, double envStepsPerSecond, double secondHalfEnvStepsPerSecond,
                         double timeToSolveSeconds, long solvedAtStep, double wallSeconds, double cpuSeconds,
                         double finalEvalMean) {
    }

    @Override
    public String name() {
        return "ppo";
    }

    @Override
    public String description() {
        return "PPO on CartPole-v1 with RL Zoo's settings, 100k steps: env steps/s, time to solve (last-100 mean >= 475)";
    }

    @Override
    public void run(boolean json, PrintWriter out) throws Exception {
        Result r = measure();
        // CPU time is the training thread's only; with a critic thread it undercounts
        if (json) {
            out.printf(Locale.ROOT, "{\"benchmark\":\"ppo\",\"env\":\"CartPole-v1\",\"threads\":%d,\"timesteps\":%d,"
                            + "\"env_steps_per_second\":%.1f,\"second_half_env_steps_per_second\":%.1f,\"time_to_solve_seconds\":%s,\"solved_at_step\":%d,"
                            + "\"wall_seconds\":%.3f,\"cpu_seconds\":%.3f,\"final_eval_return_mean\":%.2f,"
                            + "\"sb3_reference\":{\"env_steps_per_second\":5900,\"time_to_solve_seconds\":11,\"wall_seconds\":16}}%n",
                    threads(), r.timesteps(), r.envStepsPerSecond(), r.secondHalfEnvStepsPerSecond(), Double.isNaN(r.timeToSolveSeconds()) ? "null"
                            : String.format(Locale.ROOT, "%.3f", r.timeToSolveSeconds()), r.solvedAtStep(), r.wallSeconds(),
                    r.cpuSeconds(), r.finalEvalMean());
        } else {
            out.printf(Locale.ROOT, "PPO CartPole-v1 (RL Zoo settings), %d steps, %d threads%n", r.timesteps(), threads());
            out.printf(Locale.ROOT, "  env steps/s      %,.0f   (SB3 on this machine: ~5,900)%n", r.envStepsPerSecond());
            out.printf(Locale.ROOT, "  second half      %,.0f env steps/s (after JIT warm-up)%n", r.secondHalfEnvStepsPerSecond());
            out.printf(Locale.ROOT, "  time to solve    %s   (SB3: 10-12 s)%n", Double.isNaN(r.timeToSolveSeconds())
                    ? "not solved" : String.format(Locale.ROOT, "%.2f s at step %d", r.timeToSolveSeconds(), r.solvedAtStep()));
            out.printf(Locale.ROOT, "  wall time        %.2f s   (SB3: ~16 s)%n", r.wallSeconds());
            out.printf(Locale.ROOT, "  CPU time         %.2f s   (%,.0f env steps per CPU second)%n", r.cpuSeconds(),
                    r.timesteps() / r.cpuSeconds());
            out.printf(Locale.ROOT, "  final eval mean  %.1f%n", r.finalEvalMean());
        }
    }

    /**
     * 1, or {@code -Djavelin.bench.threads=N}: with 2 the critic's half of the update runs on a second thread,
     * which was slower than one thread on the shared dev machine.
     */
    static int threads() {
        return Integer.getInteger("javelin.bench.threads", 1);
    }

    /**
     * One training run of the benchmark's workload in a temporary folder, with its timings.
     *
     * @throws Exception when the training run fails
     */
    public static Result measure() throws Exception {
        Path dir = Files.createTempDirectory("javelin-bench-ppo");
        try {
            PpoConfig c = Configs.override(Configs.defaults(PpoConfig.class),
                    Stream.concat(ZOO_CARTPOLE.stream(), Stream.of("experiment.directory=" + dir)).toList());
            var threads = ManagementFactory.getThreadMXBean();
            long cpuBegan = threads.getCurrentThreadCpuTime();
            long began = System.nanoTime();
            long[] solvedAt = {-1};
            double[] solvedSeconds = {Double.NaN};
            long[] half = {-1, 0};  // step and time at which the second half began
            long[] last = {0, 0};
            Training.Outcome o = Training.run(new Ppo(), "CartPole-v1", c, threads(), Optional.empty(), total -> new Progress() {
                @Override
                public void update(long step, double recentReturn) {
                    long now = System.nanoTime();
                    if (solvedAt[0] < 0 && recentReturn >= SOLVED) {
                        solvedAt[0] = step;
                        solvedSeconds[0] = (now - began) / 1e9;
                    }
                    if (half[0] < 0 && step >= total / 2) {
                        half[0] = step;
                        half[1] = now;
                    }
                    last[0] = step;
                    last[1] = now;
                }

                @Override
                public void close() {
                }
            });
            double wall = (System.nanoTime() - began) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - cpuBegan) / 1e9;
            double secondHalf = (last[0] - half[0]) / ((last[1] - half[1]) / 1e9);
            return new Result(c.timesteps(), o.summary().envStepsPerSecond(), secondHalf, solvedSeconds[0], solvedAt[0],
                    wall, cpu, o.summary().finalEvalReturnMean());
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the benchmark from the command line; {@code --json} prints one JSON object.
     *
     * @throws Exception when the training run fails
     */
    public static void main(String[] args) throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        new PpoBench().run(List.of(args).contains("--json"), out);
        out.flush();
    }
}
