package dev.javelin.mujoco.motion;

import java.util.List;
import java.util.Optional;

/**
 * One entry of a character's joint map: a point of the BVH skeleton (one joint, or the mean of several joints)
 * paired with a point of the MuJoCo model (a body and an offset in that body's frame), and the marker it hangs from
 * in the marker tree (empty for the root marker).
 *
 * @param name   the marker's name, unique in its map
 * @param bvh    BVH joint names whose mean position is the marker's skeleton point
 * @param body   the model body carrying the marker
 * @param point  the marker's offset in the body's frame, metres
 * @param parent the parent marker's name; empty for the root
 * @param weight how much the marker's distance counts in the inverse-kinematics fit (the residual is multiplied by
 *               it), &gt; 0; 1 unless the map says otherwise
 */
public record Marker(String name, List<String> bvh, String body, double[] point, Optional<String> parent,
                     double weight) {

    /** Rejects an empty joint list, an offset that is not 3 values or a weight &lt;= 0; copies the list and array. */
    public Marker {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("marker " + name + ": weight " + weight + ", expected > 0");
        }
        if (bvh.isEmpty()) {
            throw new IllegalArgumentException("marker " + name + ": no BVH joints, expected at least one");
        }
        if (point.length != 3) {
            throw new IllegalArgumentException("marker " + name + ": point of " + point.length + " values, expected 3");
        }
        bvh = List.copyOf(bvh);
        point = point.clone();
    }

    /** The offset in the body's frame (a copy). */
    @Override
    public double[] point() {
        return point.clone();
    }
}
