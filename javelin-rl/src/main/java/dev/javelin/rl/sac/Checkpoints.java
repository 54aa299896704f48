package dev.javelin.rl.sac;

import dev.javelin.rl.TrainContext;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.memory.ReplayBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * skrl's checkpoints: {@code checkpoints/agent_<timestep>.safetensors} every checkpoint_interval env steps
 * and at the end (written to a temporary file, then renamed). With {@code save_replay} the replay buffer
 * goes to {@code replay/agent_<timestep>.safetensors} (only the latest is kept: it can be large).
 */
final class Checkpoints {
    private final TrainContext<? extends OffPolicyConfig> ctx;
    private final OffPolicyAgent agent;
    private final ReplayBuffer buffer;
    private final long interval;
    private long next;

    /** Checkpoints of a run that starts at {@code start} (0, or the step of the checkpoint it resumed). */
    Checkpoints(TrainContext<? extends OffPolicyConfig> ctx, OffPolicyAgent agent, ReplayBuffer buffer, long start) {
        this.ctx = ctx;
        this.agent = agent;
        this.buffer = buffer;
        this.interval = ctx.config().experiment().checkpointIntervalFor(ctx.config().timesteps());
        // the next multiple after the start: counted from 0, a run resumed at 5000 saved again at 5001
        this.next = nextAfter(start);
    }

    private long nextAfter(long step) {
        return (step / Math.max(1, interval) + 1) * Math.max(1, interval);
    }

    /** Saves when {@code step} reached the next multiple of the interval (steps may jump in parallel runs). */
    void maybeSave(long step) {
        if (interval > 0 && step >= next && step < ctx.config().timesteps()) {
            save(step);
        }
    }

    /** Callers must hold the agent still (no update running) while this reads it. */
    void save(long step) {
        next = nextAfter(step);
        Path file = ctx.run().checkpoints().resolve("agent_" + step + ".safetensors");
        try {
            if (ctx.config().saveReplay()) {
                Path dir = ctx.run().path().resolve(OffPolicyTraining.REPLAY_DIR);
                Path replay = OffPolicyTraining.replayFile(ctx.run().path(), file);
                new Checkpoint().put(OffPolicyTraining.REPLAY_GROUP, buffer.state()).meta(OffPolicyTraining.STEP_KEY, step).write(replay);
                try (Stream<Path> old = Files.list(dir)) {
                    for (Path p : old.filter(p -> !p.equals(replay)).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            // the agent file last: a resume finds a replay for every checkpoint it can see
            ctx.saveCheckpoint(agent.checkpoint(), step);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
