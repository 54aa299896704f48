package dev.javelin.mujoco.motion;

/**
 * A sphere of a foot that must stay above the floor: its centre (an offset in the body's frame) and radius. Its
 * lowest point is the centre's height minus the radius.
 *
 * @param body   the model body carrying the sphere
 * @param point  the centre in the body's frame, metres
 * @param radius the radius, metres, &gt;= 0
 */
public record Sole(String body, double[] point, double radius) {

    /** Rejects an offset that is not 3 values or a negative radius; copies the array. */
    public Sole {
        if (point.length != 3) {
            throw new IllegalArgumentException("sole on " + body + ": point of " + point.length + " values, expected 3");
        }
        if (!(radius >= 0)) {
            throw new IllegalArgumentException("sole on " + body + ": radius " + radius + ", expected >= 0");
        }
        point = point.clone();
    }

    /** The centre in the body's frame (a copy). */
    @Override
    public double[] point() {
        return point.clone();
    }
}
