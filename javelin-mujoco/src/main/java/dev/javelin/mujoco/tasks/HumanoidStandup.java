package dev.javelin.mujoco.tasks;

import dev.javelin.env.Box;
import dev.javelin.env.EnvSpec;
import dev.javelin.env.Step;
import dev.javelin.mujoco.CameraConfig;
import dev.javelin.mujoco.MujocoEnv;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Gymnasium's {@code HumanoidStandup-v5}: the humanoid starts lying down and is rewarded for the height of its
 * torso ({@code qpos[2] / timestep}) plus 1, minus a control cost on {@code data.ctrl} and an impact cost on
 * {@code cfrc_ext} capped by {@code impact_cost_range}; it never terminates. Observation: see
 * {@link HumanoidObservation}.
 */
public final class HumanoidStandup extends MujocoEnv {
    static final Set<String> OPTIONS = Stream.concat(Stream.of("xml_file", "frame_skip", "uph_cost_weight",
                    "ctrl_cost_weight", "impact_cost_weight", "impact_cost_range", "reset_noise_scale"),
            HumanoidObservation.OPTIONS.stream()).collect(Collectors.toUnmodifiableSet());

    private final double uphCostWeight;
    private final double ctrlCostWeight;
    private final double impactCostWeight;
    private final double[] impactCostRange;
    private final double resetNoiseScale;
    private final HumanoidObservation observation;
    private final Box observationSpace;

    public HumanoidStandup(EnvSpec.Options o) {
        super(TaskModels.resolve(o, "humanoidstandup.xml"), o.getInt("frame_skip", 5));
        // Gymnasium stores uph_cost_weight but its reward never reads it; accepted for the same signature
        uphCostWeight = o.getDouble("uph_cost_weight", 1.0);
        ctrlCostWeight = o.getDouble("ctrl_cost_weight", 0.1);
        impactCostWeight = o.getDouble("impact_cost_weight", 0.5e-6);
        impactCostRange = o.getRange("impact_cost_range", Double.NEGATIVE_INFINITY, 10.0);
        resetNoiseScale = Noise.scale(o, 1e-2);
        observation = new HumanoidObservation(o, model);
        observationSpace = new Box(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, observation.size());
    }

    @Override
    public CameraConfig defaultCamera() {
        return CameraConfig.free().trackBody(1).distance(4.0).lookat(0.0, 0.0, 0.8925).elevation(-20.0);
    }

    @Override
    public Box observationSpace() {
        return observationSpace;
    }

    /** {@code uph_cost_weight} as given (unused by the reward, as in Gymnasium). */
    public double uphCostWeight() {
        return uphCostWeight;
    }

    @Override
    public Step<float[]> step(float[] action) {
        checkAction(action);
        doSimulation(action, frameSkip);
        double posAfter = data.qpos().get(2);
        double uphCost = (posAfter - 0) / model.timestep();
        double quadCtrlCost = ctrlCostWeight * sumOfSquares(data.ctrl().toArray());
        double quadImpactCost = Math.clamp(impactCostWeight * sumOfSquares(data.cfrcExt().toArray()),
                impactCostRange[0], impactCostRange[1]);
        double reward = uphCost - quadCtrlCost - quadImpactCost + 1;

        Map<String, Object> info = positionInfo();
        info.put("reward_linup", uphCost);
        info.put("reward_quadctrl", -quadCtrlCost);
        info.put("reward_impact", -quadImpactCost);
        return new Step<>(observation.observe(data), reward, false, false, Map.copyOf(info));
    }

    private Map<String, Object> positionInfo() {
        Map<String, Object> info = new HashMap<>();
        info.put("x_position", data.qpos().get(0));
        info.put("y_position", data.qpos().get(1));
        info.put("z_distance_from_origin", data.qpos().get(2) - initQpos[2]);
        info.put("tendon_length", data.tenLength().toArray());
        info.put("tendon_velocity", data.tenVelocity().toArray());
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
