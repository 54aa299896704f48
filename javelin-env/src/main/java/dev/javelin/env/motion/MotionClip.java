package dev.javelin.env.motion;

/**
 * A reference motion: frames of channel values sampled every {@link #frameTime()} seconds, as a
 * motion-capture clip stores them (one value per degree of freedom: root positions, joint angles).
 *
 * <p>A channel with a {@link #period(int) period} is an angle: values that differ by a whole period are
 * the same pose, so differences between frames are wrapped into half a period either side of zero
 * (a joint crossing 180 degrees does not read as a 360-degree jump).
 */
public interface MotionClip {

    /** The number of frames. */
    int frameCount();

    /** Seconds between consecutive frames. */
    double frameTime();

    /** The number of channels per frame. */
    int channelCount();

    /** E.g. "Hips.Zrotation". */
    String channelName(int channel);

    /** The angle period of the channel in its own unit (360 for degrees, 2 pi for radians), 0 if it is not an angle. */
    double period(int channel);

    /** The value of {@code channel} in {@code frame}. */
    double value(int frame, int channel);
}
