package dev.javelin.cli;

import static dev.javelin.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.cli.CliRun.Result;
import dev.javelin.rl.logging.MetricsCsv;
import dev.javelin.rl.logging.MetricsTable;
import dev.javelin.rl.run.RunDirectory;
import dev.javelin.rl.run.Segment;
import dev.javelin.rl.run.Summary;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20 and 19's checkpoint items, through the command line as an operator uses it. */
class RunLifecycleTest {
    @TempDir
    Path dir;

    private Result train(String algo, String env, String name, String... more) {
        List<String> args = new ArrayList<>(List.of("train", algo, env, "--out", dir.resolve("runs").toString(),
                "--quiet", "--threads", "1", "--set", "experiment.experiment_name=" + name));
        args.addAll(List.of(more));
        Result r = run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return r;
    }

    private RunDirectory runDir(String name) {
        return RunDirectory.open(dir.resolve("runs").resolve(name));
    }

    /** "final eval M ± S over N episodes" of train, as eval prints it: ": M ± S over N episodes". */
    private static String figure(Summary s) {
        return String.format(Locale.ROOT, ": %.2f ± %.2f over %d episodes", s.finalEvalReturnMean(),
                s.finalEvalReturnStd(), s.evalEpisodes());
    }

    private void evalReproducesTheSummary(String name) {
        RunDirectory run = runDir(name);
        Result eval = run("eval", run.path().toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains(figure(run.readSummary())), eval.out() + " vs " + run.readSummary());
    }

    @Test
    void evalChangesAnEnvOptionWhenAsked() {
        train("ppo", "Pendulum-v1", "pendulum", "--timesteps", "1024", "--set", "eval_episodes=2");
        RunDirectory run = runDir("pendulum");
        assertEquals(200.0, run.readSummary().finalEvalLengthMean(), "Pendulum-v1 episodes last 200 steps");
        Result same = run("eval", run.path().toString(), "--env-kwarg", "g=10.0");
        assertTrue(same.out().contains(figure(run.readSummary()) + " of 200.0 steps"), same.out());
        Result weightless = run("eval", run.path().toString(), "--env-kwarg", "g=0.0");
        assertEquals(0, weightless.code(), weightless.err());
        assertFalse(weightless.out().contains(figure(run.readSummary())), "without gravity the returns differ: " + weightless.out());
        Result unknown = run("eval", run.path().toString(), "--env-kwarg", "gravity=0");
        assertEquals(Main.BAD_INPUT, unknown.code());
        assertTrue(unknown.err().contains("gravity"), unknown.err());
        Result malformed = run("eval", run.path().toString(), "--env-kwarg", "g");
        assertEquals(Main.BAD_INPUT, malformed.code());
        assertTrue(malformed.err().contains("--env-kwarg expects KEY=VALUE, got 'g'"), malformed.err());
    }

    @Test
    void evalOfAPpoRunPrintsTheSummarysFinalEval() {
        train("ppo", "CartPole-v1", "ppo", "--timesteps", "1024", "--set", "eval_episodes=3");
        evalReproducesTheSummary("ppo");
    }

    @Test
    void evalOfASacRunPrintsTheSummarysFinalEval() {
        train("sac", "Pendulum-v1", "sac", "--timesteps", "300", "--set", "net_arch=[16,16]", "--set", "batch_size=16",
                "--set", "learning_starts=100", "--set", "eval_episodes=2");
        evalReproducesTheSummary("sac");
    }

    @Test
    void evalOfAnAmpRunPrintsTheSummarysFinalEval() {
        train("amp", "PendulumSpin-v0", "amp", "--timesteps", "512", "--set", "num_envs=4", "--set", "rollouts=16",
                "--set", "hidden_sizes=[16]", "--set", "discriminator_hidden_sizes=[16]", "--set", "amp_batch_size=64",
                "--set", "motion_dataset_size=256", "--set", "replay_buffer_size=512", "--set", "eval_episodes=2");
        evalReproducesTheSummary("amp");
    }

