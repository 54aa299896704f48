package dev.javelin.rl.sac;

import dev.javelin.rl.Algorithm;
import dev.javelin.rl.EvalContext;
import dev.javelin.rl.EvalResult;
import dev.javelin.rl.TrainContext;
import dev.javelin.rl.TrainResult;
import java.nio.file.Path;

/**
 * Soft Actor-Critic as {@code javelin train sac <env>}: {@link SacAgent}'s gradient step in the off-policy run
 * it shares with TD3 and DDPG ({@link OffPolicyTraining}).
 */
public final class Sac implements Algorithm<SacConfig> {
    /** Creates the algorithm; {@link java.util.ServiceLoader} calls it. */
    public Sac() {
    }

    static final String REPLAY_GROUP = OffPolicyTraining.REPLAY_GROUP;
    private static final OffPolicyTraining.Agents<SacConfig> AGENTS = SacAgent::new;

    @Override
    public String name() {
        return "sac";
    }

    @Override
    public String description() {
        return "Soft Actor-Critic (twin Q, tanh Gaussian, learned entropy), parallel collectors, demonstrations";
    }

    @Override
    public Class<SacConfig> configClass() {
        return SacConfig.class;
    }

    /** Gradient steps due once {@code envSteps} env steps are done: every train_freq steps after learning_starts. */
    public static long updatesDue(OffPolicyConfig c, long envSteps) {
        if (envSteps <= c.learningStarts()) {
            return 0;
        }
        return (envSteps / c.trainFreq() - c.learningStarts() / c.trainFreq()) * c.gradientSteps();
    }

    @Override
    public void check(String envId, SacConfig c) {
        OffPolicyTraining.check("SAC", envId, c);
    }

    @Override
    public TrainResult train(TrainContext<SacConfig> ctx) throws Exception {
        return OffPolicyTraining.train(ctx, "SAC", AGENTS);
    }

    /** Loads a checkpoint into {@code agent}; returns the env step it was written at. */
    static long load(SacAgent agent, Path file, boolean policyOnly) {
        return OffPolicyTraining.load(agent, file, policyOnly, "SAC");
    }

    @Override
    public EvalResult evaluate(EvalContext<SacConfig> ctx) {
        return OffPolicyTraining.evaluate(ctx, "SAC", AGENTS);
    }

    @Override
    public int recordDemonstrations(EvalContext<SacConfig> ctx, int transitions, Path out) {
        return OffPolicyTraining.recordDemonstrations(ctx, transitions, out, "SAC", AGENTS);
    }
}
