package dev.javelin.env.vector;

import dev.javelin.env.Box;
import dev.javelin.env.Env;
import dev.javelin.env.Space;

import java.util.function.IntFunction;

/**
 * N copies of an env with float observations, stepped together, with Gymnasium 0.29's same-step
 * auto-reset. This is the interface agents code against:
 *
 * <pre>{@code
 * try (VectorEnv envs = Envs.makeVec("CartPole-v1", 8, 1, Map.of())) {
 *     VectorStep s = envs.reset(seed);                  // env i is seeded with seed + i
 *     int[] actions = new int[envs.numEnvs() * envs.actionSize()];
 *     for (int t = 0; t < steps; t++) {
 *         float[] obs = s.observations();               // [N * obsDim], row i = env i
 *         ... fill actions from obs ...
 *         s = envs.step(actions);                       // same VectorStep instance, buffers overwritten
 *         for (int i = 0; i < envs.numEnvs(); i++) {
 *             if (s.truncated()[i]) { ... bootstrap from row i of s.finalObservations() ... }
 *             if (s.done(i) && s.finalInfo(i).get("episode") instanceof EpisodeStatistics e) log(e.r());
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p><b>Actions.</b> Discrete action spaces take {@link #step(int[])} with {@code int[N]};
 * MultiDiscrete takes {@code int[N * k]}; Box takes {@link #step(float[])} with {@code float[N * actDim]},
 * row {@code i} for env {@code i}; {@link #actionSize()} is 1, k or actDim. The array is read during the
 * call only and may be reused. An action outside the space throws (wrap sub-envs with ClipAction to clip).
 *
 * <p><b>Results.</b> {@link #reset} and {@link #step} return the same {@link VectorStep} every time,
 * its buffers overwritten in place: nothing is allocated per step by the vector env itself.
 *
 * <p><b>Determinism.</b> Each sub-env owns its generator ({@code reset(seed)} gives env {@code i} seed
 * {@code seed + i}); auto-resets continue it. Results land in fixed rows, so the sequential and the
 * threaded implementations give identical buffers for the same seed and actions.
 */
public interface VectorEnv extends AutoCloseable {

    /** The number of env copies. */
    int numEnvs();

    /** The observation space of one sub-env; its size is {@link #observationSize()}. */
    Box singleObservationSpace();

    /** The action space of one sub-env (Discrete, MultiDiscrete or Box). */
    Space<?> singleActionSpace();

    /** Floats per observation row. */
    int observationSize();

    /** Action values per env: 1 for Discrete, k for MultiDiscrete(k), the size of a Box. */
    int actionSize();

    /** Resets every sub-env, env {@code i} with seed {@code seed + i}. */
    VectorStep reset(long seed);

    /** Resets every sub-env, continuing their generators. */
    VectorStep reset();

    /** Steps with discrete actions ({@code int[N * actionSize()]}); auto-resets finished episodes. */
    VectorStep step(int[] actions);

    /** Steps with continuous actions ({@code float[N * actionSize()]}); auto-resets finished episodes. */
    VectorStep step(float[] actions);

    /** Sub-env {@code i} (e.g. to render it); stepping it directly desynchronizes the buffers. */
    Env<float[], ?> env(int i);

    @Override
    void close();

    /** Steps the sub-envs one after another on the calling thread (Gymnasium's SyncVectorEnv). */
    static VectorEnv sync(int numEnvs, IntFunction<? extends Env<float[], ?>> factory) {
        return new SyncVectorEnv(numEnvs, factory);
    }

    /**
     * Steps the sub-envs on {@code threads} threads (the caller is one of them), each thread a fixed
     * contiguous block of envs; worth it only when one env step costs well above a thread hand-off (~10 us).
     */
    static VectorEnv threaded(int numEnvs, int threads, IntFunction<? extends Env<float[], ?>> factory) {
        return threads <= 1 ? new SyncVectorEnv(numEnvs, factory) : new ThreadedVectorEnv(numEnvs, threads, factory);
    }
}
