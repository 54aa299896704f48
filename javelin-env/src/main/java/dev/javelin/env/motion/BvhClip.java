package dev.javelin.env.motion;

import java.util.ArrayList;
import java.util.List;

/**
 * A BVH motion: the skeleton ({@link #root()}) and one row of channel values per frame, in the order the
 * hierarchy declares the channels (depth first). Rotations are Euler angles in degrees (period 360),
 * positions in the file's length unit.
 */
public final class BvhClip implements MotionClip {
    private final BvhJoint root;
    private final double frameTime;
    private final double[][] frames;
    private final List<String> channelNames = new ArrayList<>();
    private final List<Boolean> rotations = new ArrayList<>();

    BvhClip(BvhJoint root, double frameTime, double[][] frames) {
        this.root = root;
        this.frameTime = frameTime;
        this.frames = frames;
        for (BvhJoint j : root.joints()) {
            for (String c : j.channels()) {
                channelNames.add(j.name() + "." + c);
                rotations.add(c.toLowerCase().endsWith("rotation"));
            }
        }
    }

    /** The root joint of the hierarchy. */
    public BvhJoint root() { return root; }

    /** Joints depth first, root first. */
    public List<BvhJoint> joints() { return root.joints(); }

    @Override
    public int frameCount() { return frames.length; }

    @Override
    public double frameTime() { return frameTime; }

    @Override
    public int channelCount() { return channelNames.size(); }

    @Override
    public String channelName(int channel) { return channelNames.get(channel); }

    @Override
    public double period(int channel) { return rotations.get(channel) ? 360 : 0; }

    @Override
    public double value(int frame, int channel) { return frames[frame][channel]; }

    @Override
    public String toString() {
        return "BvhClip(root " + root.name() + ", " + joints().size() + " joints, " + channelCount() + " channels, "
                + frames.length + " frames every " + frameTime + " s)";
    }
}
