package dev.javelin.mujoco.tasks;

import dev.javelin.env.Box;
import dev.javelin.env.EnvSpec;
import dev.javelin.env.Step;
import dev.javelin.mujoco.MujocoEnv;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Gymnasium's {@code Swimmer-v5}: a three-link swimmer in a viscous fluid rewarded for forward velocity minus a
 * control cost; it never terminates. Observation: qpos without x and y, then qvel. Rendered with MuJoCo's free
 * camera (Gymnasium passes no {@code default_camera_config}).
 */
public final class Swimmer extends MujocoEnv {
    static final Set<String> OPTIONS = Set.of("xml_file", "frame_skip", "forward_reward_weight", "ctrl_cost_weight",
            "reset_noise_scale", "exclude_current_positions_from_observation");

    private final double forwardRewardWeight;
    private final double ctrlCostWeight;
    private final double resetNoiseScale;
    private final boolean excludeXy;
    private final Box observationSpace;

    public Swimmer(EnvSpec.Options o) {
        super(TaskModels.resolve(o, "swimmer.xml"), o.getInt("frame_skip", 4));
        forwardRewardWeight = o.getDouble("forward_reward_weight", 1.0);
        ctrlCostWeight = o.getDouble("ctrl_cost_weight", 1e-4);
        resetNoiseScale = Noise.scale(o, 0.1);
        excludeXy = o.getBoolean("exclude_current_positions_from_observation", true);
        observationSpace = new Box(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, model.nq() + model.nv() - (excludeXy ? 2 : 0));
    }

    @Override
    public Box observationSpace() {
        return observationSpace;
    }

    private float[] observation() {
        return positionsThenVelocities(excludeXy ? 2 : 0, Double.POSITIVE_INFINITY);
    }

    @Override
    public Step<float[]> step(float[] action) {
        checkAction(action);
        double xBefore = data.qpos().get(0);
        double yBefore = data.qpos().get(1);
        doSimulation(action, frameSkip);
        double xVelocity = (data.qpos().get(0) - xBefore) / dt();
        double yVelocity = (data.qpos().get(1) - yBefore) / dt();
        double forwardReward = forwardRewardWeight * xVelocity;
        float ctrlCost = (float) ctrlCostWeight * sumOfSquares(action);
        double reward = forwardReward - ctrlCost;

        Map<String, Object> info = positionInfo();
        info.put("x_velocity", xVelocity);
        info.put("y_velocity", yVelocity);
        info.put("reward_forward", forwardReward);
        info.put("reward_ctrl", (double) -ctrlCost);
        return new Step<>(observation(), reward, false, false, Map.copyOf(info));
    }

    private Map<String, Object> positionInfo() {
        double x = data.qpos().get(0);
        double y = data.qpos().get(1);
        Map<String, Object> info = new HashMap<>();
        info.put("x_position", x);
        info.put("y_position", y);
        info.put("distance_from_origin", norm(x, y));
        return info;
    }

    @Override
    protected float[] resetModel() {
        double[] qpos = Noise.uniformAdded(initQpos, npRandom(), resetNoiseScale);
        double[] qvel = Noise.uniformAdded(initQvel, npRandom(), resetNoiseScale);
        setState(qpos, qvel);
        return observation();
    }

    @Override
    protected Map<String, Object> resetInfo() {
        return Map.copyOf(positionInfo());
    }
}
