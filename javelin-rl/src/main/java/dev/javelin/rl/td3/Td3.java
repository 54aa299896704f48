package dev.javelin.rl.td3;

import dev.javelin.rl.Algorithm;
import dev.javelin.rl.EvalContext;
import dev.javelin.rl.EvalResult;
import dev.javelin.rl.TrainContext;
import dev.javelin.rl.TrainResult;
import dev.javelin.rl.sac.OffPolicyTraining;
import java.nio.file.Path;

/**
 * Twin Delayed DDPG as {@code javelin train td3 <env>}: {@link Td3Agent}'s gradient step with twin critics in the
 * off-policy run SAC uses ({@link OffPolicyTraining}: replay, HER, parallel collectors, checkpoints, demonstrations).
 */
public final class Td3 implements Algorithm<Td3Config> {
    static final String NAME = "TD3";
    private static final OffPolicyTraining.Agents<Td3Config> AGENTS =
            (c, stateDim, actionDim, updates, rng) -> new Td3Agent(c, 2, stateDim, actionDim, updates, rng);

    /** Creates the algorithm; {@link java.util.ServiceLoader} calls it. */
    public Td3() {
    }

    @Override
    public String name() {
        return "td3";
    }

    @Override
    public String description() {
        return "Twin Delayed DDPG (twin Q, target policy smoothing, delayed actor), parallel collectors, demonstrations";
    }

    @Override
    public Class<Td3Config> configClass() {
        return Td3Config.class;
    }

    @Override
    public void check(String envId, Td3Config c) {
        OffPolicyTraining.check(NAME, envId, c);
    }

    @Override
    public TrainResult train(TrainContext<Td3Config> ctx) throws Exception {
        return OffPolicyTraining.train(ctx, NAME, AGENTS);
    }

    @Override
    public EvalResult evaluate(EvalContext<Td3Config> ctx) {
        return OffPolicyTraining.evaluate(ctx, NAME, AGENTS);
    }

    @Override
    public int recordDemonstrations(EvalContext<Td3Config> ctx, int transitions, Path out) {
        return OffPolicyTraining.recordDemonstrations(ctx, transitions, out, NAME, AGENTS);
    }
}
