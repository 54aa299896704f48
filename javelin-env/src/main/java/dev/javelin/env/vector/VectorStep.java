package dev.javelin.env.vector;

import java.util.Arrays;
import java.util.Map;

/**
 * The result of {@link VectorEnv#reset} and {@link VectorEnv#step}: one reusable set of buffers per vector
 * env. <b>The same instance is returned by every call and overwritten by the next one</b>; the arrays
 * returned by the accessors are the live buffers (no copies, no per-step allocation). Copy whatever must
 * outlive the next step (e.g. into a rollout buffer).
 *
 * <p>Layout, for {@code N = numEnvs()} and {@code d = observationSize()}:
 * <ul>
 * <li>{@link #observations()} {@code float[N * d]}: row {@code i} is env {@code i}'s observation to act
 *     on next. For an env whose episode just ended this is already the first observation of its next
 *     episode (same-step auto-reset).</li>
 * <li>{@link #rewards()} {@code float[N]}, {@link #terminated()} and {@link #truncated()} {@code boolean[N]}:
 *     the outcome of the action just taken (zeros and false after reset).</li>
 * <li>{@link #finalObservations()} {@code float[N * d]}: row {@code i} is the last observation of the
 *     episode that ended, valid only where {@link #done(int) done(i)}; stale otherwise. Bootstrap a
 *     truncated episode from it: {@code target = r + gamma * V(finalObs)} where {@code truncated[i]}.</li>
 * <li>{@link #info(int)}: env {@code i}'s info (its reset info when it was auto-reset);
 *     {@link #finalInfo(int)}: the info of the step that ended the episode (e.g. {@code "episode"} from
 *     RecordEpisodeStatistics), {@code Map.of()} where not done.</li>
 * </ul>
 */
public final class VectorStep {
    private final int numEnvs;
    private final int observationSize;
    final float[] observations;
    final float[] finalObservations;
    final float[] rewards;
    final boolean[] terminated;
    final boolean[] truncated;
    final Object[] infos;
    final Object[] finalInfos;

    VectorStep(int numEnvs, int observationSize) {
        this.numEnvs = numEnvs;
        this.observationSize = observationSize;
        observations = new float[numEnvs * observationSize];
        finalObservations = new float[numEnvs * observationSize];
        rewards = new float[numEnvs];
        terminated = new boolean[numEnvs];
        truncated = new boolean[numEnvs];
        infos = new Object[numEnvs];
        finalInfos = new Object[numEnvs];
        Arrays.fill(infos, Map.of());
        Arrays.fill(finalInfos, Map.of());
    }

    /** The number of env copies. */
    public int numEnvs() { return numEnvs; }

    /** The length of one env's observation. */
    public int observationSize() { return observationSize; }

    /**
     * Observations of all envs, env {@code i} at {@code [i * observationSize(), (i + 1) * observationSize())}; after
     * an auto-reset, the new episode's first.
     */
    public float[] observations() { return observations; }

    /** The last observation of each env whose episode ended in this step (bootstrap truncated episodes from it). */
    public float[] finalObservations() { return finalObservations; }

    /** The reward of each env. */
    public float[] rewards() { return rewards; }

    /** Whether each env's episode terminated in this step. */
    public boolean[] terminated() { return terminated; }

    /** Whether each env's episode was truncated (time limit) in this step. */
    public boolean[] truncated() { return truncated; }

    /** Env {@code i}'s episode ended on this step (terminated or truncated) and it was reset. */
    public boolean done(int i) {
        return terminated[i] || truncated[i];
    }

    /** The info of env {@code i}'s step (of the reset, after an auto-reset). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> info(int i) {
        return (Map<String, Object>) infos[i];
    }

    /** The info of env {@code i}'s final step, for an env whose episode ended in this step. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> finalInfo(int i) {
        return (Map<String, Object>) finalInfos[i];
    }
}
