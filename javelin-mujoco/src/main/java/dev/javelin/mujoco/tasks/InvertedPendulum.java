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
 * Gymnasium's {@code InvertedPendulum-v5}: keep a pole upright on a cart; reward 1 per step, terminated when the
 * pole's angle leaves [-0.2, 0.2] or the state is not finite. Observation: qpos, then qvel.
 */
public final class InvertedPendulum extends MujocoEnv {
    static final Set<String> OPTIONS = Set.of("xml_file", "frame_skip", "reset_noise_scale");

    private final double resetNoiseScale;
    private final Box observationSpace;

    public InvertedPendulum(EnvSpec.Options o) {
        super(TaskModels.resolve(o, "inverted_pendulum.xml"), o.getInt("frame_skip", 2));
        resetNoiseScale = Noise.scale(o, 0.01);
        if (model.nq() < 2) {
            throw new IllegalArgumentException("make(" + o.id() + "): model " + model.source() + " has nq = " + model.nq()
                    + ", expected >= 2 (the cart's slide, then the pole's hinge)");
        }
        observationSpace = new Box(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, model.nq() + model.nv());
    }

    @Override
    public CameraConfig defaultCamera() {
        return CameraConfig.free().trackBody(0).distance(2.04);
    }

    @Override
    public Box observationSpace() {
        return observationSpace;
    }

    private float[] observation() {
        MjArray qpos = data.qpos();
        MjArray qvel = data.qvel();
        float[] obs = new float[observationSpace.size()];
        int k = 0;
        for (int i = 0; i < qpos.length(); i++) {
            obs[k++] = (float) qpos.get(i);
        }
        for (int i = 0; i < qvel.length(); i++) {
            obs[k++] = (float) qvel.get(i);
        }
        return obs;
    }

    @Override
    public Step<float[]> step(float[] action) {
        checkAction(action);
        doSimulation(action, frameSkip);
        // judged on the float64 state, as Gymnasium judges its float64 observation
        boolean terminated = !stateFinite() || Math.abs(data.qpos().get(1)) > 0.2;
        int reward = terminated ? 0 : 1;
        return new Step<>(observation(), reward, terminated, false, Map.of("reward_survive", reward));
    }

    @Override
    protected float[] resetModel() {
        double[] qpos = Noise.uniformAdded(initQpos, npRandom(), resetNoiseScale);
        double[] qvel = Noise.uniformAdded(initQvel, npRandom(), resetNoiseScale);
        setState(qpos, qvel);
        return observation();
    }
}
