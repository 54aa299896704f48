package dev.javelin.rl;

import dev.javelin.env.wrappers.FlattenDictObservation;
import dev.javelin.env.Box;
import dev.javelin.env.Discrete;
import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.Reset;
import dev.javelin.env.Space;
import dev.javelin.env.Step;
import dev.javelin.env.render.GifWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Deterministic evaluation shared by the agents: whole episodes on a fresh env (seeded once, then
 * continuing its generator, as SB3's evaluate_policy), undiscounted returns and episode lengths, and a GIF of the first
 * episode when asked.
 */
public final class Evaluation {
    /**
     * The one rule for the eval env's seed, for every algorithm: the run's seed + 1,000,000, away from the
     * training envs' seeds (seed .. seed + num_envs - 1). The final evaluation and {@code javelin eval}
     * both use it, so evaluating the final checkpoint reproduces summary.json's figure.
     */
    public static long seedFor(long runSeed) {
        return runSeed + 1_000_000;
    }

    /** One observation in, one action out: a Discrete index counted from 0 (as a float) or a Box vector. */
    @FunctionalInterface
    public interface Policy {
        /** The deterministic action for one observation. */
        float[] act(float[] observation);

        /** Called before each episode's first action, for policies with a recurrent state (DreamerV3's). */
        default void episodeStart() {
        }
    }

    private Evaluation() {
    }

    /**
     * Runs {@code episodes} episodes of {@code policy} on a fresh env seeded with {@code seed}, writing a GIF of the
     * first to {@code video} when given.
     */
    public static EvalResult run(String envId, Map<String, Object> envKwargs, long seed, int episodes, Optional<Path> video,
                                Policy policy) {
        return run(Envs.cast(FlattenDictObservation.ifDict(Envs.make(envId, envKwargs))), seed, episodes, video, policy);
    }

    /** {@link #run(String, Map, long, int, Optional, Policy)} on a given fresh env, which it closes. */
    public static EvalResult run(Env<float[], Object> evalEnv, long seed, int episodes, Optional<Path> video, Policy policy) {
        try (Env<float[], Object> env = evalEnv) {
            if (episodes < 1) {
                throw new IllegalArgumentException("evaluation needs >= 1 episode, got " + episodes);
            }
            double[] returns = new double[episodes];
            double[] successes = new double[episodes];
            int[] lengths = new int[episodes];
            boolean reportsSuccess = false;
            Space<?> actions = env.actionSpace();
            GifWriter gif = video.map(v -> new GifWriter(v, env.renderFps())).orElse(null);
            try {
                for (int e = 0; e < episodes; e++) {
                    Reset<float[]> r = e == 0 ? env.reset(seed) : env.reset();
                    float[] obs = r.observation();
                    policy.episodeStart();
                    if (gif != null && e == 0) {
                        gif.addFrame(env.render());
                    }
                    while (true) {
                        Step<float[]> s = env.step(toAction(actions, policy.act(obs)));
                        returns[e] += s.reward();
                        lengths[e]++;
                        if (gif != null && e == 0) {
                            gif.addFrame(env.render());
                        }
                        if (s.done()) {
                            // a goal env's success is that of the episode's last step (SB3's is_success at done)
                            if (s.info().get("is_success") instanceof Number success) {
                                reportsSuccess = true;
                                successes[e] = success.doubleValue();
                            }
                            break;
                        }
                        obs = s.observation();
                    }
                }
            } finally {
                if (gif != null) {
                    gif.close();
                }
            }
            return new EvalResult(returns, reportsSuccess ? successes : new double[0], lengths);
        }
    }

    /** The env's action for a policy output: index + start, or the vector clipped into the box. */
    static Object toAction(Space<?> space, float[] action) {
        return switch (space) {
            case Discrete d -> d.start() + (int) action[0];
            case Box b -> {
                float[] clipped = new float[b.size()];
                for (int i = 0; i < clipped.length; i++) {
                    clipped[i] = Math.min(Math.max(action[i], b.low(i)), b.high(i));
                }
                yield clipped;
            }
            default -> throw new IllegalArgumentException("evaluation supports Discrete and Box actions, got " + space);
        };
    }
}
