package dev.javelin.cli;

import dev.javelin.cluster.ClusterLearner;
import dev.javelin.cluster.ClusterOptions;
import dev.javelin.cluster.ClusterWorker;
import dev.javelin.cluster.WorkerOptions;
import dev.javelin.rl.Algorithm;
import dev.javelin.rl.StopSignal;
import dev.javelin.rl.Training;
import dev.javelin.rl.config.TrainConfig;
import dev.javelin.rl.run.RunDirectory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code javelin cluster learner|worker}: training spread over JVMs and machines on a Pekko cluster (docs/cluster.md). */
@Command(name = "cluster", description = {"Train with remote workers on an Apache Pekko cluster: one learner, any number of workers.", ""},
        subcommands = {ClusterCommand.Learner.class, ClusterCommand.Worker.class})
final class ClusterCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: learner or worker");
    }

    @Command(name = "learner", description = {
            "Train as `javelin train` does (same options and config keys, same run directory), with the experience "
                    + "coming from workers that join at HOST:PORT. sac and ppo.", ""})
    static final class Learner extends TrainCommand {
        @Option(names = "--port", paramLabel = "P", description = "Artery TCP port workers join (default ${DEFAULT-VALUE}; 0: any free one)")
        int port = ClusterOptions.DEFAULT_PORT;

        @Option(names = "--host", paramLabel = "HOST", description = "the name workers reach this machine at (default ${DEFAULT-VALUE})")
        String host = "127.0.0.1";

        @Option(names = "--credit-window", paramLabel = "N", description = "SAC: env steps each worker may run ahead of the learner (default ${DEFAULT-VALUE})")
        int creditWindow = 1;

        @Option(names = "--round-timeout", paramLabel = "SECONDS", description = "PPO: how long an update waits for every worker's fragment (default ${DEFAULT-VALUE})")
        double roundTimeout = 5;

        @Option(names = "--min-worker-share", paramLabel = "F", description = "PPO: after the timeout, the share of workers an update needs (default ${DEFAULT-VALUE})")
        double minWorkerShare = 0.5;

        @Override
        <C extends Record & TrainConfig> Training.Outcome execute(Algorithm<C> algorithm, C resolved,
                Optional<RunDirectory> run, StopSignal stop) throws Exception {
            // SIGINT / SIGTERM: checkpoint, leave the cluster, TrainingStopped; the workers wait for a --resume
            if (!(roundTimeout > 0)) {
                throw new IllegalArgumentException("--round-timeout must be > 0 seconds, got " + roundTimeout);
            }
            ClusterOptions options = new ClusterOptions(host, port, creditWindow,
                    Duration.ofMillis(Math.round(roundTimeout * 1000)), minWorkerShare);
            ClusterLearner.Outcome o = ClusterLearner.run(algorithm, envId, resolved, threads, run, options,
                    total -> TerminalProgress.forRun(total, quiet), stop);
            var c = o.cluster();
            spec.commandLine().getOut().printf(java.util.Locale.ROOT,
                    "cluster: %.0f env steps/s over %d workers joined (%d lost); policy lag mean %.2f, p99 %.0f; "
                            + "weight push p95 %.1f ms; %d duplicate and %d dropped batches%n",
                    c.envStepsPerSecond(), c.workerJoins(), c.workerLosses(), c.policyLagMean(), c.policyLagP99(),
                    c.weightPushMillisP95(), c.duplicateBatches(), c.droppedBatches());
            return o.run();
        }
    }

    @Command(name = "worker", description = {"Join a learner and act for it until its run is finished; "
            + "reconnects by itself when the learner restarts.", ""})
    static final class Worker implements Callable<Integer> {
        @Option(names = "--learner", required = true, paramLabel = "HOST:PORT", description = "the learner's address")
        String learner;

        @Option(names = "--envs", paramLabel = "N", description = "envs this worker steps (default ${DEFAULT-VALUE})")
        int envs = 1;

        @Option(names = "--host", paramLabel = "HOST", description = "the name the learner reaches this machine at (default ${DEFAULT-VALUE})")
        String host = "127.0.0.1";

        @Option(names = "--port", paramLabel = "P", description = "this worker's Artery port (default 0: any free one)")
        int port;

        @Option(names = "--id", paramLabel = "NAME", description = "its name in the learner's metrics (default: HOSTNAME-PID)")
        Optional<String> id;

        @Option(names = "--reconnect-timeout", paramLabel = "SECONDS", description = "give up after this long without a learner (default ${DEFAULT-VALUE})")
        long reconnectSeconds = 300;

        @Option(names = "--status", paramLabel = "FILE", description = "JSON file rewritten with this worker's counters")
        Optional<Path> status;

        @Override
        public Integer call() throws Exception {
            String name = id.orElse(InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid());
            var s = new ClusterWorker(new WorkerOptions(learner, host, port, envs, name,
                    Duration.ofSeconds(reconnectSeconds), status)).run();
            System.out.printf("worker %s: sent %d env steps, %d confirmed by the learner%n", s.worker(), s.sentSteps(),
                    s.confirmedSteps());
            return 0;
        }
    }
}
