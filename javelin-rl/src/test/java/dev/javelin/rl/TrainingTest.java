package dev.javelin.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.rl.config.Configs;
import dev.javelin.rl.config.SampleConfig;
import dev.javelin.rl.logging.MetricsCsv;
import dev.javelin.rl.logging.RewardPlot;
import dev.javelin.rl.run.AtomicFiles;
import dev.javelin.rl.run.Progress;
import dev.javelin.rl.run.RunDirectory;
import dev.javelin.rl.run.Segment;
import dev.javelin.rl.run.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {
    @TempDir
    Path dir;

    /** Stands in for an agent: a return that grows with the steps, a checkpoint, a fixed evaluation. */
    static final class Counting implements Algorithm<SampleConfig> {
        boolean resumed;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public String description() {
            return "test algorithm";
        }

        @Override
        public Class<SampleConfig> configClass() {
            return SampleConfig.class;
        }

        @Override
        public void check(String envId, SampleConfig config) {
            // a test double: it runs on any env and allocates nothing
        }

        @Override
        public TrainResult train(TrainContext<SampleConfig> ctx) {
            resumed = ctx.resume();
            int n = ctx.config().numEnvs();
            for (long step = ctx.startStep() + n; step <= ctx.config().timesteps(); step += n) {
                ctx.logger().record(RewardPlot.RETURN_TAG, step / 10.0);
                ctx.logger().step(step);
                ctx.progress().update(step, step / 10.0);
            }
            AtomicFiles.write(ctx.run().checkpoints().resolve("agent_" + ctx.config().timesteps() + ".safetensors"),
                    new byte[8]);
            return new TrainResult(ctx.config().timesteps() - ctx.startStep(), 2.0, new EvalResult(new double[] {9, 11}));
        }

        @Override
        public EvalResult evaluate(EvalContext<SampleConfig> ctx) {
            return new EvalResult(new double[] {ctx.episodes()});
        }
    }

    @Test
    void aRunLeavesTheDocumentedFilesAndSummary() throws Exception {
        SampleConfig config = Configs.override(Configs.defaults(SampleConfig.class), List.of(
                "timesteps=1000", "num_envs=4", "experiment.directory=" + dir, "experiment.write_interval=100"));
        List<Long> progressSteps = new ArrayList<>();
        boolean[] closed = {false};
        Training.Outcome outcome = Training.run(new Counting(), "CartPole-v1", config, 2, Optional.empty(),
                total -> new Progress() {
                    @Override
                    public void update(long step, double recentReturn) {
                        progressSteps.add(step);
                    }

                    @Override
                    public void close() {
                        closed[0] = true;
                    }
                });
        RunDirectory run = outcome.run();
        assertTrue(run.path().getFileName().toString().startsWith("counting-CartPole-v1-"), run.path().toString());
        assertEquals(dir, run.path().getParent());
        for (Path p : List.of(run.configFile(), run.metricsFile(), run.rewardPlot(), run.summaryFile())) {
            assertTrue(Files.size(p) > 0, p + " is empty");
        }
        try (Stream<Path> files = Files.list(run.path())) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).count());
        }
        assertEquals(10, MetricsCsv.read(run.metricsFile()).series(RewardPlot.RETURN_TAG).size());
        assertEquals(new Summary("counting", "CartPole-v1", 42, 1000, 4, 2, 2.0, 500.0, 10.0, 1.0, 2,
                        List.of(new Segment(0, 1000, 2.0))),
                outcome.summary());
        assertEquals(outcome.summary(), run.readSummary());
        assertEquals(List.of(), outcome.warnings());
        assertEquals(250, progressSteps.size());
        assertTrue(closed[0]);

        Counting again = new Counting();
        SampleConfig longer = Configs.override(config, List.of("timesteps=2000"));
        Training.Outcome resumed = Training.run(again, "CartPole-v1", longer, 1, Optional.of(run), total -> Progress.NONE);
        assertTrue(again.resumed);
        assertEquals(run.path(), resumed.run().path());
        assertEquals(20, MetricsCsv.read(run.metricsFile()).series(RewardPlot.RETURN_TAG).size());
        assertTrue(Files.readString(run.configFile()).contains("timesteps: 2000"));
    }

    @Test
    void aRunWithoutReturnsWarnsInsteadOfPlotting() throws Exception {
        SampleConfig config = Configs.override(Configs.defaults(SampleConfig.class), List.of(
                "timesteps=10", "experiment.directory=" + dir, "experiment.experiment_name=quiet",
                "experiment.write_interval=0"));
        Training.Outcome outcome = Training.run(new Counting(), "CartPole-v1", config, 1, Optional.empty(),
                total -> Progress.NONE);
        assertEquals(dir.resolve("quiet"), outcome.run().path());
        assertFalse(Files.exists(outcome.run().rewardPlot()));
        assertEquals(1, outcome.warnings().size());
        assertTrue(outcome.warnings().getFirst().startsWith("reward.png not written"), outcome.warnings().toString());
        assertThrows(IllegalArgumentException.class, () -> Training.run(new Counting(), "CartPole-v1", config, 1,
                Optional.empty(), total -> Progress.NONE));
    }

    @Test
    void unknownAlgorithmsListTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Algorithms.find("nope"));
        assertTrue(e.getMessage().startsWith("unknown algorithm 'nope'; known: "), e.getMessage());
    }

    @Test
    void evalResultReportsPopulationStd() {
        EvalResult r = new EvalResult(new double[] {1, 3});
        assertEquals(2.0, r.mean());
        assertEquals(1.0, r.std());
        assertThrows(IllegalArgumentException.class, () -> new EvalResult(new double[0]));
        assertTrue(r.meanLength().isEmpty(), "lengths not counted");
        assertEquals(15.0, new EvalResult(new double[] {1, 3}, new double[0], new int[] {10, 20}).meanLength().orElseThrow());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EvalResult(new double[] {1, 3}, new double[0], new int[] {10}));
        assertTrue(e.getMessage().contains("1 lengths for 2 episodes"), e.getMessage());
    }

}
