package dev.javelin.env.wrappers;

import dev.javelin.env.Env;
import dev.javelin.env.Step;

/**
 * Scales rewards by the running standard deviation of the discounted return, as Gymnasium 0.29.1's
 * {@code NormalizeReward}: {@code G <- G * gamma * (1 - terminated) + r}, update the statistics with G,
 * return {@code r / sqrt(var(G) + epsilon)}. Rewards are not centered. As in 0.29.1 G is cut only on
 * termination, at the terminating step itself, and survives truncation and reset.
 */
public final class NormalizeReward<O, A> extends Wrapper<O, A> {
    private final double gamma;
    private final double epsilon;
    private final RunningMeanStd returnRms = new RunningMeanStd(1);
    private double discountedReturn;
    private boolean update = true;

    /** Scales rewards with Gymnasium's defaults: gamma 0.99, epsilon 1e-8. */
    public NormalizeReward(Env<O, A> env) {
        this(env, 0.99, 1e-8);
    }

    /** Divides rewards by the running std of the discounted return with discount {@code gamma}. */
    public NormalizeReward(Env<O, A> env, double gamma, double epsilon) {
        super(env);
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("NormalizeReward: gamma = " + gamma + ", expected in [0, 1]");
        }
        this.gamma = gamma;
        this.epsilon = epsilon;
    }

    /** The running statistics of the discounted return. */
    public RunningMeanStd runningMeanStd() { return returnRms; }

    /** Whether steps still update the statistics (off for evaluation). */
    public void setUpdate(boolean update) { this.update = update; }

    @Override
    public Step<O> step(A action) {
        Step<O> s = env.step(action);
        discountedReturn = discountedReturn * gamma * (s.terminated() ? 0 : 1) + s.reward();
        if (update) {
            returnRms.update(discountedReturn);
        }
        return s.withReward(s.reward() / Math.sqrt(returnRms.var(0) + epsilon));
    }
}
