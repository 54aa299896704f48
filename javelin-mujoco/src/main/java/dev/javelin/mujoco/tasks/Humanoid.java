package dev.javelin.mujoco.tasks;

import dev.javelin.env.Box;
import dev.javelin.env.EnvSpec;
import dev.javelin.env.Step;
import dev.javelin.mujoco.CameraConfig;
import dev.javelin.mujoco.MjArray;
import dev.javelin.mujoco.MujocoEnv;
import dev.javelin.mujoco.NumpySum;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Gymnasium's {@code Humanoid-v5}: a 3D humanoid rewarded for the x velocity of its centre of mass while its torso
 * stays strictly within {@code healthy_z_range}, minus a control cost on {@code data.ctrl} and a contact cost on
 * {@code cfrc_ext} capped by {@code contact_cost_range}. Observation: see {@link HumanoidObservation}.
 */
public final class Humanoid extends MujocoEnv {
    static final Set<String> OPTIONS = Stream.concat(Stream.of("xml_file", "frame_skip", "forward_reward_weight",
                    "ctrl_cost_weight", "contact_cost_weight", "contact_cost_range", "healthy_reward",
                    "terminate_when_unhealthy", "healthy_z_range", "reset_noise_scale"),
            HumanoidObservation.OPTIONS.stream()).collect(Collectors.toUnmodifiableSet());

    private final double forwardRewardWeight;
    private final double ctrlCostWeight;
    private final double contactCostWeight;
    private final double[] contactCostRange;
    private final double healthyReward;
    private final boolean terminateWhenUnhealthy;
    private final double[] healthyZRange;
    private final double resetNoiseScale;
    private final HumanoidObservation observation;
    private final Box observationSpace;

    public Humanoid(EnvSpec.Options o) {
        super(TaskModels.resolve(o, "humanoid.xml"), o.getInt("frame_skip", 5));
        forwardRewardWeight = o.getDouble("forward_reward_weight", 1.25);
        ctrlCostWeight = o.getDouble("ctrl_cost_weight", 0.1);
        contactCostWeight = o.getDouble("contact_cost_weight", 5e-7);
        contactCostRange = o.getRange("contact_cost_range", Double.NEGATIVE_INFINITY, 10.0);
        healthyReward = o.getDouble("healthy_reward", 5.0);
        terminateWhenUnhealthy = o.getBoolean("terminate_when_unhealthy", true);
        healthyZRange = o.getRange("healthy_z_range", 1.0, 2.0);
        resetNoiseScale = Noise.scale(o, 1e-2);
        observation = new HumanoidObservation(o, model);
        observationSpace = new Box(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, observation.size());
    }

    @Override
    public CameraConfig defaultCamera() {
        return CameraConfig.free().trackBody(1).distance(4.0).lookat(0.0, 0.0, 2.0).elevation(-20.0);
    }

    @Override
    public Box observationSpace() {
        return observationSpace;
    }

    /**
     * x and y of {@code np.einsum("b,bj->j", body_mass, xipos) / body_mass.sum()}: einsum adds the bodies' terms
     * one after the other (no pairwise blocks, no fused multiply-add), the mass total is a pairwise sum.
     */
    private double[] massCenter() {
        MjArray mass = model.bodyMass();
        MjArray xipos = data.xipos();
        double x = 0;
        double y = 0;
        for (int b = 0; b < mass.length(); b++) {
            x += mass.get(b) * xipos.get(b, 0);
            y += mass.get(b) * xipos.get(b, 1);
        }
        double total = NumpySum.pairwise(mass.toArray(), 0, mass.length());
        return new double[] {x / total, y / total};
    }

    private boolean isHealthy() {
        return inOpen(data.qpos().get(2), healthyZRange);
    }

    @Override
    public Step<float[]> step(float[] action) {
        checkAction(action);
        double[] before = massCenter();
        doSimulation(action, frameSkip);
        double[] after = massCenter();
        double xVelocity = (after[0] - before[0]) / dt();
        double yVelocity = (after[1] - before[1]) / dt();
        float[] obs = observation.observe(data);

        boolean healthy = isHealthy();
        double forwardReward = forwardRewardWeight * xVelocity;
        double healthyRewardNow = (healthy ? 1.0 : 0.0) * healthyReward;
        double rewards = forwardReward + healthyRewardNow;
        // Humanoid's control cost reads data.ctrl (float64), not the float32 action
        double ctrlCost = ctrlCostWeight * sumOfSquares(data.ctrl().toArray());
        double contactCost = Math.clamp(contactCostWeight * sumOfSquares(data.cfrcExt().toArray()),
                contactCostRange[0], contactCostRange[1]);
        double reward = rewards - (ctrlCost + contactCost);
        boolean terminated = !healthy && terminateWhenUnhealthy;

        Map<String, Object> info = positionInfo();
        info.put("x_velocity", xVelocity);
        info.put("y_velocity", yVelocity);
        info.put("reward_survive", healthyRewardNow);
        info.put("reward_forward", forwardReward);
        info.put("reward_ctrl", -ctrlCost);
        info.put("reward_contact", -contactCost);
        return new Step<>(obs, reward, terminated, false, Map.copyOf(info));
    }

    private Map<String, Object> positionInfo() {
        double x = data.qpos().get(0);
        double y = data.qpos().get(1);
        Map<String, Object> info = new HashMap<>();
        info.put("x_position", x);
        info.put("y_position", y);
        info.put("tendon_length", data.tenLength().toArray());
        info.put("tendon_velocity", data.tenVelocity().toArray());
        info.put("distance_from_origin", norm(x, y));
        return info;
    }

    @Override
    protected float[] resetModel() {
        double[] qpos = Noise.uniformAdded(initQpos, npRandom(), resetNoiseScale);
        double[] qvel = Noise.uniformAdded(initQvel, npRandom(), resetNoiseScale);
        setState(qpos, qvel);
        return observation.observe(data);
    }

    @Override
    protected Map<String, Object> resetInfo() {
        return Map.copyOf(positionInfo());
    }
}
