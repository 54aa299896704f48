package dev.javelin.mujoco.tasks;

import dev.javelin.env.Box;
import dev.javelin.env.EnvSpec;
import dev.javelin.env.Step;
import dev.javelin.env.random.NumpyGenerator;
import dev.javelin.mujoco.CameraConfig;
import dev.javelin.mujoco.Libm;
import dev.javelin.mujoco.MjArray;
import dev.javelin.mujoco.MjObject;
import dev.javelin.mujoco.MujocoEnv;

import java.util.Map;
import java.util.Set;

/**
 * Gymnasium's {@code Reacher-v5}: a two-joint arm rewarded for bringing its fingertip to a random target, minus a
 * control cost; it never terminates. Observation: cos and sin of the two arm angles, the target's position
 * (qpos[2:]), the arm's two velocities, and the fingertip-to-target vector's x and y.
 */
public final class Reacher extends MujocoEnv {
    static final Set<String> OPTIONS = Set.of("xml_file", "frame_skip", "reward_dist_weight", "reward_control_weight");

    private final double rewardDistWeight;
    private final double rewardControlWeight;
    private final int fingertip;
    private final int target;
    private final Box observationSpace = new Box(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 10);

    public Reacher(EnvSpec.Options o) {
        super(TaskModels.resolve(o, "reacher.xml"), o.getInt("frame_skip", 2));
        rewardDistWeight = o.getDouble("reward_dist_weight", 1.0);
        rewardControlWeight = o.getDouble("reward_control_weight", 1.0);
        fingertip = model.requireId(MjObject.BODY, "fingertip");
        target = model.requireId(MjObject.BODY, "target");
        if (model.nq() != 4 || model.nv() != 4) {
            throw new IllegalArgumentException("make(" + o.id() + "): model " + model.source() + " has nq = " + model.nq()
                    + ", nv = " + model.nv() + ", expected 4 and 4 (two arm joints, then the target's x and y)");
        }
    }

    @Override
    public CameraConfig defaultCamera() {
        return CameraConfig.free().trackBody(0);
    }

    @Override
    public Box observationSpace() {
        return observationSpace;
    }

    /** {@code get_body_com("fingertip") - get_body_com("target")}. */
    private double[] fingertipToTarget() {
        MjArray xpos = data.xpos();
        return new double[] {xpos.get(fingertip, 0) - xpos.get(target, 0), xpos.get(fingertip, 1) - xpos.get(target, 1),
                xpos.get(fingertip, 2) - xpos.get(target, 2)};
    }

    private float[] observation() {
        MjArray qpos = data.qpos();
        MjArray qvel = data.qvel();
        double[] vec = fingertipToTarget();
        // np.cos/np.sin are the C library's
        return new float[] {(float) Libm.cos(qpos.get(0)), (float) Libm.cos(qpos.get(1)),
                (float) Libm.sin(qpos.get(0)), (float) Libm.sin(qpos.get(1)),
                (float) qpos.get(2), (float) qpos.get(3), (float) qvel.get(0), (float) qvel.get(1),
                (float) vec[0], (float) vec[1]};
    }

    @Override
    public Step<float[]> step(float[] action) {
        checkAction(action);
        doSimulation(action, frameSkip);
        float[] obs = observation();
        double rewardDist = -norm(fingertipToTarget()) * rewardDistWeight;
        // float32: the action's sum of squares times a weight NumPy treats as a weak scalar
        float rewardCtrl = -sumOfSquares(action) * (float) rewardControlWeight;
        double reward = rewardDist + rewardCtrl;
        return new Step<>(obs, reward, false, false, Map.of("reward_dist", rewardDist, "reward_ctrl", (double) rewardCtrl));
    }

    @Override
    protected float[] resetModel() {
        NumpyGenerator rng = npRandom();
        double[] qpos = Noise.uniformAdded(initQpos, rng, 0.1);
        double[] goal;
        do {
            goal = rng.uniform(-0.2, 0.2, 2);
        } while (!(norm(goal) < 0.2));
        qpos[2] = goal[0];
        qpos[3] = goal[1];
        double[] qvel = Noise.uniformAdded(initQvel, rng, 0.005);
        qvel[2] = 0;
        qvel[3] = 0;
        setState(qpos, qvel);
        return observation();
    }
}
