package dev.javelin.cli;

import dev.javelin.rl.Algorithm;
import dev.javelin.rl.Algorithms;
import dev.javelin.rl.EvalContext;
import dev.javelin.rl.EvalResult;
import dev.javelin.rl.Evaluation;
import dev.javelin.rl.config.ConfigException;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.config.TrainConfig;
import dev.javelin.rl.run.ConfigFile;
import dev.javelin.rl.run.RunDirectory;
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

@Command(name = "eval", description = {
        "Evaluate a run's latest checkpoint (or one checkpoint file): mean ± std of the returns.",
        "The policy acts deterministically on a fresh environment."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<run-dir|checkpoint>")
    Path target;

    @Option(names = "--episodes", paramLabel = "N", description = "episodes to run (default: the run's eval_episodes, else 10)")
    Optional<Integer> episodes;

    @Option(names = "--video", paramLabel = "FILE.gif", description = "write a GIF of the first episode")
    Optional<Path> video;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the evaluation env (default: the run's seed + 1000000, "
            + "as the final evaluation of training)")
    Optional<Long> seed;

    @Option(names = "--env-kwarg", paramLabel = "KEY=VALUE", description = "evaluate with this env option changed "
            + "(repeatable; the run's env_kwargs otherwise), e.g. target_speed=none")
    List<String> envKwargs = new ArrayList<>();

    @Option(names = "--record-demos", paramLabel = "N", description = "also run the policy for N env steps and write "
            + "them as demonstrations (state, action, reward, next_state, done) to --demos-out")
    Optional<Integer> recordDemos;

    @Option(names = "--demos-out", paramLabel = "FILE", description = ".safetensors or .csv for --record-demos "
            + "(default: <run>/demonstrations.safetensors)")
    Optional<Path> demosOut;

    @Override
    public Integer call() throws Exception {
        if (episodes.isPresent() && episodes.get() < 1) {
            throw new IllegalArgumentException("--episodes must be >= 1, got " + episodes.get());
        }
        if (video.isPresent() && !video.get().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gif")) {
            throw new IllegalArgumentException("--video writes a GIF: expected a .gif file name, got " + video.get());
        }
        Path checkpoint;
        ConfigFile file;
        if (Files.isRegularFile(target)) {
            checkpoint = target;
            file = ConfigFile.ofCheckpoint(target).orElseGet(() -> RunDirectory.of(target).readConfig());
        } else {
            RunDirectory run = RunDirectory.open(target);
            file = run.readConfig();
            checkpoint = run.latestCheckpoint().orElseThrow(
                    () -> new IllegalArgumentException("run " + run + " has no checkpoints/*.safetensors to evaluate"));
        }
        String algo = file.algo().orElseThrow(() -> new ConfigException(file.path() + " has no 'algo' key"));
        String env = file.env().orElseThrow(() -> new ConfigException(file.path() + " has no 'env' key"));
        return evaluate(Algorithms.find(algo), env, file, checkpoint);
    }

    private <C extends Record & TrainConfig> int evaluate(Algorithm<C> algorithm, String env, ConfigFile file,
            Path checkpoint) throws Exception {
        C config = Configs.merge(Configs.defaults(algorithm.configClass()), file.settings(), file.path().toString());
        for (String kv : envKwargs) {
            if (kv.indexOf('=') <= 0) {
                throw new IllegalArgumentException("--env-kwarg expects KEY=VALUE, got '" + kv + "'");
            }
        }
        config = Configs.override(config, envKwargs.stream().map(kv -> "env_kwargs." + kv).toList());
        int n = episodes.orElse(file.settings().path("eval_episodes").asInt(10));
        long evalSeed = seed.orElse(Evaluation.seedFor(config.seed()));
        EvalResult r = algorithm.evaluate(new EvalContext<>(env, config, checkpoint, n, evalSeed, video));
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s on %s, %s: %.2f ± %.2f over %d episodes%s%s%n", algorithm.name(), env,
                checkpoint, r.mean(), r.std(), r.episodes(),
                r.meanLength().isPresent() ? String.format(Locale.ROOT, " of %.1f steps", r.meanLength().getAsDouble()) : "",
                r.successRate().isPresent() ? String.format(Locale.ROOT, ", success %.2f", r.successRate().getAsDouble()) : "");
        video.ifPresent(v -> out.println("video: " + v));
        if (recordDemos.isPresent()) {
            Path demos = demosOut.orElse(RunDirectory.of(checkpoint).path().resolve("demonstrations.safetensors"));
            int recorded = algorithm.recordDemonstrations(new EvalContext<>(env, config, checkpoint, n,
                    seed.orElse(config.seed()), Optional.empty()), recordDemos.get(), demos);
            out.printf(Locale.ROOT, "demonstrations: %d transitions in %s%n", recorded, demos);
        }
        return 0;
    }
}
