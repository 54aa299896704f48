package dev.javelin.mujoco.tasks;

import dev.javelin.env.Box;
import dev.javelin.env.EnvSpec;
import dev.javelin.env.Step;
import dev.javelin.mujoco.Libm;
import dev.javelin.mujoco.MjArray;
import dev.javelin.mujoco.MujocoEnv;

import java.util.Map;
import java.util.Set;

/**
 * Gymnasium's {@code InvertedDoublePendulum-v5}: balance two poles on a cart. Reward: {@code healthy_reward} while
 * the tip (site 0) is above 1, minus a distance penalty on the tip's position and a velocity penalty on the
 * hinges; terminated when the tip drops to 1 or below. Observation: cart x, sin and cos of the two hinge angles,
 * qvel clipped to [-10, 10] and the cart's constraint force clipped likewise. Rendered with MuJoCo's free
 * camera: Gymnasium 1.3.0 defines a camera config for this task but passes {@code None}.
 */
public final class InvertedDoublePendulum extends MujocoEnv {
    static final Set<String> OPTIONS = Set.of("xml_file", "frame_skip", "healthy_reward", "reset_noise_scale");

    private final double healthyReward;
    private final double resetNoiseScale;
    private final Box observationSpace = new Box(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 9);

    public InvertedDoublePendulum(EnvSpec.Options o) {
        super(TaskModels.resolve(o, "inverted_double_pendulum.xml"), o.getInt("frame_skip", 5));
        healthyReward = o.getDouble("healthy_reward", 10.0);
        resetNoiseScale = Noise.scale(o, 0.1);
        if (model.nq() != 3 || model.nv() != 3 || model.nsite() < 1) {
            throw new IllegalArgumentException("make(" + o.id() + "): model " + model.source() + " has nq = " + model.nq()
                    + ", nv = " + model.nv() + ", nsite = " + model.nsite() + ", expected 3, 3 and a tip site");
        }
    }

    @Override
    public Box observationSpace() {
        return observationSpace;
    }

    private float[] observation() {
        MjArray qpos = data.qpos();
        MjArray qvel = data.qvel();
        return new float[] {(float) qpos.get(0),
                (float) Libm.sin(qpos.get(1)), (float) Libm.sin(qpos.get(2)),
                (float) Libm.cos(qpos.get(1)), (float) Libm.cos(qpos.get(2)),
                (float) Math.clamp(qvel.get(0), -10.0, 10.0), (float) Math.clamp(qvel.get(1), -10.0, 10.0),
                (float) Math.clamp(qvel.get(2), -10.0, 10.0),
                (float) Math.clamp(data.qfrcConstraint().get(0), -10.0, 10.0)};
    }

    @Override
    public Step<float[]> step(float[] action) {
        checkAction(action);
        doSimulation(action, frameSkip);
        double x = data.siteXpos().get(0, 0);
        double y = data.siteXpos().get(0, 2);
        boolean terminated = y <= 1;
        double v1 = data.qvel().get(1);
        double v2 = data.qvel().get(2);
        // Gymnasium squares with Python's ** (C's pow), which is not always x * x to the last bit
        double distPenalty = 0.01 * Libm.pow(x, 2) + Libm.pow(y - 2, 2);
        double velPenalty = 1e-3 * Libm.pow(v1, 2) + 5e-3 * Libm.pow(v2, 2);
        double aliveBonus = healthyReward * (terminated ? 0 : 1);
        double reward = aliveBonus - distPenalty - velPenalty;
        Map<String, Object> info = Map.of("reward_survive", aliveBonus, "distance_penalty", -distPenalty,
                "velocity_penalty", -velPenalty);
        return new Step<>(observation(), reward, terminated, false, info);
    }

    @Override
    protected float[] resetModel() {
        double[] qpos = Noise.uniformAdded(initQpos, npRandom(), resetNoiseScale);
        double[] qvel = Noise.normalAdded(initQvel, npRandom(), resetNoiseScale);
        setState(qpos, qvel);
        return observation();
    }
}
