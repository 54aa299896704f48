package dev.javelin.rl.memory;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hindsight experience replay (Andrychowicz et al. 2017) with SB3's HerReplayBuffer semantics: goals are
 * relabeled when a batch is sampled, not when it is stored. Of a batch of {@code n}, the first
 * {@code int(her_ratio * n)} transitions, {@code her_ratio = 1 - 1 / (n_sampled_goal + 1)}, get their desired goal
 * replaced by one achieved in the same episode ({@link GoalSelectionStrategy}) and their reward recomputed with the
 * env's {@code compute_reward}; the rest are kept as stored. Their done flag is the stored one (terminated, never a
 * time limit), and a substituted goal never comes from another episode.
 *
 * <p>Observations are flat vectors holding the achieved and desired goals at fixed offsets (a goal env flattened
 * by FlattenDictObservation). Transitions are staged per thread until their episode ends, then written contiguously,
 * so parallel collectors (one per thread) never interleave episodes; only complete episodes are sampled.
 */
public final class HerReplayBuffer extends ReplayBuffer {
    /** {@code compute_reward(achieved_goal, desired_goal, info)} on rows of goals. */
    @FunctionalInterface
    public interface RewardFunction {
        double[] compute(float[] achievedGoals, float[] desiredGoals, int count);
    }

    private final int achievedOffset;
    private final int desiredOffset;
    private final int goalDim;
    private final RewardFunction rewardFunction;
    private final float rewardScale;
    private final GoalSelectionStrategy strategy;
    private final double herRatio;
    /** For each row, the row of its episode's first transition and the episode's length (0: not sampleable). */
    private final int[] episodeStart;
    private final int[] episodeLength;
    private int sampleable;
    private final ThreadLocal<List<Staged>> staging = ThreadLocal.withInitial(ArrayList::new);
    private final Object lock = new Object();

    private record Staged(float[] state, float[] action, float reward, float[] nextState, boolean terminated) {
    }

    /**
     * @param achievedOffset where the achieved goal starts in an observation
     * @param desiredOffset  where the desired goal starts
     * @param rewardScale    what stored rewards were multiplied by (rewards_shaper_scale), applied to recomputed ones
     * @param nSampledGoal   relabeled transitions per real one (SB3's n_sampled_goal, 4 by default)
     */
    public HerReplayBuffer(int capacity, int stateDim, int actionDim, int achievedOffset, int desiredOffset, int goalDim,
                           RewardFunction rewardFunction, float rewardScale, int nSampledGoal, GoalSelectionStrategy strategy) {
        super(capacity, stateDim, actionDim);
        if (goalDim < 1 || achievedOffset < 0 || desiredOffset < 0 || achievedOffset + goalDim > stateDim
                || desiredOffset + goalDim > stateDim) {
            throw new IllegalArgumentException("HerReplayBuffer: goals of " + goalDim + " values at offsets " + achievedOffset
                    + " (achieved) and " + desiredOffset + " (desired), expected both inside the " + stateDim + "-value observation");
        }
        if (nSampledGoal < 0) {
            throw new IllegalArgumentException("HerReplayBuffer: n_sampled_goal = " + nSampledGoal + ", expected >= 0");
        }
        this.achievedOffset = achievedOffset;
        this.desiredOffset = desiredOffset;
        this.goalDim = goalDim;
        this.rewardFunction = rewardFunction;
        this.rewardScale = rewardScale;
        this.strategy = strategy;
        this.herRatio = 1.0 - 1.0 / (nSampledGoal + 1);
        this.episodeStart = new int[capacity];
        this.episodeLength = new int[capacity];
    }

    @Override
    public void add(float[] state, float[] action, float reward, float[] nextState, boolean terminated) {
        throw new UnsupportedOperationException("HerReplayBuffer needs episode ends: add(..., terminated, episodeEnd)");
    }

    @Override
    public void add(float[] state, float[] action, float reward, float[] nextState, boolean terminated, boolean episodeEnd) {
        if (state.length != stateDim() || nextState.length != stateDim() || action.length != actionDim()) {
            throw new IllegalArgumentException("HerReplayBuffer.add: state " + state.length + ", action " + action.length
                    + ", next state " + nextState.length + " floats; expected " + stateDim() + ", " + actionDim() + ", " + stateDim());
        }
        List<Staged> episode = staging.get();
        episode.add(new Staged(state.clone(), action.clone(), reward, nextState.clone(), terminated));
        if (episode.size() > capacity()) {
            throw new IllegalStateException("HerReplayBuffer: an episode longer than the buffer's capacity " + capacity());
        }
        if (episodeEnd) {
            store(episode);
            episode.clear();
        }
    }