    @Test
    void evalOfADreamerRunPrintsTheSummarysFinalEval() {
        train("dreamer", "CartPole-v1", "dreamer", "--config", Path.of("..", "presets", "dreamer", "CartPole-v1.yaml")
                .toString(), "--timesteps", "120", "--set", "num_envs=2", "--set", "batch_size=2", "--set",
                "batch_length=16", "--set", "imag_horizon=5", "--set", "train_ratio=4", "--set", "eval_episodes=2");
        evalReproducesTheSummary("dreamer");
    }

    @Test
    void aResumeWhoseTargetIsReachedIsRefusedAndChangesNothing() throws Exception {
        train("tally", "CartPole-v1", "done", "--timesteps", "400");
        RunDirectory run = runDir("done");
        String config = Files.readString(run.configFile());
        String summary = Files.readString(run.summaryFile());
        Result again = run("train", "tally", "CartPole-v1", "--resume", run.path().toString(), "--timesteps", "200",
                "--quiet");
        assertEquals(Main.BAD_INPUT, again.code());
        assertTrue(again.err().contains("run " + run + " is already at step 400 (agent_400.safetensors): timesteps 200"
                + " is reached; give a larger --timesteps to continue it"), again.err());
        assertEquals(config, Files.readString(run.configFile()));
        assertEquals(summary, Files.readString(run.summaryFile()));
    }

