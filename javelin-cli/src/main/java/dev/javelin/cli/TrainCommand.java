package dev.javelin.cli;

import dev.javelin.env.Envs;
import dev.javelin.rl.Algorithm;
import dev.javelin.rl.Algorithms;
import dev.javelin.rl.StopOnSignal;
import dev.javelin.rl.StopSignal;
import dev.javelin.rl.Training;
import dev.javelin.rl.TrainingStopped;
import dev.javelin.rl.config.ConfigException;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.config.Presets;
import dev.javelin.rl.config.TrainConfig;
import dev.javelin.rl.run.ConfigFile;
import dev.javelin.rl.run.RunDirectory;
import dev.javelin.rl.run.Summary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "train", description = {
        "Train an agent on an environment and write a run directory.",
        "",
        "A run directory holds config.yaml, metrics.csv, TensorBoard events, checkpoints/, reward.png "
                + "and summary.json. The config is the algorithm's defaults, then presets/<algo>/<env-id>.yaml "
                + "(or --config), then the options below, then each --set in order; every key is checked "
                + "before training starts.",
        ""})
class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<algo>", description = "algorithm, see `javelin algos`")
    String algo;

    @Parameters(index = "1", paramLabel = "<env-id>", description = "environment id, see `javelin envs`")
    String envId;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config (replaces the preset)")
    Optional<Path> config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one key, dotted for sections: experiment.write_interval=100")
    List<String> sets = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "same as --set seed=N")
    Optional<Long> seed;

    @Option(names = "--timesteps", paramLabel = "N", description = "environment steps over all envs; same as --set timesteps=N")
    Optional<Long> timesteps;

    @Option(names = "--num-envs", paramLabel = "N", description = "parallel environment copies; same as --set num_envs=N")
    Optional<Integer> numEnvs;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: available processors, ${DEFAULT-VALUE})")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--out", paramLabel = "DIR", description = "parent of the run directory (default runs/); same as --set experiment.directory=DIR")
    Optional<Path> out;

    @Option(names = "--quiet", description = "plain progress lines instead of a progress bar")
    boolean quiet;

    @Option(names = "--resume", paramLabel = "DIR|FILE", description = "continue the run in DIR from its checkpoint of the "
            + "highest step (a run without one restarts in place), or continue a checkpoint file kept outside its run "
            + "in a new run directory")
    Optional<Path> resume;

    @Override
    public Integer call() throws Exception {
        return train(Algorithms.find(algo));
    }

    private <C extends Record & TrainConfig> int train(Algorithm<C> algorithm) throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        Envs.spec(envId);
        Optional<Path> lone = resume.filter(p -> Files.isRegularFile(p) && !RunDirectory.isCheckpointOfRun(p));
        Optional<RunDirectory> run = lone.isPresent() ? Optional.empty() : resume.map(RunDirectory::of);
        Optional<ConfigFile> base = lone.isPresent()
                ? Optional.of(ConfigFile.ofCheckpoint(lone.get()).orElseThrow(() -> new IllegalArgumentException(
                        "cannot resume " + lone.get() + ": the checkpoint carries no config (written before checkpoints"
                                + " were self-contained); resume its run directory instead")))
                : run.map(RunDirectory::readConfig);
        C resolved = resolve(algorithm, base, resume.isPresent(), log);
        if (lone.isPresent()) {
            // a lone checkpoint continues in a new run directory that starts from a copy of it
            long at = RunDirectory.checkpointStep(lone.get()).orElse(0);
            if (at >= resolved.timesteps()) {
                throw new IllegalArgumentException("checkpoint " + lone.get() + " is already at step " + at
                        + ": timesteps " + resolved.timesteps() + " is reached; give a larger --timesteps to continue it");
            }
            algorithm.check(envId, resolved);
            RunDirectory created = Training.newRun(algorithm.name(), envId, resolved.experiment());
            Files.copy(lone.get(), created.checkpoints().resolve(lone.get().getFileName()));
            run = Optional.of(created);
        }
        Training.Outcome outcome;
        try (StopOnSignal signals = StopOnSignal.install()) {
            try {
                outcome = execute(algorithm, resolved, run, signals.signal());
            } catch (TrainingStopped e) {
                // said before the scope closes: once it does, the JVM's exit goes on and would cut the line
                spec.commandLine().getErr().println("javelin train: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return Main.STOPPED;
            }
        }
        outcome.warnings().forEach(w -> log.println("warning: " + w));
        Summary s = outcome.summary();
        log.printf(Locale.ROOT, "%s on %s: final eval %.2f ± %.2f over %d episodes%s; %.0f env steps/s; run %s%n",
                s.algo(), s.env(), s.finalEvalReturnMean(), s.finalEvalReturnStd(), s.evalEpisodes(),
                s.finalEvalSuccessRate() == null ? "" : String.format(Locale.ROOT, " (success %.2f)", s.finalEvalSuccessRate()),
                s.envStepsPerSecond(), outcome.run().path());
        return 0;
    }

    /** The run itself: here on this machine; {@code javelin cluster learner} runs it with remote workers. */
    <C extends Record & TrainConfig> Training.Outcome execute(Algorithm<C> algorithm, C resolved, Optional<RunDirectory> run,
            StopSignal stop) throws Exception {
        return Training.run(algorithm, envId, resolved, threads, run, total -> TerminalProgress.forRun(total, quiet), stop);
    }

    /**
     * Defaults, then the resumed run's config (its config.yaml, or the config a lone checkpoint carries) or
     * --config or the preset, then the options, then --set.
     */
    <C extends Record & TrainConfig> C resolve(Algorithm<C> algorithm, Optional<ConfigFile> resumed, boolean resuming,
            PrintWriter log) {
        C c = Configs.defaults(algorithm.configClass());
        Optional<ConfigFile> file = config.isPresent() ? config.map(ConfigFile::read)
                : resumed.isPresent() ? resumed
                : Presets.find(Presets.home(), algorithm.name(), envId).map(ConfigFile::read);
        if (file.isPresent()) {
            ConfigFile f = file.get();
            if (f.algo().isPresent() && !f.algo().get().equalsIgnoreCase(algorithm.name())) {
                throw new ConfigException(f.path() + " is a config for '" + f.algo().get() + "', not '" + algorithm.name() + "'");
            }
            if (resuming && f.env().isPresent() && !f.env().get().equals(envId)) {
                throw new ConfigException("cannot resume " + resume.orElseThrow() + " on " + envId + ": it trained on "
                        + f.env().get());
            }
            c = Configs.merge(c, f.settings(), f.path().toString());
            log.println("config: " + f.path());
        }
        List<String> assignments = new ArrayList<>();
        seed.ifPresent(v -> assignments.add("seed=" + v));
        timesteps.ifPresent(v -> assignments.add("timesteps=" + v));
        numEnvs.ifPresent(v -> assignments.add("num_envs=" + v));
        out.ifPresent(v -> assignments.add("experiment.directory=" + v));
        assignments.addAll(sets);
        return Configs.override(c, assignments);
    }
}
