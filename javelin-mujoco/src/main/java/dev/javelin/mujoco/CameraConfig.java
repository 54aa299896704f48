package dev.javelin.mujoco;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How a task's default render camera is set up, as Gymnasium's {@code default_camera_config}: start from MuJoCo's
 * free camera and override the fields given. Gymnasium uses it only for a model without a camera named {@code track};
 * its camera then stays a free camera even when {@code trackbodyid} is set ({@link MjRenderer#useFreeCamera}).
 *
 * <pre>{@code
 * CameraConfig.free().trackBody(2).distance(3.0).lookat(0, 0, 1.15).elevation(-20)   // Hopper-v5
 * }</pre>
 */
public final class CameraConfig {
    private final OptionalInt trackBodyId;
    private final OptionalDouble distance;
    private final OptionalDouble elevation;
    private final OptionalDouble azimuth;
    private final double[] lookat;

    private CameraConfig(OptionalInt trackBodyId, OptionalDouble distance, OptionalDouble elevation, OptionalDouble azimuth,
                         double[] lookat) {
        this.trackBodyId = trackBodyId;
        this.distance = distance;
        this.elevation = elevation;
        this.azimuth = azimuth;
        this.lookat = lookat;
    }

    /** MuJoCo's free camera with nothing overridden. */
    public static CameraConfig free() {
        return new CameraConfig(OptionalInt.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), new double[0]);
    }

    /** Track body {@code id} (-1: none, as Gymnasium's {@code trackbodyid: -1}). */
    public CameraConfig trackBody(int id) {
        if (id < -1) {
            throw new IllegalArgumentException("CameraConfig: trackbodyid " + id + ", expected >= -1");
        }
        return new CameraConfig(OptionalInt.of(id), distance, elevation, azimuth, lookat);
    }

    public CameraConfig distance(double d) {
        if (!(d > 0)) {
            throw new IllegalArgumentException("CameraConfig: distance " + d + ", expected > 0");
        }
        return new CameraConfig(trackBodyId, OptionalDouble.of(d), elevation, azimuth, lookat);
    }

    /** Elevation in degrees (negative looks down). */
    public CameraConfig elevation(double degrees) {
        return new CameraConfig(trackBodyId, distance, OptionalDouble.of(degrees), azimuth, lookat);
    }

    /** Azimuth in degrees. */
    public CameraConfig azimuth(double degrees) {
        return new CameraConfig(trackBodyId, distance, elevation, OptionalDouble.of(degrees), lookat);
    }

    public CameraConfig lookat(double x, double y, double z) {
        return new CameraConfig(trackBodyId, distance, elevation, azimuth, new double[] {x, y, z});
    }

    public OptionalInt trackBodyId() {
        return trackBodyId;
    }

    public OptionalDouble distance() {
        return distance;
    }

    public OptionalDouble elevation() {
        return elevation;
    }

    public OptionalDouble azimuth() {
        return azimuth;
    }

    /** The look-at point, empty (length 0) when not overridden. */
    public double[] lookat() {
        return lookat.clone();
    }

    @Override
    public String toString() {
        return "CameraConfig[track=" + trackBodyId + ", distance=" + distance + ", elevation=" + elevation
                + ", azimuth=" + azimuth + ", lookat=" + Arrays.toString(lookat) + "]";
    }
}
