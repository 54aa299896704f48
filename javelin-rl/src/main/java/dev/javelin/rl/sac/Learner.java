package dev.javelin.rl.sac;

import dev.javelin.rl.logging.Logger;
import dev.javelin.rl.memory.Demonstrations;
import dev.javelin.rl.memory.ReplayBuffer;
import dev.javelin.rl.memory.Transitions;
import dev.javelin.tensor.Rng;
import java.util.Optional;

/** Gradient steps on batches from the replay buffer (mixed with demonstrations when given), logged as skrl does. */
public final class Learner {
    private final OffPolicyAgent agent;
    private final ReplayBuffer buffer;
    private final Optional<Demonstrations> demos;
    private final int batchSize;
    private final RandomStreams streams;
    private final Logger logger;

    public Learner(OffPolicyAgent agent, ReplayBuffer buffer, Optional<Demonstrations> demos, int batchSize, RandomStreams streams,
            Logger logger) {
        this.agent = agent;
        this.buffer = buffer;
        this.demos = demos;
        this.batchSize = batchSize;
        this.streams = streams;
        this.logger = logger;
    }

    /**
     * One gradient step, its batch and noise drawn from {@code streams.at(updates so far)}; skipped while there
     * is nothing to sample (a resumed run without its replay).
     */
    public void update() {
        boolean replayNeeded = demos.map(d -> d.rowsIn(batchSize) < batchSize).orElse(true);
        if (replayNeeded && buffer.size() == 0) {
            return;
        }
        Rng rng = streams.at(agent.updates());
        Transitions batch = demos.isPresent() ? demos.get().mix(buffer, batchSize, rng) : buffer.sample(batchSize, rng);
        agent.learn(batch, demos.map(d -> d.rowsIn(batchSize)).orElse(0), rng, logger);
    }
}
