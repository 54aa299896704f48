package dev.javelin.rl.memory;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * skrl's {@code RandomMemory} as on-policy agents use it: named float arrays of
 * {@code [memorySize, numEnvs, size]}, filled one vector step at a time, then read whole or in
 * shuffled mini-batches over the flattened {@code memorySize * numEnvs} samples.
 *
 * <pre>{@code
 * RolloutMemory m = new RolloutMemory(rollouts, numEnvs);
 * m.create("states", obsDim); m.create("rewards", 1);
 * m.put("states", obs); m.put("rewards", rewards); m.advance();   // one vector step
 * for (Map<String, Tensor> batch : m.sampleAll(List.of("states"), miniBatches, rng)) { ... }
 * }</pre>
 * Flags (terminated, truncated) are stored as 0/1 floats. Writing past the end wraps to step 0, as skrl does.
 */
public final class RolloutMemory {
    private final int memorySize;
    private final int numEnvs;
    private final Map<String, float[]> tensors = new LinkedHashMap<>();
    private final Map<String, Integer> sizes = new LinkedHashMap<>();
    private int index;
    private boolean filled;

    /** Room for {@code memorySize} steps of {@code numEnvs} envs per tensor. */
    public RolloutMemory(int memorySize, int numEnvs) {
        if (memorySize < 1) {
            throw new IllegalArgumentException("RolloutMemory: memory_size must be >= 1, got " + memorySize);
        }
        if (numEnvs < 1) {
            throw new IllegalArgumentException("RolloutMemory: num_envs must be >= 1, got " + numEnvs);
        }
        this.memorySize = memorySize;
        this.numEnvs = numEnvs;
    }

    /** A new named array of {@code size} floats per env and step. */
    public void create(String name, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("RolloutMemory: size of '" + name + "' must be >= 1, got " + size);
        }
        if (tensors.containsKey(name)) {
            throw new IllegalArgumentException("RolloutMemory: '" + name + "' already exists");
        }
        tensors.put(name, new float[Math.multiplyExact(memorySize * numEnvs, size)]);
        sizes.put(name, size);
    }

    /** Steps per rollout. */
    public int memorySize() {
        return memorySize;
    }

    /** Env copies per step. */
    public int numEnvs() {
        return numEnvs;
    }

    /** Samples held: {@code memorySize * numEnvs}. */
    public int samples() {
        return memorySize * numEnvs;
    }

    /** Floats per env and step of tensor {@code name}. */
    public int size(String name) {
        return sizeOf(name);
    }

    /** The step the next {@link #put} writes. */
    public int index() {
        return index;
    }

    /** Whether every step has been written since the last {@link #reset()}. */
    public boolean isFull() {
        return filled;
    }

    /** Writes one vector step of {@code name}: {@code values[numEnvs * size]}, row i = env i. */
    public void put(String name, float[] values) {
        int size = sizeOf(name);
        int n = numEnvs * size;
        if (values.length < n) {
            throw new IllegalArgumentException("RolloutMemory.put('" + name + "'): expected " + n + " floats (" + numEnvs
                    + " envs x " + size + "), got " + values.length);
        }
        System.arraycopy(values, 0, tensors.get(name), index * n, n);
    }

    /** Stores one step's flags (as 0 and 1) into the size-1 tensor {@code name}. */
    public void put(String name, boolean[] flags) {
        int size = sizeOf(name);
        if (size != 1 || flags.length != numEnvs) {
            throw new IllegalArgumentException("RolloutMemory.put('" + name + "'): flags need a size-1 array and "
                    + numEnvs + " values, got size " + size + " and " + flags.length + " values");
        }
        float[] dst = tensors.get(name);
        for (int i = 0; i < numEnvs; i++) {
            dst[index * numEnvs + i] = flags[i] ? 1f : 0f;
        }
    }

    /** Moves to the next step once every array of this step is written. */
    public void advance() {
        index++;
        if (index == memorySize) {
            index = 0;
            filled = true;
        }
    }

    /** Starts filling from step 0 again (the data stays until overwritten). */
    public void reset() {
        index = 0;
        filled = false;
    }

    /** The live array of {@code name}, laid out {@code [step][env][size]}. */
    public float[] data(String name) {
        sizeOf(name);
        return tensors.get(name);
    }

    /** Replaces the whole array of {@code name} (e.g. returns computed after the rollout). */
    public void set(String name, float[] values) {
        float[] dst = data(name);
        if (values.length != dst.length) {
            throw new IllegalArgumentException("RolloutMemory.set('" + name + "'): expected " + dst.length
                    + " floats, got " + values.length);
        }
        System.arraycopy(values, 0, dst, 0, dst.length);
    }

    /** A copy of {@code name} as a tensor {@code [memorySize * numEnvs, size]}. */
    public Tensor tensor(String name) {
        return Tensor.of(data(name).clone(), samples(), sizeOf(name));
    }

    /**
     * All samples in {@code miniBatches} batches of {@code samples() / miniBatches} random indexes (a fresh
     * permutation per call; a remainder is dropped, as torch's BatchSampler with drop_last); one batch is all
     * samples in memory order. Each batch maps the names to copies {@code [batchSize, size]}.
     */
    public List<Map<String, Tensor>> sampleAll(List<String> names, int miniBatches, Rng rng) {
        if (miniBatches < 1 || miniBatches > samples()) {
            throw new IllegalArgumentException("RolloutMemory.sampleAll: mini_batches must be in [1, " + samples()
                    + "] for " + samples() + " samples, got " + miniBatches);
        }
        for (String name : names) {
            sizeOf(name);
        }
        // one batch holds every sample, and its order changes no mean over it: no shuffle, no gather
        if (miniBatches == 1) {
            Map<String, Tensor> all = new LinkedHashMap<>();
            for (String name : names) {
                all.put(name, tensor(name));
            }
            return List.of(all);
        }
        int[] order = permutation(samples(), rng);
        int batchSize = samples() / miniBatches;
        List<Map<String, Tensor>> batches = new ArrayList<>(miniBatches);
        for (int b = 0; b < miniBatches; b++) {
            Map<String, Tensor> batch = new LinkedHashMap<>();
            for (String name : names) {
                int size = sizes.get(name);
                float[] src = tensors.get(name);
                float[] dst = new float[batchSize * size];
                if (size == 1) {
                    for (int i = 0; i < batchSize; i++) {
                        dst[i] = src[order[b * batchSize + i]];
                    }
                } else {
                    for (int i = 0; i < batchSize; i++) {
                        System.arraycopy(src, order[b * batchSize + i] * size, dst, i * size, size);
                    }
                }
                batch.put(name, Tensor.of(dst, batchSize, size));
            }
            batches.add(batch);
        }
        return batches;
    }

    /** Fisher-Yates shuffle of 0..n-1. */
    static int[] permutation(int n, Rng rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private int sizeOf(String name) {
        Integer size = sizes.get(name);
        if (size == null) {
            throw new IllegalArgumentException("RolloutMemory: no array '" + name + "'; created: " + sizes.keySet());
        }
        return size;
    }
}
