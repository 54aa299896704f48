package dev.javelin.env.wrappers;

import dev.javelin.env.Env;
import dev.javelin.env.Reset;
import dev.javelin.env.Step;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds {@code info["episode"]} ({@link EpisodeStatistics}) on the step that ends an episode and keeps the
 * last {@code dequeSize} returns and lengths. Returns are summed in float64 (Gymnasium uses float32).
 */
public final class RecordEpisodeStatistics<O, A> extends Wrapper<O, A> {
    /** The info key of a finished episode's statistics. */
    public static final String KEY = "episode";

    private final int dequeSize;
    private final long t0 = System.nanoTime();
    private final ArrayDeque<Double> returnQueue = new ArrayDeque<>();
    private final ArrayDeque<Integer> lengthQueue = new ArrayDeque<>();
    private double episodeReturn;
    private int episodeLength;
    private int episodeCount;

    /** Records episode return and length, keeping the last 100 of each as Gymnasium's default. */
    public RecordEpisodeStatistics(Env<O, A> env) {
        this(env, 100);
    }

    /** Records episode return and length, keeping the last {@code dequeSize} of each. */
    public RecordEpisodeStatistics(Env<O, A> env, int dequeSize) {
        super(env);
        if (dequeSize <= 0) {
            throw new IllegalArgumentException("RecordEpisodeStatistics: deque_size = " + dequeSize + ", expected > 0");
        }
        this.dequeSize = dequeSize;
    }

    @Override
    public Reset<O> reset(long seed) {
        clearEpisode();
        return env.reset(seed);
    }

    @Override
    public Reset<O> reset() {
        clearEpisode();
        return env.reset();
    }

    private void clearEpisode() {
        episodeReturn = 0;
        episodeLength = 0;
    }

    @Override
    public Step<O> step(A action) {
        Step<O> s = env.step(action);
        episodeReturn += s.reward();
        episodeLength++;
        if (!s.done()) {
            return s;
        }
        var stats = new EpisodeStatistics(episodeReturn, episodeLength, Math.round((System.nanoTime() - t0) / 1e3) / 1e6);
        push(returnQueue, episodeReturn);
        push(lengthQueue, episodeLength);
        episodeCount++;
        clearEpisode();
        Map<String, Object> info = new HashMap<>(s.info());
        info.put(KEY, stats);
        return new Step<>(s.observation(), s.reward(), s.terminated(), s.truncated(), Map.copyOf(info));
    }

    private <T> void push(ArrayDeque<T> queue, T value) {
        if (queue.size() == dequeSize) {
            queue.removeFirst();
        }
        queue.addLast(value);
    }

    /** Returns of the last {@code dequeSize} episodes, oldest first. */
    public List<Double> returnQueue() { return List.copyOf(returnQueue); }

    /** Lengths of the last {@code dequeSize} episodes, oldest first. */
    public List<Integer> lengthQueue() { return List.copyOf(lengthQueue); }

    /** Episodes finished so far. */
    public int episodeCount() { return episodeCount; }
}
