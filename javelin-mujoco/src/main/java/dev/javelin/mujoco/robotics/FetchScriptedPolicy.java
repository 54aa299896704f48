package dev.javelin.mujoco.robotics;

import dev.javelin.env.GoalEnv;
import java.util.Map;

/**
 * A hand-written controller for FetchPickAndPlace and FetchPush, the kind of scripted expert whose episodes seed
 * learning from demonstrations (Nair et al. 2018 record theirs with a VR set; a script does for the Fetch tasks).
 * It reads the Fetch observation ({@code grip_pos} at 0..2, {@code object_pos} at 3..5, {@code gripper_state} at
 * 9..10) and the desired goal, and moves the gripper with a proportional step toward each phase's target.
 *
 * <p>Pick and place: above the object, down around it with the fingers open, close them, then carry the object to the
 * goal (lifting it when the goal is in the air). Push (the gripper is blocked closed): above a point behind the object
 * on the line to the goal, down to the table, then push toward the goal. A phase falls back to the approach when the
 * object is lost. Call {@link #reset()} at the start of each episode.
 */
public final class FetchScriptedPolicy {
    /** Mocap metres per action unit (the env's 0.05) times the fraction of the error closed per step. */
    private static final double GAIN = 10.0;
    private static final double HOVER = 0.05;
    private static final double CLOSE_ENOUGH = 0.01;
    private static final int GRASP_STEPS = 4;
    /** Block half-size plus a finger: how far behind the object's centre the gripper pushes from. */
    private static final double PUSH_OFFSET = 0.05;

    private enum Phase { APPROACH, DESCEND, GRASP, CARRY }

    private final boolean push;
    private Phase phase = Phase.APPROACH;
    private int graspSteps;

    /** @param task {@link FetchTask#PICK_AND_PLACE} or {@link FetchTask#PUSH} */
    public FetchScriptedPolicy(FetchTask task) {
        if (task != FetchTask.PICK_AND_PLACE && task != FetchTask.PUSH) {
            throw new IllegalArgumentException("FetchScriptedPolicy: task " + task.name() + ", expected FetchPickAndPlace or FetchPush");
        }
        this.push = task == FetchTask.PUSH;
    }

    /** Starts a new episode. */
    public void reset() {
        phase = Phase.APPROACH;
        graspSteps = 0;
    }

    /** The action in [-1, 1]^4 for a Fetch observation Dict. */
    public float[] act(Map<String, Object> observation) {
        float[] o = (float[]) observation.get(GoalEnv.OBSERVATION);
        float[] g = (float[]) observation.get(GoalEnv.DESIRED_GOAL);
        if (o == null || o.length != 25 || g == null || g.length != 3) {
            throw new IllegalArgumentException("FetchScriptedPolicy: expected a Fetch object task's observation (25 values) and goal (3), got "
                    + observation.keySet());
        }
        double[] grip = {o[0], o[1], o[2]};
        double[] object = {o[3], o[4], o[5]};
        double[] goal = {g[0], g[1], g[2]};
        return push ? push(grip, object, goal) : pickAndPlace(grip, object, goal);
    }

    private float[] pickAndPlace(double[] grip, double[] object, double[] goal) {
        double[] above = {object[0], object[1], object[2] + HOVER};
        switch (phase) {
            case APPROACH -> {
                if (planar(grip, above) < CLOSE_ENOUGH && Math.abs(grip[2] - above[2]) < 2 * CLOSE_ENOUGH) {
                    phase = Phase.DESCEND;
                }
            }
            case DESCEND -> {
                if (distance(grip, object) < CLOSE_ENOUGH) {
                    phase = Phase.GRASP;
                } else if (planar(grip, object) > 2 * CLOSE_ENOUGH) {
                    phase = Phase.APPROACH;
                }
            }
            case GRASP -> {
                if (++graspSteps >= GRASP_STEPS) {
                    phase = Phase.CARRY;
                }
            }
            case CARRY -> {
                if (distance(grip, object) > 3 * CLOSE_ENOUGH) {
                    // dropped: start over, fingers open
                    phase = Phase.APPROACH;
                    graspSteps = 0;
                }
            }
        }
        return switch (phase) {
            case APPROACH -> toward(grip, above, 1f);
            case DESCEND -> toward(grip, object, 1f);
            case GRASP -> new float[] {0f, 0f, 0f, -1f};
            case CARRY -> toward(grip, goal, -1f);
        };
    }

    private float[] push(double[] grip, double[] object, double[] goal) {
        double dx = goal[0] - object[0], dy = goal[1] - object[1];
        double norm = Math.hypot(dx, dy);
        if (norm < 1e-6) {
            return new float[] {0f, 0f, 0f, 0f};
        }
        double ux = dx / norm, uy = dy / norm;
        double[] behind = {object[0] - ux * PUSH_OFFSET, object[1] - uy * PUSH_OFFSET, object[2]};
        double[] aboveBehind = {behind[0], behind[1], behind[2] + HOVER};
        switch (phase) {
            case APPROACH -> {
                if (planar(grip, aboveBehind) < CLOSE_ENOUGH) {
                    phase = Phase.DESCEND;
                }
            }
            case DESCEND -> {
                if (distance(grip, behind) < CLOSE_ENOUGH) {
                    phase = Phase.CARRY;
                } else if (planar(grip, behind) > 2 * CLOSE_ENOUGH) {
                    phase = Phase.APPROACH;
                }
            }
            case CARRY -> {
                // off the line behind the object: go round again, above it
                if (planar(grip, behind) > 2.5 * CLOSE_ENOUGH) {
                    phase = Phase.APPROACH;
                }
            }
            case GRASP -> phase = Phase.CARRY;
        }
        return switch (phase) {
            case APPROACH -> {
                // rise first, so the fingers do not sweep the object off its place
                double[] target = grip[2] < aboveBehind[2] - CLOSE_ENOUGH && planar(grip, aboveBehind) > CLOSE_ENOUGH
                        ? new double[] {grip[0], grip[1], aboveBehind[2]} : aboveBehind;
                yield toward(grip, target, 0f);
            }
            case DESCEND -> toward(grip, behind, 0f);
            case CARRY, GRASP -> toward(grip, new double[] {goal[0] - ux * PUSH_OFFSET, goal[1] - uy * PUSH_OFFSET, object[2]}, 0f);
        };
    }

    private static float[] toward(double[] from, double[] to, float gripper) {
        float[] a = new float[4];
        for (int k = 0; k < 3; k++) {
            a[k] = (float) Math.max(-1.0, Math.min(1.0, GAIN * (to[k] - from[k])));
        }
        a[3] = gripper;
        return a;
    }

    private static double planar(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    private static double distance(double[] a, double[] b) {
        double x = a[0] - b[0], y = a[1] - b[1], z = a[2] - b[2];
        return Math.sqrt(x * x + y * y + z * z);
    }
}
