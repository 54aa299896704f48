package dev.javelin.mujoco.tasks;

import dev.javelin.env.EnvSpec;
import dev.javelin.mujoco.CameraConfig;
import dev.javelin.mujoco.MjArray;

import java.util.HashSet;
import java.util.Set;

/**
 * Gymnasium's {@code Hopper-v5}: a one-legged hopper ({@link PlanarWalker}) that is healthy while its torso's height
 * and angle are in range and every other element of its state stays inside {@code healthy_state_range}.
 */
public final class Hopper extends PlanarWalker {
    static final Set<String> OPTIONS;

    static {
        Set<String> keys = new HashSet<>(PlanarWalker.OPTIONS);
        keys.add("healthy_state_range");
        OPTIONS = Set.copyOf(keys);
    }

    private final double[] healthyStateRange;

    /**
     * Hopper-v5 with Gymnasium's options ({@code healthy_z_range}, {@code ctrl_cost_weight}, {@code
     * reset_noise_scale}, ...).
     */
    public Hopper(EnvSpec.Options o) {
        super(o, "hopper.xml", 0.7, Double.POSITIVE_INFINITY, -0.2, 0.2);
        healthyStateRange = o.getRange("healthy_state_range", -100.0, 100.0);
    }

    @Override
    public CameraConfig defaultCamera() {
        return CameraConfig.free().trackBody(2).distance(3.0).lookat(0.0, 0.0, 1.15).elevation(-20.0);
    }

    @Override
    protected boolean isHealthy() {
        // state_vector()[2:]: qpos[2:] then qvel
        MjArray qpos = data.qpos();
        for (int i = 2; i < model.nq(); i++) {
            if (!inOpen(qpos.get(i), healthyStateRange)) {
                return false;
            }
        }
        MjArray qvel = data.qvel();
        for (int i = 0; i < model.nv(); i++) {
            if (!inOpen(qvel.get(i), healthyStateRange)) {
                return false;
            }
        }
        return torsoInRange();
    }
}
