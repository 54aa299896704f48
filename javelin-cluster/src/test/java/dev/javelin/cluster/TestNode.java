package dev.javelin.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.javelin.rl.Algorithm;
import dev.javelin.rl.Algorithms;
import dev.javelin.rl.StopOnSignal;
import dev.javelin.rl.StopSignal;
import dev.javelin.rl.TrainingStopped;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.config.TrainConfig;
import dev.javelin.rl.run.PlainProgress;
import dev.javelin.rl.run.RunDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The main class of the child JVMs of the multi-process tests (the CLI module is not a dependency of this one):
 * {@code learner <algo> <env> <port> <run-parent|resume=DIR> [credit_window=N] key=value...} or
 * {@code worker <host:port> <id> <envs> <status-file>}.
 */
public final class TestNode {
    private static final String WINDOW = "credit_window=";

    private TestNode() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "learner" -> {
                // SIGTERM as javelin cluster learner takes it: an orderly stop; the JVM's exit waits for the scope
                try (StopOnSignal signals = StopOnSignal.install()) {
                    try {
                        learner(args[1], args[2], Integer.parseInt(args[3]), args[4], Arrays.asList(args).subList(5, args.length),
                                signals.signal());
                    } catch (TrainingStopped e) {
                        System.out.println("STOPPED " + e.step() + ": " + e.getMessage());
                        System.out.flush();
                        // the JVM is exiting already (System.exit now would wait for the hook forever)
                        return;
                    }
                }
            }
            case "worker" -> {
                WorkerStatus s = new ClusterWorker(new WorkerOptions(args[1], "127.0.0.1", 0, Integer.parseInt(args[3]),
                        args[2], Duration.ofSeconds(60), Optional.of(Path.of(args[4])))).run();
                System.out.println("WORKER " + new ObjectMapper().writeValueAsString(s));
            }
            default -> throw new IllegalArgumentException("learner or worker, got " + args[0]);
        }
        System.exit(0);
    }

    private static <C extends Record & TrainConfig> void learner(String algo, String env, int port, String where,
            List<String> sets, StopSignal stop) throws Exception {
        SleepyEnv.register();
        @SuppressWarnings("unchecked")
        Algorithm<C> algorithm = (Algorithm<C>) Algorithms.find(algo);
        Optional<RunDirectory> resume = where.startsWith("resume=") ? Optional.of(RunDirectory.open(Path.of(where.substring(7))))
                : Optional.empty();
        C config = Configs.defaults(algorithm.configClass());
        if (resume.isPresent()) {
            config = Configs.merge(config, resume.get().readConfig().settings(), "config.yaml");
        } else {
            config = Configs.override(config, List.of("experiment.directory=" + where, "experiment.experiment_name=run"));
        }
        int window = sets.stream().filter(s -> s.startsWith(WINDOW)).map(s -> Integer.parseInt(s.substring(WINDOW.length())))
                .findFirst().orElse(1);
        config = Configs.override(config, sets.stream().filter(s -> !s.startsWith(WINDOW)).toList());
        ClusterLearner.Outcome o = ClusterLearner.run(algorithm, env, config, 1, resume,
                new ClusterOptions("127.0.0.1", port, window, Duration.ofSeconds(5), 0.5),
                total -> new PlainProgress(total, System.out, Duration.ofSeconds(2)), stop);
        System.out.println("LEARNER " + o.run().run().path());
    }
}
