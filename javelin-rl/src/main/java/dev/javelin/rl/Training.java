package dev.javelin.rl;

import dev.javelin.rl.config.Experiment;
import dev.javelin.rl.config.TrainConfig;
import dev.javelin.rl.logging.Logger;
import dev.javelin.rl.logging.MetricsCsv;
import dev.javelin.rl.logging.RewardPlot;
import dev.javelin.rl.logging.TensorBoardWriter;
import dev.javelin.rl.run.Progress;
import dev.javelin.rl.run.RunDirectory;
import dev.javelin.rl.run.RunLock;
import dev.javelin.rl.run.Segment;
import dev.javelin.rl.run.Summary;
import dev.javelin.tensor.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * A whole run around {@link Algorithm#train}: run directory (locked for this writer) and config.yaml
 * first, then training with TensorBoard + CSV logging and progress, then reward.png and summary.json.
 * A requested {@link StopSignal} (the command line's {@link StopOnSignal}) stops the loop at its next safe point,
 * after its checkpoint.
 * The command line, benchmarks and learning tests all go through here.
 */
public final class Training {
    /** Where the run is, what it measured, and anything that could not be produced (e.g. no plot). */
    public record Outcome(RunDirectory run, Summary summary, List<String> warnings) {
    }

    private Training() {
    }

    /**
     * Trains a new run, or continues {@code resume} from its checkpoint of the highest step (a run with no
     * checkpoint restarts in place); the resumed run's config.yaml is rewritten with {@code config}.
     *
     * @param progress builds the progress reporter for a run of the given total timesteps
     *
     * @throws Exception what the algorithm's {@code train} throws
     */
    public static <C extends Record & TrainConfig> Outcome run(Algorithm<C> algorithm, String envId, C config,
            int threads, Optional<RunDirectory> resume, LongFunction<Progress> progress) throws Exception {
        return run(algorithm, envId, config, threads, resume, progress, new StopSignal());
    }

    /** As above; a request on {@code stop} ends the run with its checkpoint and {@link TrainingStopped}. */
    public static <C extends Record & TrainConfig> Outcome run(Algorithm<C> algorithm, String envId, C config,
            int threads, Optional<RunDirectory> resume, LongFunction<Progress> progress, StopSignal stop)
            throws Exception {
        // everything that can be refused is refused before a directory exists
        algorithm.check(envId, config);
        Experiment experiment = config.experiment();
        RunDirectory run = resume.orElseGet(() -> newRun(algorithm.name(), envId, experiment));
        try (RunLock lock = RunLock.acquire(run.path())) {
            Optional<Path> latest = run.latestCheckpoint();
            long startStep = latest.map(p -> RunDirectory.checkpointStep(p).orElseThrow()).orElse(0L);
            if (startStep >= config.timesteps() && latest.isPresent()) {
                throw new IllegalArgumentException("run " + run + " is already at step " + startStep + " ("
                        + latest.get().getFileName() + "): timesteps " + config.timesteps()
                        + " is reached; give a larger --timesteps to continue it");
            }
            List<Segment> earlier = latest.isEmpty() ? List.of() : earlierSegments(run, latest.get(), startStep);
            run.writeConfig(algorithm.name(), envId, config);
            // rows past the checkpoint are from steps that will be trained again: curves must not go back
            if (Files.exists(run.metricsFile())) {
                MetricsCsv.dropAfter(run.metricsFile(), startStep);
            }

            TrainResult result;
            long started = System.nanoTime();
            try (Logger logger = new Logger(experiment.writeIntervalFor(config.timesteps()),
                    List.of(resume.isPresent() ? TensorBoardWriter.resumed(run.path(), startStep)
                            : new TensorBoardWriter(run.path()), new MetricsCsv(run.metricsFile())));
                 Progress bar = progress.apply(config.timesteps())) {
                result = algorithm.train(new TrainContext<>(algorithm.name(), envId, config, threads, run, logger, bar,
                        latest.isPresent(), stop, earlier, startStep, started));
            }

            List<String> warnings = new ArrayList<>();
            if (!lock.staleHolder().isEmpty()) {
                warnings.add("took over the lock of " + lock.staleHolder() + ", a process that had ended without releasing it");
            }
            try {
                RewardPlot.write(run.metricsFile(), algorithm.name().toUpperCase() + " on " + envId, run.rewardPlot());
            } catch (IllegalArgumentException e) {
                warnings.add("reward.png not written: " + e.getMessage());
            }
            List<Segment> segments = new ArrayList<>(earlier);
            segments.add(new Segment(startStep, startStep + result.envSteps(), result.trainSeconds()));
            double wall = segments.stream().mapToDouble(Segment::wallSeconds).sum();
            long steps = segments.stream().mapToLong(s -> s.toStep() - s.fromStep()).sum();
            EvalResult eval = result.finalEval();
            Summary summary = new Summary(algorithm.name(), envId, config.seed(), startStep + result.envSteps(),
                    config.numEnvs(), threads, wall, wall > 0 ? steps / wall : 0, eval.mean(), eval.std(),
                    eval.episodes(), segments, eval.successRate().isPresent() ? eval.successRate().getAsDouble() : null,
                    eval.meanLength().isPresent() ? eval.meanLength().getAsDouble() : null);
            run.writeSummary(summary);
            return new Outcome(run, summary, List.copyOf(warnings));
        }
    }

    /** A new run directory as the experiment names it: its experiment_name, else skrl's default name. */
    public static RunDirectory newRun(String algo, String envId, Experiment experiment) {
        Path parent = Path.of(experiment.directory().isEmpty() ? "runs" : experiment.directory());
        boolean named = !experiment.experimentName().isEmpty();
        String name = named ? experiment.experimentName() : RunDirectory.defaultName(algo, envId, LocalDateTime.now());
        return RunDirectory.create(parent, name, named);
    }

    /**
     * The segments up to the resumed checkpoint: those it records, else (a checkpoint without them) those of
     * summary.json when the previous segment finished at that very step, else none known.
     */
    private static List<Segment> earlierSegments(RunDirectory run, Path checkpoint, long step) {
        try {
            String text = SafeTensors.readMetadata(checkpoint).get(TrainContext.SEGMENTS_KEY);
            if (text != null) {
                return Segment.decode(text);
            }
        } catch (IOException e) {
            // not a safetensors header (a test double's file): fall through to summary.json
        }
        if (Files.isRegularFile(run.summaryFile())) {
            Summary previous = run.readSummary();
            if (previous.timesteps() == step) {
                return previous.segments();
            }
        }
        return List.of();
    }
}
