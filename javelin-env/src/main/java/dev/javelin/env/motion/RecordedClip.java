package dev.javelin.env.motion;

import java.util.Arrays;
import java.util.List;

/**
 * A clip held in memory, e.g. recorded from a controller: {@code frames[f][c]} is channel {@code c} at frame {@code f}.
 */
public record RecordedClip(List<String> channelNames, double[] periods, double frameTime, double[][] frames)
        implements MotionClip {

    /** Rejects a channel-name list and period list of different lengths; copies both. */
    public RecordedClip {
        channelNames = List.copyOf(channelNames);
        periods = periods.clone();
        if (periods.length != channelNames.size()) {
            throw new IllegalArgumentException("RecordedClip: " + channelNames.size() + " channel names but "
                    + periods.length + " periods, expected one period per channel");
        }
        for (double p : periods) {
            if (!(p >= 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("RecordedClip: period " + p + ", expected 0 (not an angle) or a positive finite number");
            }
        }
        if (!(frameTime > 0) || Double.isInfinite(frameTime)) {
            throw new IllegalArgumentException("RecordedClip: frame time " + frameTime + " s, expected > 0");
        }
        double[][] copy = new double[frames.length][];
        for (int f = 0; f < frames.length; f++) {
            if (frames[f].length != channelNames.size()) {
                throw new IllegalArgumentException("RecordedClip: frame " + f + " has " + frames[f].length
                        + " values, expected " + channelNames.size() + " (one per channel)");
            }
            copy[f] = frames[f].clone();
        }
        frames = copy;
    }

    /** The period of each channel (0 for a channel that is not an angle; a copy). */
    @Override
    public double[] periods() { return periods.clone(); }

    /** A deep copy. */
    @Override
    public double[][] frames() {
        double[][] copy = new double[frames.length][];
        for (int f = 0; f < frames.length; f++) {
            copy[f] = frames[f].clone();
        }
        return copy;
    }

    @Override
    public int frameCount() { return frames.length; }

    @Override
    public int channelCount() { return channelNames.size(); }

    @Override
    public String channelName(int channel) { return channelNames.get(channel); }

    @Override
    public double period(int channel) { return periods[channel]; }

    @Override
    public double value(int frame, int channel) { return frames[frame][channel]; }

    @Override
    public String toString() {
        return "RecordedClip(" + frames.length + " frames of " + channelNames + " every " + frameTime + " s, periods "
                + Arrays.toString(periods) + ")";
    }
}
