package dev.javelin.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.javelin.rl.Algorithm;
import dev.javelin.rl.EvalContext;
import dev.javelin.rl.EvalResult;
import dev.javelin.rl.TrainContext;
import dev.javelin.rl.StopOnSignal;
import dev.javelin.rl.StopSignal;
import dev.javelin.rl.TrainResult;
import dev.javelin.rl.Training;
import dev.javelin.rl.TrainingStopped;
import dev.javelin.rl.config.TrainConfig;
import dev.javelin.rl.logging.Logger;
import dev.javelin.rl.ppo.PpoConfig;
import dev.javelin.rl.run.Progress;
import dev.javelin.rl.run.RunDirectory;
import dev.javelin.rl.sac.SacConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * {@code javelin cluster learner}: the algorithm's training run (run directory, config.yaml, TensorBoard,
 * metrics.csv, checkpoints, final evaluation, summary.json) with the experience coming from remote workers.
 * The run directory is a normal one: {@code javelin eval} and {@code javelin export} read its checkpoints, and
 * summary.json has a "cluster" section with the figures of {@link ClusterStats}.
 */
public final class ClusterLearner<C extends Record & TrainConfig> implements Algorithm<C> {
    private static final Duration FINISH_GRACE = Duration.ofMillis(500);
    /** How long a stop may take to write its checkpoint (within {@link StopOnSignal#WAIT_SECONDS}). */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Algorithm<C> base;
    private final ClusterOptions options;
    private final ClusterStats stats = new ClusterStats();

    private ClusterLearner(Algorithm<C> base, ClusterOptions options) {
        if (!base.name().equals("sac") && !base.name().equals("ppo")) {
            throw new IllegalArgumentException("javelin cluster trains sac or ppo, got '" + base.name() + "'");
        }
        this.base = base;
        this.options = options;
    }

    /** What a cluster run produced: the ordinary outcome and the cluster's figures (also in summary.json). */
    public record Outcome(Training.Outcome run, ClusterSummary cluster) {
    }

    /**
     * Trains {@code algorithm} on {@code envId} with remote workers, as {@link Training#run} does locally. A request
     * on {@code stop} ends the run as {@code javelin train}'s does: a checkpoint of everything inserted (with the
     * replay buffer, counters, policy version and the workers' sequence numbers), then this learner leaves the
     * cluster and {@link TrainingStopped} is thrown; the workers wait for the learner to come back with --resume.
     */
    public static <C extends Record & TrainConfig> Outcome run(Algorithm<C> algorithm, String envId, C config, int threads,
            Optional<RunDirectory> resume, ClusterOptions options, LongFunction<Progress> progress, StopSignal stop)
            throws Exception {
        ClusterLearner<C> learner = new ClusterLearner<>(algorithm, options);
        Training.Outcome outcome = Training.run(learner, envId, config, threads, resume, progress, stop);
        ClusterSummary cluster = learner.stats.summary();
        RunDirectory run = outcome.run();
        try {
            ObjectNode summary = (ObjectNode) JSON.readTree(Files.readAllBytes(run.summaryFile()));
            summary.set("cluster", JSON.valueToTree(cluster));
            Files.write(run.summaryFile(), JSON.writeValueAsBytes(summary));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add the cluster figures to " + run.summaryFile() + ": " + e.getMessage(), e);
        }
        return new Outcome(outcome, cluster);
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public void check(String envId, C config) {
        base.check(envId, config);
    }

    @Override
    public String description() {
        return base.description() + ", on a cluster";
    }

    @Override
    public Class<C> configClass() {
        return base.configClass();
    }

    @Override
    @SuppressWarnings("unchecked")
    public TrainResult train(TrainContext<C> ctx) throws Exception {
        SleepyEnv.register();
        LearnerCore core = switch (ctx.config()) {
            case SacConfig s -> new SacCore((TrainContext<SacConfig>) ctx, options, stats);
            case PpoConfig p -> new PpoCore((TrainContext<PpoConfig>) ctx, options, stats);
            default -> throw new IllegalArgumentException("javelin cluster trains sac or ppo, got " + base.name());
        };
        ActorSystem<LearnerMessage> system = ActorSystem.create(LearnerActor.create(core, stats, core.initialWeights()),
                ClusterNode.SYSTEM, ClusterNode.config(options.host(), options.port(), ClusterNode.LEARNER_ROLE, List.of()));
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        System.out.println("learner at " + options.host() + ":" + cluster.selfMember().address().getPort().get()
                + " (workers: javelin cluster worker --learner " + options.host() + ":"
                + cluster.selfMember().address().getPort().get() + ")");
        long t0 = System.nanoTime();
        Logger logger = ctx.logger();
        long writeInterval = ctx.config().experiment().writeIntervalFor(ctx.config().timesteps());
        long lastStats = core.steps();
        long stoppedAt = -1;
        try {
            while (!core.done()) {
                if (ctx.stopRequested()) {
                    CompletableFuture<Long> step = new CompletableFuture<>();
                    system.tell(new LearnerActor.Stop(step));
                    stoppedAt = step.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    break;
                }
                if (system.getWhenTerminated().toCompletableFuture().isDone()) {
                    throw new IllegalStateException("the learner's actor system stopped before the run was done");
                }
                Thread.sleep(20);
                long steps = core.steps();
                if (writeInterval > 0 && steps - lastStats >= writeInterval) {
                    stats.record(logger);
                    lastStats = steps;
                }
                synchronized (logger) {
                    logger.step(steps);
                }
                ctx.progress().update(steps, core.recentReturn());
            }
        } finally {
            if (stoppedAt < 0) {
                system.tell(LearnerActor.Finish.INSTANCE);
                // the Finished messages are on their way; then leave the cluster and stop
                Thread.sleep(FINISH_GRACE.toMillis());
            }
            system.terminate();
            awaitBounded(system.getWhenTerminated(), Duration.ofSeconds(15));
        }
        if (stoppedAt >= 0) {
            stats.record(logger);
            synchronized (logger) {
                logger.write(stoppedAt);
            }
            // even at the budget: the stop came before the last updates and the final evaluation
            throw new TrainingStopped(ctx.run().path(), stoppedAt);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        stats.record(logger);
        TrainResult result = core.finish(seconds);
        synchronized (logger) {
            logger.write(core.steps());
        }
        return result;
    }

    private static void awaitBounded(CompletionStage<?> stage, Duration timeout) throws Exception {
        try {
            stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("warning: the actor system did not stop within " + timeout);
        }
    }

    @Override
    public EvalResult evaluate(EvalContext<C> context) throws Exception {
        return base.evaluate(context);
    }
}
