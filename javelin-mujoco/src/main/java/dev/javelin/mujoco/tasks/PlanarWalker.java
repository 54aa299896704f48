package dev.javelin.mujoco.tasks;

import dev.javelin.env.Box;
import dev.javelin.env.EnvSpec;
import dev.javelin.env.Step;
import dev.javelin.mujoco.MujocoEnv;

import java.util.Map;
import java.util.Set;

/**
 * What Gymnasium's {@code Hopper-v5} and {@code Walker2d-v5} share: a planar body rewarded for forward velocity,
 * plus {@code healthy_reward} while healthy, minus a control cost, ending when unhealthy (unless
 * {@code terminate_when_unhealthy=false}). Observation: qpos without x (unless
 * {@code exclude_current_positions_from_observation=false}) and qvel clipped to [-10, 10]. Reset: uniform noise
 * on both. A subclass says what healthy means.
 */
public abstract sealed class PlanarWalker extends MujocoEnv permits Hopper, Walker2d {
    /** The options both tasks take. */
    static final Set<String> OPTIONS = Set.of("xml_file", "frame_skip", "forward_reward_weight", "ctrl_cost_weight",
            "healthy_reward", "terminate_when_unhealthy", "healthy_z_range", "healthy_angle_range", "reset_noise_scale",
            "exclude_current_positions_from_observation");

    private final double forwardRewardWeight;
    private final double ctrlCostWeight;
    private final double healthyReward;
    private final boolean terminateWhenUnhealthy;
    private final double[] healthyZRange;
    private final double[] healthyAngleRange;
    private final double resetNoiseScale;
    private final boolean excludeX;
    private final Box observationSpace;

    /** The task on {@code modelFile} (unless {@code xml_file} names another), with its own health defaults. */
    PlanarWalker(EnvSpec.Options o, String modelFile, double zLow, double zHigh, double angleLow, double angleHigh) {
        super(TaskModels.resolve(o, modelFile), o.getInt("frame_skip", 4));
        forwardRewardWeight = o.getDouble("forward_reward_weight", 1.0);
        ctrlCostWeight = o.getDouble("ctrl_cost_weight", 1e-3);
        healthyReward = o.getDouble("healthy_reward", 1.0);
        terminateWhenUnhealthy = o.getBoolean("terminate_when_unhealthy", true);
        healthyZRange = o.getRange("healthy_z_range", zLow, zHigh);
        healthyAngleRange = o.getRange("healthy_angle_range", angleLow, angleHigh);
        resetNoiseScale = Noise.scale(o, 5e-3);
        excludeX = o.getBoolean("exclude_current_positions_from_observation", true);
        observationSpace = new Box(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, model.nq() + model.nv() - (excludeX ? 1 : 0));
    }

    @Override
    public Box observationSpace() {
        return observationSpace;
    }

    /** Gymnasium's {@code is_healthy}. */
    protected abstract boolean isHealthy();

    /** The torso's height {@code qpos[1]} and angle {@code qpos[2]} strictly inside their ranges. */
    protected final boolean torsoInRange() {
        return inOpen(data.qpos().get(1), healthyZRange) && inOpen(data.qpos().get(2), healthyAngleRange);
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
        // is_healthy * healthy_reward: a bool times a float, so an unhealthy step gives (-)0.0
        double healthyRewardNow = (healthy ? 1.0 : 0.0) * healthyReward;
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
