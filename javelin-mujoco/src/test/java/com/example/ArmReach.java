package com.example;

import dev.javelin.env.Box;
import dev.javelin.env.Step;
import dev.javelin.mujoco.CameraConfig;
import dev.javelin.mujoco.MjArray;
import dev.javelin.mujoco.MjData;
import dev.javelin.mujoco.MujocoEnv;

import java.nio.file.Path;
import java.util.Map;

/**
 * A user's own MuJoCo task (docs/mujoco.md walks through it): MuJoCo's two-link arm driven by six muscles
 * ({@code tendon_arm/arm26.xml} from Debian's libmujoco-samples) must bring its hand to a random target.
 * Observation: joint angles and velocities, muscle activations, hand and target positions (x, y).
 * Reward: minus the hand's distance to the target, minus a small effort cost; the episode ends on reaching it.
 */
public final class ArmReach extends MujocoEnv {
    public static final Path MODEL = Path.of("/usr/share/mujoco/model/tendon_arm/arm26.xml");
    private static final double FOREARM_LENGTH = 0.5;
    private static final double REACHED = 0.05;

    private final Box observationSpace;
    private final int forearm;
    private final double[] target = new double[2];

    public ArmReach() {
        super(MODEL, 2);
        forearm = model.nbody() - 1;
        observationSpace = new Box(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, model.nq() + model.nv() + model.na() + 4);
    }

    @Override
    public Box observationSpace() {
        return observationSpace;
    }

    @Override
    public CameraConfig defaultCamera() {
        return CameraConfig.free().distance(2.0).elevation(-90).azimuth(90).lookat(0.4, 0, 0);
    }

    /** The hand: the far end of the forearm capsule, from the body's pose. */
    private static double[] hand(MjData d, int body) {
        MjArray xpos = d.xpos();
        MjArray xmat = d.xmat();
        return new double[] {xpos.get(body, 0) + FOREARM_LENGTH * xmat.get(body, 0), xpos.get(body, 1) + FOREARM_LENGTH * xmat.get(body, 3)};
    }

    @Override
    protected float[] resetModel() {
        // a target the arm can reach: the hand's position at random joint angles within the joints' limits
        MjArray range = model.jntRange();
        double[] angles = new double[model.nq()];
        for (int j = 0; j < angles.length; j++) {
            angles[j] = npRandom().uniform(range.get(j, 0), range.get(j, 1), 1)[0];
        }
        try (MjData scratch = new MjData(model)) {
            scratch.qpos().set(angles);
            scratch.kinematics();
            System.arraycopy(hand(scratch, forearm), 0, target, 0, 2);
        }
        setState(initQpos, initQvel);
        return observation();
    }

    private float[] observation() {
        float[] obs = new float[observationSpace.size()];
        int k = 0;
        for (MjArray a : new MjArray[] {data.qpos(), data.qvel(), data.act()}) {
            for (int i = 0; i < a.length(); i++) {
                obs[k++] = (float) a.get(i);
            }
        }
        double[] h = hand(data, forearm);
        obs[k++] = (float) h[0];
        obs[k++] = (float) h[1];
        obs[k++] = (float) target[0];
        obs[k] = (float) target[1];
        return obs;
    }

    @Override
    public Step<float[]> step(float[] action) {
        checkAction(action);
        doSimulation(action, frameSkip);
        double[] h = hand(data, forearm);
        double distance = Math.hypot(h[0] - target[0], h[1] - target[1]);
        double effort = 0.01 * sumOfSquares(action);
        return new Step<>(observation(), -distance - effort, distance < REACHED, false,
                Map.of("distance", distance, "reward_effort", -effort));
    }
}
