package dev.javelin.env.motion;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Reference clips as AMP observations: a sample is one transition (frame t, frame t+1) of a clip, each frame
 * encoded as {@link #encode its features}, so an AMP observation has {@code 2 * featureSize()} floats
 * (AMP's discriminator judges state transitions, not single poses).
 *
 * <p>Frame features: each angle channel as (cos, sin) of the angle, every other channel as its value, then
 * one velocity per channel by the backward finite difference {@code (x[t] - x[t-1]) / frameTime} (angle
 * differences wrapped into half a period either side of zero, angle velocities in radians per second).
 * An environment builds its agent's AMP observations with the same {@link #encode} so the discriminator
 * cannot tell the two apart by their encoding.
 */
public final class MotionDataset {
    private final List<MotionClip> clips;
    private final double[] periods;
    private final long[] cumulativePairs;

    /** All clips must have the same channels (names and periods) and at least 3 frames each. */
    public MotionDataset(List<? extends MotionClip> clips) {
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("MotionDataset: no clips, expected at least one");
        }
        this.clips = List.copyOf(clips);
        MotionClip first = this.clips.getFirst();
        periods = new double[first.channelCount()];
        for (int c = 0; c < periods.length; c++) {
            periods[c] = first.period(c);
        }
        cumulativePairs = new long[this.clips.size()];
        long total = 0;
        for (int i = 0; i < this.clips.size(); i++) {
            MotionClip clip = this.clips.get(i);
            checkSameChannels(first, clip, i);
            if (clip.frameCount() < 3) {
                throw new IllegalArgumentException("MotionDataset: clip " + i + " has " + clip.frameCount()
                        + " frames, expected >= 3 (a transition t -> t+1 with a backward difference at t)");
            }
            total += clip.frameCount() - 2;
            cumulativePairs[i] = total;
        }
    }

    private static void checkSameChannels(MotionClip first, MotionClip clip, int index) {
        if (clip.channelCount() != first.channelCount()) {
            throw new IllegalArgumentException("MotionDataset: clip " + index + " has " + clip.channelCount()
                    + " channels, expected " + first.channelCount() + " as clip 0");
        }
        for (int c = 0; c < first.channelCount(); c++) {
            if (!clip.channelName(c).equals(first.channelName(c)) || clip.period(c) != first.period(c)) {
                throw new IllegalArgumentException("MotionDataset: channel " + c + " of clip " + index + " is "
                        + clip.channelName(c) + " (period " + clip.period(c) + "), expected " + first.channelName(c)
                        + " (period " + first.period(c) + ") as clip 0");
            }
        }
    }

    /** The clips sampled from. */
    public List<MotionClip> clips() { return clips; }

    /** Floats per encoded frame. */
    public int featureSize() {
        return featureSize(periods);
    }

    /** Floats per AMP observation: two frames. */
    public int observationSize() {
        return 2 * featureSize();
    }

    /** Transitions (t, t+1) with 1 &lt;= t &lt;= frames - 2 over all clips. */
    public long transitions() {
        return cumulativePairs[cumulativePairs.length - 1];
    }

    /** {@code n} AMP observations, row-major {@code [n, observationSize()]}, transitions drawn uniformly with replacement. */
    public float[] sample(int n, RandomGenerator rng) {
        if (n < 0) {
            throw new IllegalArgumentException("MotionDataset.sample: n = " + n + ", expected >= 0");
        }
        int size = observationSize();
        float[] out = new float[n * size];
        for (int i = 0; i < n; i++) {
            long k = rng.nextLong(transitions());
            int clip = Arrays.binarySearch(cumulativePairs, k + 1);
            clip = clip >= 0 ? clip : -clip - 1;
            int t = 1 + (int) (k - (clip == 0 ? 0 : cumulativePairs[clip - 1]));
            transition(clip, t, out, i * size);
        }
        return out;
    }

    /** Writes the AMP observation of clip {@code clip}'s transition {@code (t, t+1)} at {@code out[offset..]}. */
    public void transition(int clip, int t, float[] out, int offset) {
        MotionClip c = clips.get(clip);
        if (t < 1 || t > c.frameCount() - 2) {
            throw new IllegalArgumentException("MotionDataset: transition at frame " + t + " of clip " + clip
                    + ", expected 1 <= t <= " + (c.frameCount() - 2));
        }
        int f = featureSize();
        encode(values(c, t), velocities(c, t), periods, out, offset);
        encode(values(c, t + 1), velocities(c, t + 1), periods, out, offset + f);
    }

    private static double[] values(MotionClip clip, int frame) {
        double[] v = new double[clip.channelCount()];
        for (int c = 0; c < v.length; c++) {
            v[c] = clip.value(frame, c);
        }
        return v;
    }

    /** Backward differences at {@code frame} (>= 1), in channel units per second. */
    public static double[] velocities(MotionClip clip, int frame) {
        double[] v = new double[clip.channelCount()];
        for (int c = 0; c < v.length; c++) {
            v[c] = difference(clip.value(frame, c) - clip.value(frame - 1, c), clip.period(c)) / clip.frameTime();
        }
        return v;
    }

    /** A difference of angles wrapped into [-period/2, period/2); unchanged when period is 0. */
    static double difference(double d, double period) {
        if (period == 0) {
            return d;
        }
        double m = (d + period / 2) % period;
        return (m < 0 ? m + period : m) - period / 2;
    }

    /**
     * The length of an AMP observation for channels with these periods: (cos, sin) per angle channel, one value per
     * other channel, then one velocity per channel, for both frames of a pair.
     */
    public static int featureSize(double[] periods) {
        int angles = 0;
        for (double p : periods) {
            if (p > 0) {
                angles++;
            }
        }
        return 2 * periods.length + angles;
    }

    /**
     * One frame's features at {@code out[offset..offset + featureSize(periods))}: values (angles as cos, sin),
     * then velocities (given in channel units per second; angles converted to radians per second).
     */
    public static void encode(double[] values, double[] velocities, double[] periods, float[] out, int offset) {
        if (values.length != periods.length || velocities.length != periods.length) {
            throw new IllegalArgumentException("MotionDataset.encode: " + values.length + " values and "
                    + velocities.length + " velocities for " + periods.length + " channels, expected one each");
        }
        int k = offset;
        for (int c = 0; c < values.length; c++) {
            if (periods[c] > 0) {
                double radians = values[c] * (2 * Math.PI / periods[c]);
                out[k++] = (float) Math.cos(radians);
                out[k++] = (float) Math.sin(radians);
            } else {
                out[k++] = (float) values[c];
            }
        }
        for (int c = 0; c < velocities.length; c++) {
            out[k++] = (float) (periods[c] > 0 ? velocities[c] * (2 * Math.PI / periods[c]) : velocities[c]);
        }
    }
}
