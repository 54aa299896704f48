package dev.javelin.mujoco.tasks;

import dev.javelin.env.Box;
import dev.javelin.env.EnvSpec;
import dev.javelin.env.Step;
import dev.javelin.mujoco.CameraConfig;
import dev.javelin.mujoco.MujocoEnv;

import java.util.Map;
import java.util.Set;

/**
 * Gymnasium's {@code HalfCheetah-v5}: a planar cheetah rewarded for forward velocity minus a control cost; it
 * never terminates. Observation: qpos without x, then qvel (unclipped).
 */
public final class HalfCheetah extends MujocoEnv {
    static final Set<String> OPTIONS = Set.of("xml_file", "frame_skip", "forward_reward_weight", "ctrl_cost_weight",
            "reset_noise_scale", "exclude_current_positions_from_observation");

    private final double forwardRewardWeight;
    private final double ctrlCostWeight;
    private final double resetNoiseScale;
    private final boolean excludeX;
    private final Box observationSpace;

    /**
     * HalfCheetah-v5 with Gymnasium's options ({@code forward_reward_weight}, {@code ctrl_cost_weight}, {@code
     * reset_noise_scale}, ...).
     */
    public HalfCheetah(EnvSpec.Options o) {
        super(TaskModels.resolve(o, "half_cheetah.xml"), o.getInt("frame_skip", 5));
        forwardRewardWeight = o.getDouble("forward_reward_weight", 1.0);
        ctrlCostWeight = o.getDouble("ctrl_cost_weight", 0.1);
        resetNoiseScale = Noise.scale(o, 0.1);
        excludeX = o.getBoolean("exclude_current_positions_from_observation", true);
        observationSpace = new Box(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, model.nq() + model.nv() - (excludeX ? 1 : 0));
    }

    @Override
    public CameraConfig defaultCamera() {
        return CameraConfig.free().distance(4.0);
    }

    @Override
    public Box observationSpace() {
        return observationSpace;
    }

    private float[] observation() {
        return positionsThenVelocities(excludeX ? 1 : 0, Double.POSITIVE_INFINITY);
    }

    @Override
    public Step<float[]> step(float[] action) {
        checkAction(action);
        double xBefore = data.qpos().get(0);
        doSimulation(action, frameSkip);
        double xAfter = data.qpos().get(0);
        double xVelocity = (xAfter - xBefore) / dt();
        double forwardReward = forwardRewardWeight * xVelocity;
        float ctrlCost = (float) ctrlCostWeight * sumOfSquares(action);
        double reward = forwardReward - ctrlCost;
        Map<String, Object> info = Map.of("x_position", xAfter, "x_velocity", xVelocity,
                "reward_forward", forwardReward, "reward_ctrl", (double) -ctrlCost);
        return new Step<>(observation(), reward, false, false, info);
    }

    @Override
    protected float[] resetModel() {
        double[] qpos = Noise.uniformAdded(initQpos, npRandom(), resetNoiseScale);
        double[] qvel = Noise.normalAdded(initQvel, npRandom(), resetNoiseScale);
        setState(qpos, qvel);
        return observation();
    }

    @Override
    protected Map<String, Object> resetInfo() {
        return Map.of("x_position", data.qpos().get(0));
    }
}
