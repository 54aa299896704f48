package dev.javelin.rl.td3;

import dev.javelin.rl.Algorithm;
import dev.javelin.rl.EvalContext;
import dev.javelin.rl.EvalResult;
import dev.javelin.rl.TrainContext;
import dev.javelin.rl.TrainResult;
import dev.javelin.rl.sac.OffPolicyTraining;
import java.nio.file.Path;

/**
 * Deep Deterministic Policy Gradient as {@code javelin train ddpg <env>}: TD3 with its three features off (one
 * critic, no target policy smoothing, the actor and targets updated with every critic update), as skrl's DDPG.
 */
public final class Ddpg implements Algorithm<DdpgConfig> {
    static final String NAME = "DDPG";
    private static final OffPolicyTraining.Agents<DdpgConfig> AGENTS =
            (c, stateDim, actionDim, updates, rng) -> new Td3Agent(c.asTd3(), 1, stateDim, actionDim, updates, rng);

    /** Creates the algorithm; {@link java.util.ServiceLoader} calls it. */
    public Ddpg() {
    }

    @Override
    public String name() {
        return "ddpg";
    }

    @Override
    public String description() {
        return "Deep Deterministic Policy Gradient (TD3 with one critic, no smoothing, no delay)";
    }

    @Override
    public Class<DdpgConfig> configClass() {
        return DdpgConfig.class;
    }

    @Override
    public void check(String envId, DdpgConfig c) {
        OffPolicyTraining.check(NAME, envId, c);
    }

    @Override
    public TrainResult train(TrainContext<DdpgConfig> ctx) throws Exception {
        return OffPolicyTraining.train(ctx, NAME, AGENTS);
    }

    @Override
    public EvalResult evaluate(EvalContext<DdpgConfig> ctx) {
        return OffPolicyTraining.evaluate(ctx, NAME, AGENTS);
    }

    @Override
    public int recordDemonstrations(EvalContext<DdpgConfig> ctx, int transitions, Path out) {
        return OffPolicyTraining.recordDemonstrations(ctx, transitions, out, NAME, AGENTS);
    }
}
