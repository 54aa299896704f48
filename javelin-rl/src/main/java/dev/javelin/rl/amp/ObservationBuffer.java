package dev.javelin.rl.amp;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

/**
 * A ring of AMP observations sampled uniformly with replacement: skrl's {@code RandomMemory} as AMP uses it
 * twice, for the motion dataset (reference samples) and the replay buffer (past agent samples, which keep the
 * discriminator from forgetting what earlier policies did). Adding past the capacity overwrites the oldest rows.
 */
public final class ObservationBuffer {
    private final int capacity;
    private final int width;
    private final float[] rows;
    private int next;
    private int size;

    /** A ring of {@code capacity} rows of {@code width} floats. */
    public ObservationBuffer(int capacity, int width) {
        if (capacity < 1 || width < 1) {
            throw new IllegalArgumentException("ObservationBuffer: capacity " + capacity + " and width " + width
                    + ", expected both >= 1");
        }
        this.capacity = capacity;
        this.width = width;
        this.rows = new float[Math.multiplyExact(capacity, width)];
    }

    /** The most rows held. */
    public int capacity() { return capacity; }

    /** Floats per row. */
    public int width() { return width; }

    /** Rows held (at most the capacity). */
    public int size() { return size; }

    /** Whether no row was added yet. */
    public boolean isEmpty() { return size == 0; }

    /** Appends the rows of {@code data} ({@code [n, width]} row-major). */
    public void add(float[] data) {
        if (data.length % width != 0) {
            throw new IllegalArgumentException("ObservationBuffer.add: " + data.length + " floats is not a whole number of "
                    + width + "-float rows");
        }
        int n = data.length / width;
        // only the last `capacity` rows of a large batch survive, as a ring that wraps over them would leave
        int skip = Math.max(0, n - capacity);
        for (int r = skip; r < n; r++) {
            System.arraycopy(data, r * width, rows, next * width, width);
            next = (next + 1) % capacity;
        }
        size = Math.min(capacity, size + n - skip);
    }

    /** {@code n} rows drawn uniformly with replacement, {@code [n, width]}. */
    public Tensor sample(int n, Rng rng) {
        if (size == 0) {
            throw new IllegalStateException("ObservationBuffer.sample: the buffer is empty");
        }
        if (n < 1) {
            throw new IllegalArgumentException("ObservationBuffer.sample: n = " + n + ", expected >= 1");
        }
        float[] out = new float[n * width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows, rng.nextInt(size) * width, out, i * width, width);
        }
        return Tensor.of(out, n, width);
    }
}