    private void store(List<Staged> episode) {
        synchronized (lock) {
            int capacity = capacity();
            int start = (int) (added() % capacity);
            for (int k = 0; k < episode.size(); k++) {
                int row = (start + k) % capacity;
                if (episodeLength[row] > 0) {
                    invalidate(episodeStart[row], episodeLength[row]);
                }
                Staged s = episode.get(k);
                super.add(s.state, s.action, s.reward, s.nextState, s.terminated);
            }
            for (int k = 0; k < episode.size(); k++) {
                int row = (start + k) % capacity;
                episodeStart[row] = start;
                episodeLength[row] = episode.size();
            }
            sampleable += episode.size();
        }
    }

    /** An episode being overwritten loses all its rows: its future goals would be gone. */
    private void invalidate(int start, int length) {
        for (int k = 0; k < length; k++) {
            int row = (start + k) % capacity();
            if (episodeLength[row] > 0) {
                episodeLength[row] = 0;
                sampleable--;
            }
        }
    }

    /**
     * Transitions of complete episodes held now: what can be sampled (a learner waits while it is 0). Episodes still
     * running are staged outside the ring.
     */
    @Override
    public int size() {
        synchronized (lock) {
            return sampleable;
        }
    }

    @Override
    public Transitions sample(int n, Rng rng) {
        if (n < 0) {
            throw new IllegalArgumentException("HerReplayBuffer.sample: batch size must be >= 0, got " + n);
        }
        synchronized (lock) {
            if (sampleable == 0 && n > 0) {
                throw new IllegalStateException("HerReplayBuffer.sample: no complete episode stored yet");
            }
            int held = super.size();
            int[] rows = new int[n];
            for (int k = 0; k < n; k++) {
                int r;
                do {
                    r = rng.nextInt(held);
                } while (episodeLength[r] == 0);
                rows[k] = r;
            }
            Transitions t = rows(rows);
            int virtual = (int) (herRatio * n);
            int[] goalRows = new int[virtual];
            for (int k = 0; k < virtual; k++) {
                goalRows[k] = goalRow(rows[k], rng);
            }
            relabel(t, rows(goalRows), virtual);
            return t;
        }
    }

    /** The row whose next state's achieved goal replaces row {@code row}'s desired goal. */
    private int goalRow(int row, Rng rng) {
        int capacity = capacity();
        int start = episodeStart[row], length = episodeLength[row];
        int t = Math.floorMod(row - start, capacity);
        int chosen = switch (strategy) {
            case FUTURE -> t + rng.nextInt(length - t);
            case FINAL -> length - 1;
            case EPISODE -> rng.nextInt(length);
        };
        return (start + chosen) % capacity;
    }

    /** Writes the new goals into s and s' of the first {@code virtual} transitions and recomputes their rewards. */
    private void relabel(Transitions t, Transitions goals, int virtual) {
        int sd = stateDim();
        float[] achieved = new float[virtual * goalDim];
        float[] desired = new float[virtual * goalDim];
        for (int k = 0; k < virtual; k++) {
            System.arraycopy(goals.nextStates(), k * sd + achievedOffset, desired, k * goalDim, goalDim);
            System.arraycopy(desired, k * goalDim, t.states(), k * sd + desiredOffset, goalDim);
            System.arraycopy(desired, k * goalDim, t.nextStates(), k * sd + desiredOffset, goalDim);
            System.arraycopy(t.nextStates(), k * sd + achievedOffset, achieved, k * goalDim, goalDim);
        }
        double[] r = virtual == 0 ? new double[0] : rewardFunction.compute(achieved, desired, virtual);
        for (int k = 0; k < virtual; k++) {
            t.rewards()[k] = (float) r[k] * rewardScale;
        }
    }

    @Override
    public Map<String, Tensor> state() {
        synchronized (lock) {
            Map<String, Tensor> out = new LinkedHashMap<>(super.state());
            float[] start = new float[capacity()], length = new float[capacity()];
            for (int i = 0; i < start.length; i++) {
                start[i] = episodeStart[i];
                length[i] = episodeLength[i];
            }
            out.put("episode_start", Tensor.of(start, start.length));
            out.put("episode_length", Tensor.of(length, length.length));
            return out;
        }
    }

    @Override
    public void load(Map<String, Tensor> state) {
        for (String name : new String[] {"episode_start", "episode_length"}) {
            if (!state.containsKey(name) || state.get(name).size() != capacity()) {
                throw new IllegalArgumentException("HerReplayBuffer.load: tensor '" + name + "' missing or not of length "
                        + capacity() + " (a replay saved without HER?)");
            }
        }
        synchronized (lock) {
            super.load(state);
            float[] start = state.get("episode_start").data(), length = state.get("episode_length").data();
            sampleable = 0;
            for (int i = 0; i < capacity(); i++) {
                episodeStart[i] = (int) start[i];
                episodeLength[i] = (int) length[i];
                sampleable += episodeLength[i] > 0 ? 1 : 0;
            }
        }
    }
}
