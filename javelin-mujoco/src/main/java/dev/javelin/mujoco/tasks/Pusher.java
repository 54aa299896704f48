package dev.javelin.mujoco.tasks;

import dev.javelin.env.Box;
import dev.javelin.env.EnvSpec;
import dev.javelin.env.Step;
import dev.javelin.env.random.NumpyGenerator;
import dev.javelin.mujoco.CameraConfig;
import dev.javelin.mujoco.MjArray;
import dev.javelin.mujoco.MjObject;
import dev.javelin.mujoco.MujocoEnv;

import java.util.Map;
import java.util.Set;

/**
 * Gymnasium's {@code Pusher-v5}: a seven-joint arm rewarded for pushing a cylinder to the goal at the origin
 * (distance terms for tip-to-object and object-to-goal), minus a control cost; it never terminates. Observation:
 * the arm's 7 positions and 7 velocities, then the positions of the arm's tip, the object and the goal.
 */
public final class Pusher extends MujocoEnv {
    static final Set<String> OPTIONS = Set.of("xml_file", "frame_skip", "reward_near_weight", "reward_dist_weight",
            "reward_control_weight");

    private final double rewardNearWeight;
    private final double rewardDistWeight;
    private final double rewardControlWeight;
    private final int tipsArm;
    private final int object;
    private final int goal;
    private final Box observationSpace = new Box(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 23);

    public Pusher(EnvSpec.Options o) {
        super(TaskModels.resolve(o, "pusher_v5.xml"), o.getInt("frame_skip", 5));
        rewardNearWeight = o.getDouble("reward_near_weight", 0.5);
        rewardDistWeight = o.getDouble("reward_dist_weight", 1.0);
        rewardControlWeight = o.getDouble("reward_control_weight", 0.1);
        tipsArm = model.requireId(MjObject.BODY, "tips_arm");
        object = model.requireId(MjObject.BODY, "object");
        goal = model.requireId(MjObject.BODY, "goal");
        if (model.nq() < 11 || model.nv() < 11) {
            throw new IllegalArgumentException("make(" + o.id() + "): model " + model.source() + " has nq = " + model.nq()
                    + ", nv = " + model.nv() + ", expected >= 11 (7 arm joints, then the object's and goal's x and y)");
        }
    }

    @Override
    public CameraConfig defaultCamera() {
        return CameraConfig.free().trackBody(-1).distance(4.0);
    }

    @Override
    public Box observationSpace() {
        return observationSpace;
    }

    private double[] difference(int a, int b) {
        MjArray xpos = data.xpos();
        return new double[] {xpos.get(a, 0) - xpos.get(b, 0), xpos.get(a, 1) - xpos.get(b, 1), xpos.get(a, 2) - xpos.get(b, 2)};
    }

    private float[] observation() {
        MjArray qpos = data.qpos();
        MjArray qvel = data.qvel();
        MjArray xpos = data.xpos();
        float[] obs = new float[23];
        for (int i = 0; i < 7; i++) {
            obs[i] = (float) qpos.get(i);
            obs[7 + i] = (float) qvel.get(i);
        }
        int k = 14;
        for (int body : new int[] {tipsArm, object, goal}) {
            for (int j = 0; j < 3; j++) {
                obs[k++] = (float) xpos.get(body, j);
            }
        }
        return obs;
    }

    @Override
    public Step<float[]> step(float[] action) {
        checkAction(action);
        doSimulation(action, frameSkip);
        float[] obs = observation();
        double rewardNear = -norm(difference(object, tipsArm)) * rewardNearWeight;
        double rewardDist = -norm(difference(object, goal)) * rewardDistWeight;
        float rewardCtrl = -sumOfSquares(action) * (float) rewardControlWeight;
        double reward = rewardDist + rewardCtrl + rewardNear;
        return new Step<>(obs, reward, false, false,
                Map.of("reward_dist", rewardDist, "reward_ctrl", (double) rewardCtrl, "reward_near", rewardNear));
    }

    @Override
    protected float[] resetModel() {
        NumpyGenerator rng = npRandom();
        // the arm starts exactly at init_qpos; only the cylinder's place is random, at least 0.17 from the goal
        double[] qpos = initQpos.clone();
        double cylinderX;
        double cylinderY;
        do {
            cylinderX = rng.uniform(-0.3, 0.0, 1)[0];
            cylinderY = rng.uniform(-0.2, 0.2, 1)[0];
        } while (!(norm(cylinderX, cylinderY) > 0.17));
        int n = qpos.length;
        qpos[n - 4] = cylinderX;
        qpos[n - 3] = cylinderY;
        qpos[n - 2] = 0;
        qpos[n - 1] = 0;
        double[] qvel = Noise.uniformAdded(initQvel, rng, 0.005);
        for (int i = qvel.length - 4; i < qvel.length; i++) {
            qvel[i] = 0;
        }
        setState(qpos, qvel);
        return observation();
    }
}
