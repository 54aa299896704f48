package dev.javelin.rl.sac;

import dev.javelin.env.Env;
import dev.javelin.env.Step;
import dev.javelin.rl.logging.EpisodeTracker;
import dev.javelin.rl.logging.SuccessTracker;
import dev.javelin.rl.logging.Logger;
import dev.javelin.rl.memory.ReplayBuffer;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.Optional;

/**
 * One actor of the experience collection: its own env, stepping with a policy and writing each transition to
 * the shared replay buffer. Truncated episodes are stored as not done, so their last state is bootstrapped
 * (SB3's handle_timeout_termination, skrl's stored "terminated"). Env step t draws its randomness (the
 * action, the seed of a reset) from {@code streams.at(t)}, and an episode starts at the first step after the
 * previous one ended, so a run resumed at an episode boundary collects what the uninterrupted run would have.
 */
final class Collector implements AutoCloseable {
    private final Env<float[], float[]> env;
    private final RandomStreams streams;
    private final EpisodeTracker tracker;
    private final SuccessTracker successes;
    private final Logger logger;
    private final float rewardScale;
    private final Optional<RewardNormalizer> normalizer;
    private final double gamma;
    private final int actionDim;
    private final int trainFreq;
    private final int sdeSampleFreq;
    /** gSDE: the exploration matrix and the env step it was drawn for. */
    private Tensor exploration;
    private long explorationStep = -1;
    /** The discounted return of the stored rewards so far in this episode, for the reward normalization. */
    private double discountedReturn;
    /** The current observation; null when an episode must begin. */
    private float[] state;

    /**
     * @param logger     shared with the other collectors; records are made while holding its monitor
     * @param normalizer fed with this collector's discounted returns, when rewards are normalized
     */
    Collector(String envId, RandomStreams streams, Logger logger, OffPolicyConfig config, Optional<RewardNormalizer> normalizer) {
        this.env = SacEnv.make(envId, config.envKwargs());
        this.streams = streams;
        this.logger = logger;
        this.tracker = new EpisodeTracker(1, logger);
        this.successes = new SuccessTracker(logger);
        this.rewardScale = (float) config.rewardsShaperScale();
        this.normalizer = normalizer;
        this.gamma = config.discountFactor();
        this.actionDim = SacEnv.actionDim(env);
        this.trainFreq = config.trainFreq();
        this.sdeSampleFreq = config.sdeSampleFreq();
    }

    /**
     * gSDE: the env step (from 1) whose matrix step {@code t} acts with. As SB3's collect_rollouts: a new matrix at
     * the start of each collection of train_freq steps and, when sde_sample_freq > 0, every that many steps into it.
     */
    static long resampleStep(long t, int trainFreq, int sdeSampleFreq) {
        long start = (t - 1) / trainFreq * trainFreq + 1;
        return sdeSampleFreq > 0 ? start + (t - start) / sdeSampleFreq * sdeSampleFreq : start;
    }

    /** Env step {@code t}: uniform random actions when {@code random}, else the policy's exploring action. */
    void step(long t, ActingPolicy policy, boolean random, ReplayBuffer buffer) {
        Rng rng = streams.at(t);
        if (state == null) {
            // Gymnasium's seeds are non-negative: keep 63 bits.
            state = env.reset(rng.nextLong() >>> 1).observation();
        }
        float[] action;
        if (random) {
            action = new float[actionDim];
            for (int i = 0; i < actionDim; i++) {
                action[i] = 2 * rng.nextFloat() - 1;
            }
        } else if (policy.usesSde()) {
            // the matrix is a function of its step's generator and the policy, which updates leave alone within a
            // collection: a resumed run draws the one the uninterrupted run acted with, without saving it
            long r = resampleStep(t, trainFreq, sdeSampleFreq);
            if (r != explorationStep) {
                exploration = policy.exploration(streams.at(r).split());
                explorationStep = r;
            }
            action = policy.sample(state, exploration);
        } else {
            action = policy.explore(state, t, rng);
        }
        Step<float[]> step = env.step(action);
        float reward = (float) step.reward() * rewardScale;
        buffer.add(state, action, reward, step.observation(), step.terminated(), step.done());
        if (normalizer.isPresent()) {
            discountedReturn = discountedReturn * gamma + reward;
            normalizer.get().observe(discountedReturn);
        }
        synchronized (logger) {
            tracker.step(new float[] {(float) step.reward()}, new boolean[] {step.terminated()},
                    new boolean[] {step.truncated()});
            if (step.done() && step.info().get("is_success") instanceof Number success) {
                successes.episodeEnd(success.doubleValue());
            }
        }
        if (step.done()) {
            state = null;
            discountedReturn = 0;
        } else {
            state = step.observation();
        }
    }

    double recentReturn() {
        synchronized (logger) {
            return tracker.recentReturn();
        }
    }

    @Override
    public void close() {
        env.close();
    }
}
