package dev.javelin.rl.memory;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An off-policy replay memory: a preallocated ring of {@code capacity} transitions (the oldest is
 * overwritten when full) sampled uniformly with replacement, as skrl's RandomMemory and SB3's
 * ReplayBuffer. Any number of collector threads may {@link #add} while learners {@link #sample}:
 * one lock guards the ring, since a transition is a few floats and a batch a few hundred rows,
 * both microseconds next to a gradient step.
 */
public class ReplayBuffer {
    private final int capacity;
    private final int stateDim;
    private final int actionDim;
    private final float[] states;
    private final float[] actions;
    private final float[] rewards;
    private final float[] nextStates;
    private final float[] dones;
    private final ReentrantLock lock = new ReentrantLock();
    private int cursor;
    private int size;
    private long added;

    /** A ring of {@code capacity} transitions, allocated once. */
    public ReplayBuffer(int capacity, int stateDim, int actionDim) {
        if (capacity < 1) {
            throw new IllegalArgumentException("ReplayBuffer: capacity must be >= 1, got " + capacity);
        }
        if (stateDim < 1 || actionDim < 1) {
            throw new IllegalArgumentException("ReplayBuffer: state dim " + stateDim + " and action dim " + actionDim
                    + " must be >= 1");
        }
        this.capacity = capacity;
        this.stateDim = stateDim;
        this.actionDim = actionDim;
        this.states = new float[Math.multiplyExact(capacity, stateDim)];
        this.actions = new float[Math.multiplyExact(capacity, actionDim)];
        this.rewards = new float[capacity];
        this.nextStates = new float[Math.multiplyExact(capacity, stateDim)];
        this.dones = new float[capacity];
    }

    /** The most transitions held. */
    public int capacity() {
        return capacity;
    }

    /** Floats per state. */
    public int stateDim() {
        return stateDim;
    }

    /** Floats per action. */
    public int actionDim() {
        return actionDim;
    }

    /** Transitions held now (at most the capacity). */
    public int size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /** Transitions ever added, including the overwritten ones. */
    public long added() {
        lock.lock();
        try {
            return added;
        } finally {
            lock.unlock();
        }
    }

    /** Stores one transition; {@code terminated} marks a state with no future value (not a time limit). */
    public void add(float[] state, float[] action, float reward, float[] nextState, boolean terminated) {
        if (state.length != stateDim || nextState.length != stateDim || action.length != actionDim) {
            throw new IllegalArgumentException("ReplayBuffer.add: state " + state.length + ", action " + action.length
                    + ", next state " + nextState.length + " floats; expected " + stateDim + ", " + actionDim + ", "
                    + stateDim);
        }
        lock.lock();
        try {
            int i = cursor;
            System.arraycopy(state, 0, states, i * stateDim, stateDim);
            System.arraycopy(action, 0, actions, i * actionDim, actionDim);
            rewards[i] = reward;
            System.arraycopy(nextState, 0, nextStates, i * stateDim, stateDim);
            dones[i] = terminated ? 1f : 0f;
            cursor = (i + 1) % capacity;
            size = Math.min(size + 1, capacity);
            added++;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stores one transition and says whether it ended its episode (terminated or truncated); memories that relate
     * the transitions of an episode (hindsight replay) need the second flag, this one ignores it.
     */
    public void add(float[] state, float[] action, float reward, float[] nextState, boolean terminated, boolean episodeEnd) {
        add(state, action, reward, nextState, terminated);
    }

    /** {@code n} transitions drawn uniformly with replacement from those held. */
    public Transitions sample(int n, Rng rng) {
        if (n < 0) {
            throw new IllegalArgumentException("ReplayBuffer.sample: batch size must be >= 0, got " + n);
        }
        lock.lock();
        try {
            if (size == 0 && n > 0) {
                throw new IllegalStateException("ReplayBuffer.sample: the buffer is empty");
            }
            int[] rows = new int[n];
            for (int k = 0; k < n; k++) {
                rows[k] = rng.nextInt(size);
            }
            return rows(rows);
        } finally {
            lock.unlock();
        }
    }

    /** Copies of the given rows, in that order (callers hold the buffer's consistency). */
    protected final Transitions rows(int[] rows) {
        int n = rows.length;
        float[] s = new float[n * stateDim];
        float[] a = new float[n * actionDim];
        float[] r = new float[n];
        float[] s2 = new float[n * stateDim];
        float[] d = new float[n];
        for (int k = 0; k < n; k++) {
            int i = rows[k];
            System.arraycopy(states, i * stateDim, s, k * stateDim, stateDim);
            System.arraycopy(actions, i * actionDim, a, k * actionDim, actionDim);
            r[k] = rewards[i];
            System.arraycopy(nextStates, i * stateDim, s2, k * stateDim, stateDim);
            d[k] = dones[i];
        }
        return new Transitions(n, stateDim, actionDim, s, a, r, s2, d);
    }

    /**
     * The filled rows in ring order plus {@code capacity}, {@code cursor} and {@code added}, as tensors
     * for a safetensors file (counts as floats: exact below 2^24, checked on load).
     */
    public Map<String, Tensor> state() {
        lock.lock();
        try {
            int[] rows = new int[size];
            for (int i = 0; i < size; i++) {
                rows[i] = i;
            }
            Transitions t = rows(rows);
            Map<String, Tensor> out = new LinkedHashMap<>();
            out.put("state", Tensor.of(t.states(), size, stateDim));
            out.put("action", Tensor.of(t.actions(), size, actionDim));
            out.put("reward", Tensor.of(t.rewards(), size));
            out.put("next_state", Tensor.of(t.nextStates(), size, stateDim));
            out.put("done", Tensor.of(t.dones(), size));
            out.put("capacity", Tensor.of(new float[] {capacity}, 1));
            out.put("cursor", Tensor.of(new float[] {cursor}, 1));
            // split in two exact halves: added may pass 2^24, beyond float's integers
            out.put("added", Tensor.of(new float[] {(float) (added >>> 24), (float) (added & 0xFFFFFF)}, 2));
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Restores what {@link #state()} returned, replacing the contents; the capacity and dims must match. */
    public void load(Map<String, Tensor> state) {
        for (String name : new String[] {"state", "action", "reward", "next_state", "done", "capacity", "cursor", "added"}) {
            if (!state.containsKey(name)) {
                throw new IllegalArgumentException("ReplayBuffer.load: missing tensor '" + name + "'; has " + state.keySet());
            }
        }
        int savedCapacity = (int) state.get("capacity").item();
        if (savedCapacity != capacity) {
            throw new IllegalArgumentException("ReplayBuffer.load: saved with capacity " + savedCapacity
                    + ", this buffer has " + capacity + " (buffer_size must match to resume)");
        }
        int n = state.get("reward").dim(0);
        int[] s = state.get("state").shape();
        int[] a = state.get("action").shape();
        int[] s2 = state.get("next_state").shape();
        if (s.length != 2 || s[0] != n || s[1] != stateDim || s2.length != 2 || s2[0] != n || s2[1] != stateDim
                || a.length != 2 || a[0] != n || a[1] != actionDim || state.get("done").size() != n || n > capacity) {
            throw new IllegalArgumentException("ReplayBuffer.load: shapes state " + java.util.Arrays.toString(s)
                    + ", action " + java.util.Arrays.toString(a) + ", next_state " + java.util.Arrays.toString(s2)
                    + " for " + n + " rewards; expected [n, " + stateDim + "], [n, " + actionDim + "], n <= " + capacity);
        }
        int savedCursor = (int) state.get("cursor").item();
        float[] addedParts = state.get("added").data();
        long savedAdded = ((long) addedParts[0] << 24) + (long) addedParts[1];
        if (savedCursor < 0 || savedCursor >= capacity || savedAdded < n) {
            throw new IllegalArgumentException("ReplayBuffer.load: cursor " + savedCursor + " / added " + savedAdded
                    + " inconsistent with " + n + " rows of capacity " + capacity);
        }
        lock.lock();
        try {
            System.arraycopy(state.get("state").data(), 0, states, 0, n * stateDim);
            System.arraycopy(state.get("action").data(), 0, actions, 0, n * actionDim);
            System.arraycopy(state.get("reward").data(), 0, rewards, 0, n);
            System.arraycopy(state.get("next_state").data(), 0, nextStates, 0, n * stateDim);
            System.arraycopy(state.get("done").data(), 0, dones, 0, n);
            size = n;
            cursor = savedCursor;
            added = savedAdded;
        } finally {
            lock.unlock();
        }
    }
}
