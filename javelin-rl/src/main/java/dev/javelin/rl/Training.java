package dev.javelin.rl;

import dev.javelin.rl.config.Experiment;
import dev.javelin.rl.config.TrainConfig;
import dev.javelin.rl.logging.Logger;
import dev.javelin.rl.logging.MetricsCsv;
import dev.javelin.rl.logging.RewardPlot;
import dev.javelin.rl.logging.TensorBoardWriter;
import dev.javelin.rl.run.Progress;
import dev.javelin.rl.run.RunDirectory;
import dev.javelin.rl.run.Summary;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * A whole run around {@link Algorithm#train}: run directory and config.yaml first, then training
 * with TensorBoard + CSV logging and progress, then reward.png and summary.json.
 * The command line, benchmarks and learning tests all go through here.
 */
public final class Training {
    /** Where the run is, what it measured, and anything that could not be produced (e.g. no plot). */
    public record Outcome(RunDirectory run, Summary summary, List<String> warnings) {
    }

    private Training() {
    }

    /**
     * Trains a new run (or continues {@code resume}, whose config.yaml is rewritten with {@code config}).
     *
     * @param progress builds the progress reporter for a run of the given total timesteps
     *
     * @throws Exception what the algorithm's {@code train} throws
     */
    public static <C extends Record & TrainConfig> Outcome run(Algorithm<C> algorithm, String envId, C config,
            int threads, Optional<RunDirectory> resume, LongFunction<Progress> progress) throws Exception {
        Experiment experiment = config.experiment();
        RunDirectory run = resume.orElseGet(() -> {
            Path parent = Path.of(experiment.directory().isEmpty() ? "runs" : experiment.directory());
            boolean named = !experiment.experimentName().isEmpty();
            String name = named ? experiment.experimentName()
                    : RunDirectory.defaultName(algorithm.name(), envId, LocalDateTime.now());
            return RunDirectory.create(parent, name, named);
        });
        run.writeConfig(algorithm.name(), envId, config);

        TrainResult result;
        try (Logger logger = new Logger(experiment.writeIntervalFor(config.timesteps()),
                List.of(new TensorBoardWriter(run.path()), new MetricsCsv(run.metricsFile())));
             Progress bar = progress.apply(config.timesteps())) {
            result = algorithm.train(new TrainContext<>(envId, config, threads, run, logger, bar, resume.isPresent()));
        }

        List<String> warnings = new ArrayList<>();
        try {
            RewardPlot.write(run.metricsFile(), algorithm.name().toUpperCase() + " on " + envId, run.rewardPlot());
        } catch (IllegalArgumentException e) {
            warnings.add("reward.png not written: " + e.getMessage());
        }
        EvalResult eval = result.finalEval();
        Summary summary = new Summary(algorithm.name(), envId, config.seed(), config.timesteps(), config.numEnvs(),
                threads, result.trainSeconds(), result.envStepsPerSecond(), eval.mean(), eval.std(), eval.episodes(),
                eval.successRate().isPresent() ? eval.successRate().getAsDouble() : null);
        run.writeSummary(summary);
        return new Outcome(run, summary, List.copyOf(warnings));
    }
}
