package dev.javelin.mujoco.tasks;

import dev.javelin.env.Box;
import dev.javelin.env.EnvSpec;
import dev.javelin.env.Step;
import dev.javelin.mujoco.CameraConfig;
import dev.javelin.mujoco.MjArray;
import dev.javelin.mujoco.MujocoEnv;

import java.util.Map;
import java.util.Set;

/**
 * Gymnasium's {@code Hopper-v5}: a one-legged hopper rewarded for forward velocity while healthy (torso height
 * and angle in range, state bounded). Observation: qpos without x (unless
 * {@code exclude_current_positions_from_observation=false}) and qvel clipped to [-10, 10].
 */
public final class Hopper extends MujocoEnv {
    static final Set<String> OPTIONS = Set.of("xml_file", "frame_skip", "forward_reward_weight", "ctrl_cost_weight",
            "healthy_reward", "terminate_when_unhealthy", "healthy_state_range", "healthy_z_range", "healthy_angle_range",
            "reset_noise_scale", "exclude_current_positions_from_observation");

    private final double forwardRewardWeight;
    private final double ctrlCostWeight;
    private final double healthyReward;
    private final boolean terminateWhenUnhealthy;
    private final double[] healthyStateRange;
    private final double[] healthyZRange;
    private final double[] healthyAngleRange;
    private final double resetNoiseScale;
    private final boolean excludeX;
    private final Box observationSpace;

    /**
     * Hopper-v5 with Gymnasium's options ({@code healthy_z_range}, {@code ctrl_cost_weight}, {@code
     * reset_noise_scale}, ...).
     */
    public Hopper(EnvSpec.Options o) {
        super(TaskModels.resolve(o, "hopper.xml"), o.getInt("frame_skip", 4));
        forwardRewardWeight = o.getDouble("forward_reward_weight", 1.0);
        ctrlCostWeight = o.getDouble("ctrl_cost_weight", 1e-3);
        healthyReward = o.getDouble("healthy_reward", 1.0);
        terminateWhenUnhealthy = o.getBoolean("terminate_when_unhealthy", true);
        healthyStateRange = o.getRange("healthy_state_range", -100.0, 100.0);
        healthyZRange = o.getRange("healthy_z_range", 0.7, Double.POSITIVE_INFINITY);
        healthyAngleRange = o.getRange("healthy_angle_range", -0.2, 0.2);
        resetNoiseScale = Noise.scale(o, 5e-3);
        excludeX = o.getBoolean("exclude_current_positions_from_observation", true);
        observationSpace = new Box(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, model.nq() + model.nv() - (excludeX ? 1 : 0));
    }

    @Override
    public CameraConfig defaultCamera() {
        return CameraConfig.free().trackBody(2).distance(3.0).lookat(0.0, 0.0, 1.15).elevation(-20.0);
    }

    @Override
    public Box observationSpace() {
        return observationSpace;
    }

    private boolean isHealthy() {
        MjArray qpos = data.qpos();
        double z = qpos.get(1);
        double angle = qpos.get(2);
        // state_vector()[2:]: qpos[2:] then qvel
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
        return inOpen(z, healthyZRange) && inOpen(angle, healthyAngleRange);
    }

    static boolean inOpen(double v, double[] range) {
        return range[0] < v && v < range[1];
    }

    private float[] observation() {
        return positionsThenVelocities(excludeX ? 1 : 0, 10.0);
    }

    @Override
    public Step<float[]> step(float[] action) {
        checkAction(action);
        double xBefore = data.qpos().get(0);
        doSimulation(action, frameSkip);
        double xAfter = data.qpos().get(0);
        double xVelocity = (xAfter - xBefore) / dt();
        float[] obs = observation();
        boolean healthy = isHealthy();
        double forwardReward = forwardRewardWeight * xVelocity;
        double healthyRewardNow = healthy ? healthyReward : 0.0;
        float ctrlCost = (float) ctrlCostWeight * sumOfSquares(action);
        double reward = (forwardReward + healthyRewardNow) - ctrlCost;
        boolean terminated = !healthy && terminateWhenUnhealthy;
        Map<String, Object> info = Map.of("x_position", xAfter, "z_distance_from_origin", data.qpos().get(1) - initQpos[1],
                "x_velocity", xVelocity, "reward_forward", forwardReward, "reward_ctrl", (double) -ctrlCost,
                "reward_survive", healthyRewardNow);
        return new Step<>(obs, reward, terminated, false, info);
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
        return Map.of("x_position", data.qpos().get(0), "z_distance_from_origin", data.qpos().get(1) - initQpos[1]);
    }
}