    @Test
    void aRunWithoutACheckpointRestartsInPlace() throws Exception {
        train("tally", "CartPole-v1", "empty", "--timesteps", "400");
        RunDirectory run = runDir("empty");
        // what a run stopped before its first checkpoint used to leave: config and rows, no checkpoint
        Files.delete(run.checkpoints().resolve("agent_400.safetensors"));
        Files.delete(run.summaryFile());
        Files.writeString(run.path().resolve(".lock"), "999999@crashed");  // what kill -9 leaves
        Result again = run("train", "tally", "CartPole-v1", "--resume", run.path().toString(), "--quiet");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("warning: took over the lock of 999999@crashed"), again.out());
        assertEquals(List.of(new Segment(0, 400, 0.5)), run.readSummary().segments());
        assertIncreasing(MetricsCsv.read(run.metricsFile()));
    }

    /**
     * A crash after the checkpoint at 512 while the run logged on to 1024 (what kill -9 leaves), then a resume:
     * the rows past 512 are dropped, so steps never go back, and the summary lists both segments.
     */
    @Test
    void afterACrashAndResumeTheMetricsNeverGoBack() throws Exception {
        train("ppo", "CartPole-v1", "crash", "--timesteps", "1024", "--set", "num_envs=4", "--set", "rollouts=32",
                "--set", "experiment.checkpoint_interval=512", "--set", "experiment.write_interval=128",
                "--set", "eval_episodes=1");
        RunDirectory run = runDir("crash");
        Files.delete(run.checkpoints().resolve("agent_1024.safetensors"));
        Files.delete(run.summaryFile());
        assertTrue(MetricsCsv.read(run.metricsFile()).rows().stream().anyMatch(r -> r.step() > 512));

        Result resumed = run("train", "ppo", "CartPole-v1", "--resume", run.path().toString(), "--quiet",
                "--threads", "1");
        assertEquals(0, resumed.code(), resumed.err());
        assertIncreasing(MetricsCsv.read(run.metricsFile()));
        Summary s = run.readSummary();
        assertEquals(1024, s.timesteps());
        assertEquals(2, s.segments().size());
        assertEquals(new Segment(0, 512, s.segments().get(0).wallSeconds()), s.segments().get(0));
        assertEquals(new Segment(512, 1024, s.segments().get(1).wallSeconds()), s.segments().get(1));
        assertEquals(s.segments().get(0).wallSeconds() + s.segments().get(1).wallSeconds(), s.wallSeconds(), 1e-9);
        try (Stream<Path> files = Files.list(run.path())) {
            assertEquals(2, files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).count());
        }
    }

    private static void assertIncreasing(MetricsTable table) {
        long previous = -1;
        for (MetricsTable.Row r : table.rows()) {
            assertTrue(r.step() > previous, "step " + r.step() + " after " + previous);
            previous = r.step();
        }
    }

    /** Issue 19: one checkpoint file copied alone into an empty folder is evaluated and resumed from there. */
    @Test
    void aCheckpointCopiedAloneIsEvaluatedAndResumed() throws Exception {
        train("ppo", "CartPole-v1", "source", "--timesteps", "512", "--set", "num_envs=4", "--set", "rollouts=32",
                "--set", "eval_episodes=2");
        RunDirectory source = runDir("source");
        Path alone = Files.createDirectories(dir.resolve("elsewhere")).resolve("agent_512.safetensors");
        Files.copy(source.checkpoints().resolve("agent_512.safetensors"), alone);

        Result eval = run("eval", alone.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains(figure(source.readSummary())), eval.out());

        Result reached = run("train", "ppo", "CartPole-v1", "--resume", alone.toString(), "--out",
                dir.resolve("refused").toString());
        assertEquals(Main.BAD_INPUT, reached.code());
        assertTrue(reached.err().contains("is already at step 512: timesteps 512 is reached"), reached.err());
        assertFalse(Files.exists(dir.resolve("refused")), "a refused resume creates no run directory");

        Result resumed = run("train", "ppo", "CartPole-v1", "--resume", alone.toString(), "--timesteps", "1024",
                "--quiet", "--threads", "1", "--set", "experiment.experiment_name=continued");
        assertEquals(0, resumed.code(), resumed.err());
        RunDirectory continued = runDir("continued");
        assertEquals(1024, continued.readSummary().timesteps());
        assertEquals(512, continued.readSummary().segments().get(1).fromStep());
        assertEquals(List.of("agent_512.safetensors"), List.of(alone.getParent().toFile().list()), "the copy is left as it was");
    }

    @Test
    void aCorruptedDataByteIsRejectedNamingTheFile() throws Exception {
        train("ppo", "CartPole-v1", "corrupt", "--timesteps", "256", "--set", "num_envs=4", "--set", "rollouts=32",
                "--set", "eval_episodes=1");
        Path file = runDir("corrupt").checkpoints().resolve("agent_256.safetensors");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long at = ch.size() - 100;  // inside the data section, past the header
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            ch.write(ByteBuffer.wrap(new byte[] {(byte) (b.get(0) ^ 0x10)}), at);
        }
        Result eval = run("eval", file.toString());
        assertEquals(Main.BAD_INPUT, eval.code());
        assertTrue(eval.err().contains("checkpoint " + file + " is corrupt: its data has CRC-32C"), eval.err());
    }

    /** Checks that used to come after the run directory existed leave nothing behind now. */
    @Test
    void unsupportedEnvsAndOversizedBuffersAreRefusedBeforeAnyDirectoryExists() {
        Result sac = run("train", "sac", "CartPole-v1", "--out", dir.resolve("runs").toString(), "--quiet");
        assertEquals(Main.BAD_INPUT, sac.code());
        assertTrue(sac.err().contains("SAC needs a bounded Box action space"), sac.err());
        Result amp = run("train", "amp", "Pendulum-v1", "--out", dir.resolve("runs").toString(), "--quiet");
        assertEquals(Main.BAD_INPUT, amp.code());
        assertTrue(amp.err().contains("amp needs an env that provides AMP observations"), amp.err());
        Result huge = run("train", "ppo", "CartPole-v1", "--out", dir.resolve("runs").toString(), "--quiet",
                "--set", "num_envs=100000000");
        assertEquals(Main.BAD_INPUT, huge.code());
        assertTrue(huge.err().contains("PPO's rollout memory and 100000000 env copies would need about")
                && huge.err().contains("lower num_envs or rollouts"), huge.err());
        assertFalse(Files.exists(dir.resolve("runs")), "no run directory");
    }
}
