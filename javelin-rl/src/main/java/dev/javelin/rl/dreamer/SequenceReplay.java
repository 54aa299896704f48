package dev.javelin.rl.dreamer;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

/**
 * DreamerV3's replay of sequences: one ring buffer per env stream, uniform sampling of contiguous windows of
 * {@code length} steps that may cross episode boundaries (the world model resets its state where
 * {@code is_first} is set). A step holds the observation, the reward and flags of arriving at it, and the action
 * taken from it, as the reference stores them.
 *
 * <p>Pixel observations (intensities {@code k / 255f}, as {@link dev.javelin.env.render.Pixels} writes them) are
 * stored as one unsigned byte each, as the reference keeps images in uint8, and become floats again, bit for bit,
 * only when a batch is sampled. Storage is allocated in chunks of {@link #CHUNK_STEPS} steps as the ring fills, so
 * a large capacity costs memory only once it is used; {@link #bytesPerStep} is what a full ring holds per step.
 */
public final class SequenceReplay {
    /** A batch of windows, all [B, T, ...]; {@code isFirst[:, 0]} is set so every window starts a fresh state. */
    public record Batch(Tensor obs, Tensor action, Tensor reward, Tensor isFirst, Tensor cont) {
    }

    /** Steps per allocated chunk of a stream's ring. */
    public static final int CHUNK_STEPS = 1024;

    /** {@code k / 255f} for every byte value k: the exact floats a pixel observation is made of. */
    private static final float[] INTENSITY = new float[256];

    static {
        for (int k = 0; k < 256; k++) {
            INTENSITY[k] = k / 255f;
        }
    }

    /** The arrays of {@link #CHUNK_STEPS} consecutive slots of one stream (fewer in a ring's last chunk). */
    private static final class Chunk {
        final float[] obs;
        final byte[] pixels;
        final float[] action;
        final float[] reward;
        final boolean[] first;
        final boolean[] terminal;

        Chunk(int steps, int obsSize, int actionSize, boolean bytes) {
            obs = bytes ? null : new float[steps * obsSize];
            pixels = bytes ? new byte[steps * obsSize] : null;
            action = new float[steps * actionSize];
            reward = new float[steps];
            first = new boolean[steps];
            terminal = new boolean[steps];
        }
    }

    private final int streams;
    private final int capacity;
    private final int obsSize;
    private final int actionSize;
    private final boolean pixels;
    private final Chunk[][] chunks;
    private final long[] written;
    private long allocatedBytes;

    /** Room for {@code capacity} steps in each of {@code streams} envs, vector observations stored as float32. */
    public SequenceReplay(int streams, int capacity, int obsSize, int actionSize) {
        this(streams, capacity, obsSize, actionSize, false);
    }

    /**
     * Room for {@code capacity} steps in each of {@code streams} envs; with {@code pixels} every observation value
     * must be {@code k / 255f} for an integer k in 0..255 and is stored as the byte k.
     */
    public SequenceReplay(int streams, int capacity, int obsSize, int actionSize, boolean pixels) {
        if (streams < 1 || capacity < 2 || obsSize < 1 || actionSize < 1) {
            throw new IllegalArgumentException("SequenceReplay: need streams >= 1, capacity >= 2, obsSize >= 1, "
                    + "actionSize >= 1, got " + streams + ", " + capacity + ", " + obsSize + ", " + actionSize);
        }
        if ((long) CHUNK_STEPS * Math.max(obsSize, actionSize) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("SequenceReplay: " + Math.max(obsSize, actionSize)
                    + " values per observation or action, expected at most " + Integer.MAX_VALUE / CHUNK_STEPS);
        }
        this.streams = streams;
        this.capacity = capacity;
        this.obsSize = obsSize;
        this.actionSize = actionSize;
        this.pixels = pixels;
        chunks = new Chunk[streams][(int) (((long) capacity + CHUNK_STEPS - 1) / CHUNK_STEPS)];
        written = new long[streams];
    }

    /**
     * Bytes a full ring holds per stored step: the observation (one byte per value for pixels, else four), the
     * action as floats, the reward as a float and the two flags.
     */
    public static long bytesPerStep(int obsSize, int actionSize, boolean pixels) {
        return (long) obsSize * (pixels ? 1 : Float.BYTES) + (long) actionSize * Float.BYTES + Float.BYTES + 2;
    }

    /** Bytes of the chunks allocated so far (array payloads, without object headers). */
    public long allocatedBytes() {
        return allocatedBytes;
    }

    /** Appends a step to {@code stream}: {@code obsSize} floats of {@code o} from {@code oOff}, likewise the action. */
    public void add(int stream, float[] o, int oOff, float[] a, int aOff, float r, boolean isFirst, boolean isTerminal) {
        if (stream < 0 || stream >= streams) {
            throw new IllegalArgumentException("SequenceReplay: stream " + stream + ", expected 0.." + (streams - 1));
        }
        int slot = (int) (written[stream] % capacity);
        Chunk chunk = chunk(stream, slot / CHUNK_STEPS);
        int at = slot % CHUNK_STEPS;
        if (pixels) {
            byte[] dst = chunk.pixels;
            int base = at * obsSize;
            for (int j = 0; j < obsSize; j++) {
                float v = o[oOff + j];
                int k = (int) (v * 255f + 0.5f);
                if (!(v >= 0f && v <= 1f) || INTENSITY[k] != v) {
                    throw new IllegalArgumentException("SequenceReplay: pixel observation value " + v + " at " + j
                            + " is not k / 255 for an integer k in 0..255");
                }
                dst[base + j] = (byte) k;
            }
        } else {
            System.arraycopy(o, oOff, chunk.obs, at * obsSize, obsSize);
        }
        System.arraycopy(a, aOff, chunk.action, at * actionSize, actionSize);
        chunk.reward[at] = r;
        chunk.first[at] = isFirst;
        chunk.terminal[at] = isTerminal;
        written[stream]++;
    }

    private Chunk chunk(int stream, int index) {
        Chunk c = chunks[stream][index];
        if (c == null) {
            int steps = Math.min(CHUNK_STEPS, capacity - index * CHUNK_STEPS);
            c = new Chunk(steps, obsSize, actionSize, pixels);
            chunks[stream][index] = c;
            allocatedBytes += steps * bytesPerStep(obsSize, actionSize, pixels);
        }
        return c;
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
        float[] o = new float[Math.multiplyExact(batch * length, obsSize)];
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
                Chunk chunk = chunks[s][slot / CHUNK_STEPS];
                int at = slot % CHUNK_STEPS;
                int i = b * length + t;
                if (pixels) {
                    byte[] src = chunk.pixels;
                    int from = at * obsSize;
                    int to = i * obsSize;
                    for (int j = 0; j < obsSize; j++) {
                        o[to + j] = INTENSITY[src[from + j] & 0xff];
                    }
                } else {
                    System.arraycopy(chunk.obs, at * obsSize, o, i * obsSize, obsSize);
                }
                System.arraycopy(chunk.action, at * actionSize, a, i * actionSize, actionSize);
                r[i] = chunk.reward[at];
                isFirst[i] = t == 0 || chunk.first[at] ? 1f : 0f;
                cont[i] = chunk.terminal[at] ? 0f : 1f;
            }
        }
        return new Batch(Tensor.of(o, batch, length, obsSize), Tensor.of(a, batch, length, actionSize),
                Tensor.of(r, batch, length), Tensor.of(isFirst, batch, length), Tensor.of(cont, batch, length));
    }
}
