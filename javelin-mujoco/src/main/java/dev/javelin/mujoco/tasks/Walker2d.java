package dev.javelin.mujoco.tasks;

import dev.javelin.env.EnvSpec;
import dev.javelin.mujoco.CameraConfig;

/**
 * Gymnasium's {@code Walker2d-v5}: a planar biped ({@link PlanarWalker}) that is healthy while its torso's height
 * and angle are strictly inside their ranges.
 */
public final class Walker2d extends PlanarWalker {

    /** Walker2d-v5 with Gymnasium's options. */
    public Walker2d(EnvSpec.Options o) {
        // v5 has its own model file: both feet have friction 1.9 (v4's right foot had 0.9)
        super(o, "walker2d_v5.xml", 0.8, 2.0, -1.0, 1.0);
    }

    @Override
    public CameraConfig defaultCamera() {
        return CameraConfig.free().trackBody(2).distance(4.0).lookat(0.0, 0.0, 1.15).elevation(-20.0);
    }

    @Override
    protected boolean isHealthy() {
        return torsoInRange();
    }
}
