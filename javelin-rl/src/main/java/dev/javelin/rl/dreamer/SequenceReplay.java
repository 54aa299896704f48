package dev.javelin.rl.dreamer;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

/**
 * DreamerV3's replay of sequences: one ring buffer per env stream, uniform sampling of contiguous windows of
 * {@code length} steps that may cross episode boundaries (the world model resets its state where
 * {@code is_first} is set). A step holds the observation, the reward and flags of arriving at it, and the action
 * taken from it, as the reference stores them.
 */
public final class SequenceReplay {
    /** A batch of windows, all [B, T, ...]; {@code isFirst[:, 0]} is set so every window starts a fresh state. */
    public record Batch(Tensor obs, Tensor action, Tensor reward, Tensor isFirst, Tensor cont) {
    }

    private final int streams;
    private final int capacity;
    private final int obsSize;
    private final int actionSize;
    private final float[][] obs;
    private final float[][] action;
    private final float[][] reward;
    private final boolean[][] first;
    private final boolean[][] terminal;
    private final long[] written;

    /** Room for {@code capacity} steps in each of {@code streams} envs. */
    public SequenceReplay(int streams, int capacity, int obsSize, int actionSize) {
        if (streams < 1 || capacity < 2 || obsSize < 1 || actionSize < 1) {
            throw new IllegalArgumentException("SequenceReplay: need streams >= 1, capacity >= 2, obsSize >= 1, "
                    + "actionSize >= 1, got " + streams + ", " + capacity + ", " + obsSize + ", " + actionSize);
        }
        this.streams = streams;
        this.capacity = capacity;
        this.obsSize = obsSize;
        this.actionSize = actionSize;
        obs = new float[streams][Math.multiplyExact(capacity, obsSize)];
        action = new float[streams][Math.multiplyExact(capacity, actionSize)];
        reward = new float[streams][capacity];
        first = new boolean[streams][capacity];
        terminal = new boolean[streams][capacity];
        written = new long[streams];
    }

    /** Appends a step to {@code stream}: {@code obsSize} floats of {@code o} from {@code oOff}, likewise the action. */
    public void add(int stream, float[] o, int oOff, float[] a, int aOff, float r, boolean isFirst, boolean isTerminal) {
        if (stream < 0 || stream >= streams) {
            throw new IllegalArgumentException("SequenceReplay: stream " + stream + ", expected 0.." + (streams - 1));
        }
        int slot = (int) (written[stream] % capacity);
        System.arraycopy(o, oOff, obs[stream], slot * obsSize, obsSize);
        System.arraycopy(a, aOff, action[stream], slot * actionSize, actionSize);
        reward[stream][slot] = r;
        first[stream][slot] = isFirst;
        terminal[stream][slot] = isTerminal;
        written[stream]++;
    }

    /** Steps stored over all streams. */
    public long size() {
        long n = 0;
        for (int s = 0; s < streams; s++) {
            n += Math.min(written[s], capacity);
        }
        return n;
    }

    /** Whether some stream holds a whole window of {@code length} steps. */
    public boolean canSample(int length) {
        for (int s = 0; s < streams; s++) {
            if (Math.min(written[s], capacity) >= length) {
                return true;
            }
        }
        return false;
    }

    /** {@code batch} windows of {@code length} steps, each start uniform over all windows of all streams. */
    public Batch sample(int batch, int length, Rng rng) {
        if (batch < 1 || length < 1 || !canSample(length)) {
            throw new IllegalArgumentException("SequenceReplay: cannot sample " + batch + " x " + length
                    + " from " + size() + " steps (no stream holds " + length + " steps yet)");
        }
        long[] starts = new long[streams];
        long total = 0;
        for (int s = 0; s < streams; s++) {
            long stored = Math.min(written[s], capacity);
            starts[s] = Math.max(0, stored - length + 1);
            total += starts[s];
        }
        float[] o = new float[batch * length * obsSize];
        float[] a = new float[batch * length * actionSize];
        float[] r = new float[batch * length];
        float[] isFirst = new float[batch * length];
        float[] cont = new float[batch * length];
        for (int b = 0; b < batch; b++) {
            long pick = (long) (rng.nextDouble() * total);
            int s = 0;
            while (pick >= starts[s]) {
                pick -= starts[s];
                s++;
            }
            // the oldest stored step of a full ring is the slot about to be overwritten
            long oldest = written[s] - Math.min(written[s], capacity);
            for (int t = 0; t < length; t++) {
                int slot = (int) ((oldest + pick + t) % capacity);
                int i = b * length + t;
                System.arraycopy(obs[s], slot * obsSize, o, i * obsSize, obsSize);
                System.arraycopy(action[s], slot * actionSize, a, i * actionSize, actionSize);
                r[i] = reward[s][slot];
                isFirst[i] = t == 0 || first[s][slot] ? 1f : 0f;
                cont[i] = terminal[s][slot] ? 0f : 1f;
            }
        }
        return new Batch(Tensor.of(o, batch, length, obsSize), Tensor.of(a, batch, length, actionSize),
                Tensor.of(r, batch, length), Tensor.of(isFirst, batch, length), Tensor.of(cont, batch, length));
    }
}
