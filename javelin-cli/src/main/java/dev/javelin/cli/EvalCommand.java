package dev.javelin.cli;

import dev.javelin.rl.Algorithm;
import dev.javelin.rl.Algorithms;
import dev.javelin.rl.EvalContext;
import dev.javelin.rl.EvalResult;
import dev.javelin.rl.config.ConfigException;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.config.TrainConfig;
import dev.javelin.rl.run.ConfigFile;
import dev.javelin.rl.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Option(names = "--episodes", paramLabel = "N", description = "episodes to run (default ${DEFAULT-VALUE})")
    int episodes = 10;

    @Option(names = "--video", paramLabel = "FILE.gif", description = "write a GIF of the first episode")
    Optional<Path> video;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the evaluation env (default: the run's seed)")
    Optional<Long> seed;

    @Option(names = "--record-demos", paramLabel = "N", description = "also run the policy for N env steps and write "
            + "them as demonstrations (state, action, reward, next_state, done) to --demos-out")
    Optional<Integer> recordDemos;

    @Option(names = "--demos-out", paramLabel = "FILE", description = ".safetensors or .csv for --record-demos "
            + "(default: <run>/demonstrations.safetensors)")
    Optional<Path> demosOut;

    @Override
    public Integer call() throws Exception {
        if (episodes < 1) {
            throw new IllegalArgumentException("--episodes must be >= 1, got " + episodes);
        }
        if (video.isPresent() && !video.get().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gif")) {
            throw new IllegalArgumentException("--video writes a GIF: expected a .gif file name, got " + video.get());
        }
        RunDirectory run = RunDirectory.of(target);
        ConfigFile file = run.readConfig();
        String algo = file.algo().orElseThrow(() -> new ConfigException(run.configFile() + " has no 'algo' key"));
        String env = file.env().orElseThrow(() -> new ConfigException(run.configFile() + " has no 'env' key"));
        Path checkpoint = Files.isRegularFile(target) ? target : run.latestCheckpoint().orElseThrow(
                () -> new IllegalArgumentException("run " + run + " has no checkpoints/*.safetensors to evaluate"));
        return evaluate(Algorithms.find(algo), env, file, checkpoint);
    }

    private <C extends Record & TrainConfig> int evaluate(Algorithm<C> algorithm, String env, ConfigFile file,
            Path checkpoint) throws Exception {
        C config = Configs.merge(Configs.defaults(algorithm.configClass()), file.settings(), file.path().toString());
        EvalResult r = algorithm.evaluate(new EvalContext<>(env, config, checkpoint, episodes,
                seed.orElse(config.seed()), video));
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s on %s, %s: %.2f ± %.2f over %d episodes%s%n", algorithm.name(), env,
                checkpoint, r.mean(), r.std(), r.episodes(),
                r.successRate().isPresent() ? String.format(Locale.ROOT, ", success %.2f", r.successRate().getAsDouble()) : "");
        video.ifPresent(v -> out.println("video: " + v));
        if (recordDemos.isPresent()) {
            Path demos = demosOut.orElse(RunDirectory.of(checkpoint).path().resolve("demonstrations.safetensors"));
            int n = algorithm.recordDemonstrations(new EvalContext<>(env, config, checkpoint, episodes,
                    seed.orElse(config.seed()), Optional.empty()), recordDemos.get(), demos);
            out.printf(Locale.ROOT, "demonstrations: %d transitions in %s%n", n, demos);
        }
        return 0;
    }
}
