package dev.javelin.rl;

import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.config.TrainConfig;
import dev.javelin.rl.logging.Logger;
import dev.javelin.rl.run.ConfigFile;
import dev.javelin.rl.run.Progress;
import dev.javelin.rl.run.RunDirectory;
import dev.javelin.rl.run.Segment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a training run gets from outside: the resolved config, where to write, how many
 * threads it may use, whether to continue the run from its latest checkpoint, the stop signal
 * its loop must read, and the segments the run went through before this one.
 *
 * @param earlier   segments of the run up to the resumed checkpoint (empty for a fresh run)
 * @param startStep the step this segment starts at (the resumed checkpoint's, or 0)
 * @param started   {@link System#nanoTime()} when this segment began
 */
public record TrainContext<C extends Record & TrainConfig>(
        String algo,
        String envId,
        C config,
        int threads,
        RunDirectory run,
        Logger logger,
        Progress progress,
        boolean resume,
        StopSignal stop,
        List<Segment> earlier,
        long startStep,
        long started) {

    /** Metadata keys of a self-contained checkpoint (besides {@link RunDirectory#STEP_KEY}). */
    public static final String ALGO_KEY = "algo";
    public static final String ENV_KEY = "env";
    public static final String CONFIG_KEY = ConfigFile.CONFIG_KEY;
    public static final String SEGMENTS_KEY = "segments";

    /** Rejects fewer than one thread. */
    public TrainContext {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        earlier = List.copyOf(earlier);
    }

    public boolean stopRequested() {
        return stop.requested();
    }

    /** Ends the run after its checkpoint at {@code step} when a stop was asked before the timesteps were done. */
    public void endIfStopped(long step) {
        if (stop.requested() && step < config.timesteps()) {
            throw new TrainingStopped(run.path(), step);
        }
    }

    /** The run's segments, this one ending at {@code step} after {@code seconds}. */
    public List<Segment> segmentsUpTo(long step, double seconds) {
        List<Segment> all = new ArrayList<>(earlier);
        all.add(new Segment(startStep, Math.max(startStep, step), seconds));
        return all;
    }

    /**
     * Writes {@code checkpoints/agent_<step>.safetensors} (atomically), self-contained: the algorithm, env id,
     * resolved config and segments go into its metadata, so the file alone can be evaluated or resumed.
     */
    public Path saveCheckpoint(Checkpoint checkpoint, long step) {
        Path file = run.checkpoints().resolve("agent_" + step + ".safetensors");
        checkpoint.meta(ALGO_KEY, algo).meta(ENV_KEY, envId).meta(RunDirectory.STEP_KEY, step)
                .meta(CONFIG_KEY, ConfigFile.render(algo, envId, config))
                .meta(SEGMENTS_KEY, Segment.encode(segmentsUpTo(step, (System.nanoTime() - started) / 1e9)))
                .write(file);
        return file;
    }
}
