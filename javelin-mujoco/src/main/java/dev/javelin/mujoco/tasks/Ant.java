package dev.javelin.mujoco.tasks;

import dev.javelin.env.Box;
import dev.javelin.env.EnvSpec;
import dev.javelin.env.Step;
import dev.javelin.mujoco.CameraConfig;
import dev.javelin.mujoco.MjArray;
import dev.javelin.mujoco.MjObject;
import dev.javelin.mujoco.MujocoEnv;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Gymnasium's {@code Ant-v5}: a four-legged ant rewarded for the x velocity of its main body while healthy (finite
 * state, torso height within {@code healthy_z_range}, ends included), minus control and contact costs.
 * Observation: qpos without x and y, qvel, then the external contact forces of every body but the world,
 * clipped to {@code contact_force_range}.
 */
public final class Ant extends MujocoEnv {
    static final Set<String> OPTIONS = Set.of("xml_file", "frame_skip", "forward_reward_weight", "ctrl_cost_weight",
            "contact_cost_weight", "healthy_reward", "main_body", "terminate_when_unhealthy", "healthy_z_range",
            "contact_force_range", "reset_noise_scale", "exclude_current_positions_from_observation",
            "include_cfrc_ext_in_observation");

    private final double forwardRewardWeight;
    private final double ctrlCostWeight;
    private final double contactCostWeight;
    private final double healthyReward;
    private final int mainBody;
    private final boolean terminateWhenUnhealthy;
    private final double[] healthyZRange;
    private final double[] contactForceRange;
    private final double resetNoiseScale;
    private final boolean excludeXy;
    private final boolean includeCfrcExt;
    private final Box observationSpace;

    public Ant(EnvSpec.Options o) {
        super(TaskModels.resolve(o, "ant.xml"), o.getInt("frame_skip", 5));
        forwardRewardWeight = o.getDouble("forward_reward_weight", 1.0);
        ctrlCostWeight = o.getDouble("ctrl_cost_weight", 0.5);
        contactCostWeight = o.getDouble("contact_cost_weight", 5e-4);
        healthyReward = o.getDouble("healthy_reward", 1.0);
        mainBody = bodyId(o, "main_body", 1);
        terminateWhenUnhealthy = o.getBoolean("terminate_when_unhealthy", true);
        healthyZRange = o.getRange("healthy_z_range", 0.2, 1.0);
        contactForceRange = o.getRange("contact_force_range", -1.0, 1.0);
        resetNoiseScale = Noise.scale(o, 0.1);
        excludeXy = o.getBoolean("exclude_current_positions_from_observation", true);
        includeCfrcExt = o.getBoolean("include_cfrc_ext_in_observation", true);
        int size = model.nq() + model.nv() - (excludeXy ? 2 : 0) + (includeCfrcExt ? (model.nbody() - 1) * 6 : 0);
        observationSpace = new Box(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, size);
    }

    /** A body given by id (a number) or by name, as Gymnasium's {@code data.body(main_body)} accepts both. */
    private int bodyId(EnvSpec.Options o, String key, int defaultId) {
        Object v = o.values().get(key);
        if (v == null) {
            return defaultId;
        }
        String s = v.toString().trim();
        if (v instanceof Number || s.matches("-?\\d+(\\.0+)?")) {
            int id = o.getInt(key, defaultId);
            if (id < 0 || id >= model.nbody()) {
                throw new IllegalArgumentException("make(" + o.id() + "): option '" + key + "' = " + v
                        + ", expected a body id in [0, " + model.nbody() + ") or a body name");
            }
            return id;
        }
        return model.requireId(MjObject.BODY, s);
    }

    @Override
    public CameraConfig defaultCamera() {
        return CameraConfig.free().distance(4.0);
    }

    @Override
    public Box observationSpace() {
        return observationSpace;
    }

    /** {@code cfrc_ext} clipped to {@code contact_force_range} (nbody x 6, row-major). */
    private double[] contactForces() {
        double[] f = data.cfrcExt().toArray();
        for (int i = 0; i < f.length; i++) {
            f[i] = Math.clamp(f[i], contactForceRange[0], contactForceRange[1]);
        }
        return f;
    }

    private boolean isHealthy() {
        double z = data.qpos().get(2);
        return stateFinite() && healthyZRange[0] <= z && z <= healthyZRange[1];
    }

    private float[] observation(double[] contactForces) {
        MjArray qpos = data.qpos();
        MjArray qvel = data.qvel();
        float[] obs = new float[observationSpace.size()];
        int k = 0;
        for (int i = excludeXy ? 2 : 0; i < qpos.length(); i++) {
            obs[k++] = (float) qpos.get(i);
        }
        for (int i = 0; i < qvel.length(); i++) {
            obs[k++] = (float) qvel.get(i);
        }
        if (includeCfrcExt) {
            for (int i = 6; i < contactForces.length; i++) {
                obs[k++] = (float) contactForces[i];
            }
        }
        return obs;
    }

    @Override
    public Step<float[]> step(float[] action) {
        checkAction(action);
        double xBefore = data.xpos().get(mainBody, 0);
        double yBefore = data.xpos().get(mainBody, 1);
        doSimulation(action, frameSkip);
        double xVelocity = (data.xpos().get(mainBody, 0) - xBefore) / dt();
        double yVelocity = (data.xpos().get(mainBody, 1) - yBefore) / dt();
        double[] contactForces = contactForces();
        float[] obs = observation(contactForces);

        boolean healthy = isHealthy();
        double forwardReward = xVelocity * forwardRewardWeight;
        double healthyRewardNow = (healthy ? 1.0 : 0.0) * healthyReward;
        double rewards = forwardReward + healthyRewardNow;
        float ctrlCost = (float) ctrlCostWeight * sumOfSquares(action);
        double contactCost = contactCostWeight * sumOfSquares(contactForces);
        double costs = ctrlCost + contactCost;
        double reward = rewards - costs;
        boolean terminated = !healthy && terminateWhenUnhealthy;

        Map<String, Object> info = positionInfo();
        info.put("x_velocity", xVelocity);
        info.put("y_velocity", yVelocity);
        info.put("reward_forward", forwardReward);
        info.put("reward_ctrl", (double) -ctrlCost);
        info.put("reward_contact", -contactCost);
        info.put("reward_survive", healthyRewardNow);
        return new Step<>(obs, reward, terminated, false, Map.copyOf(info));
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
        double[] qvel = Noise.normalAdded(initQvel, npRandom(), resetNoiseScale);
        setState(qpos, qvel);
        return observation(contactForces());
    }

    @Override
    protected Map<String, Object> resetInfo() {
        return Map.copyOf(positionInfo());
    }
}
