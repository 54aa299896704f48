package dev.javelin.mujoco.robotics;

import dev.javelin.env.Box;
import dev.javelin.env.Dict;
import dev.javelin.env.Env;
import dev.javelin.env.GoalEnv;
import dev.javelin.env.Reset;
import dev.javelin.env.Step;
import dev.javelin.env.random.NumpyGenerator;
import dev.javelin.mujoco.CameraConfig;
import dev.javelin.mujoco.MjArray;
import dev.javelin.mujoco.MjData;
import dev.javelin.mujoco.MjModel;
import dev.javelin.mujoco.MjObject;
import dev.javelin.mujoco.MjRenderer;
import dev.javelin.mujoco.MujocoEnv;
import dev.javelin.mujoco.SharedModels;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Fetch arm tasks of Gymnasium-Robotics (v4, {@code MujocoFetchEnv}): a mocap body drives the end effector, so
 * an action is a Cartesian displacement {@code (dx, dy, dz)} of the gripper, scaled by 0.05 m, plus a gripper
 * command; each step holds it for {@code n_substeps = 20} physics steps of 0.002 s. Observations are a {@link Dict}
 * of {@code observation}, {@code achieved_goal} (gripper or object position) and {@code desired_goal}; the sparse
 * reward is -1 until the achieved goal is within {@code distance_threshold} (0.05 m) of the desired one, then 0
 * (the dense variant: minus the distance). {@code info["is_success"]} is 1 within the threshold.
 *
 * <p>Every draw ({@code np_random}) and every floating-point operation follows the reference's order, so a seed and
 * the same actions give Gymnasium-Robotics' episode. Observations are float64 in MuJoCo and float32 here; rewards
 * and successes are computed from the float64 values, as the reference computes them.
 *
 * <p>Unlike the reference, which clips, an action outside [-1, 1] is rejected (Javelin's {@link Env} contract).
 */
public final class FetchEnv implements Env<Map<String, Object>, float[]>, GoalEnv {
    private static final double[] GRIPPER_ROTATION = {1.0, 0.0, 1.0, 0.0};
    // np.finfo(float).eps * 4, mat2euler's threshold for gimbal lock.
    private static final double EPS4 = Math.ulp(1.0) * 4.0;

    /** Gymnasium-Robotics' {@code DEFAULT_CAMERA_CONFIG} of the Fetch tasks (fetch_env.py), on the free camera. */
    public static final CameraConfig CAMERA = CameraConfig.free().distance(2.5).azimuth(132.0).elevation(-14.0)
            .lookat(1.3, 0.75, 0.55);

    private final FetchTask task;
    private final boolean dense;
    private final String name;
    private final MjModel model;
    private final MjData data;
    private final Box actionSpace = new Box(-1f, 1f, 4);
    private final Dict observationSpace;
    private final int gripSite, objectSite, objectQposAdr, mocapId;
    private final int[] fingerQposAdr, fingerDofAdr, weldMocap, weldBody;
    private final double[] jacp, jacr;
    private final double dt;
    // The state after the arm was moved into place (_env_setup), which every reset restores.
    private final double initialTime;
    private final double[] initialQpos, initialQvel;
    private final double[] initialGripperXpos;
    private final double heightOffset;
    private NumpyGenerator npRandom;
    private double[] goal = new double[3];
    private boolean started;
    private boolean closed;
    private final int targetSite;
    /** One renderer per requested size, made on first use. */
    private final Map<Long, MjRenderer> renderers = new HashMap<>();

    /**
     * @param modelFile the task's MJCF file (see {@link FetchAssets#model})
     * @param dense     Gymnasium-Robotics' {@code reward_type="dense"}
     */
    public FetchEnv(FetchTask task, boolean dense, Path modelFile) {
        this.task = task;
        this.dense = dense;
        this.name = task.name() + (dense ? "Dense" : "") + "-v4";
        this.model = SharedModels.acquire(modelFile);
        this.data = new MjData(model);
        this.dt = task.nSubsteps() * model.timestep();
        this.jacp = new double[3 * model.nv()];
        this.jacr = new double[3 * model.nv()];
        gripSite = model.requireId(MjObject.SITE, "robot0:grip");
        targetSite = model.requireId(MjObject.SITE, "target0");
        objectSite = task.hasObject() ? model.requireId(MjObject.SITE, "object0") : -1;
        objectQposAdr = task.hasObject() ? model.jntQposAdr()[model.requireId(MjObject.JOINT, "object0:joint")] : -1;
        mocapId = model.bodyMocapId()[model.requireId(MjObject.BODY, "robot0:mocap")];
        // robot_get_obs reads every joint named "robot*"; the gripper state is the last two of them.
        List<Integer> robot = new ArrayList<>();
        for (int j = 0; j < model.njnt(); j++) {
            if (model.name(MjObject.JOINT, j).startsWith("robot")) {
                robot.add(j);
            }
        }
        if (robot.size() < 2) {
            throw new IllegalArgumentException(name + ": model " + modelFile + " has " + robot.size() + " robot joints, expected the Fetch arm");
        }
        int[] qadr = model.jntQposAdr(), dadr = model.jntDofAdr();
        int l = robot.get(robot.size() - 2), r = robot.get(robot.size() - 1);
        fingerQposAdr = new int[] {qadr[l], qadr[r]};
        fingerDofAdr = new int[] {dadr[l], dadr[r]};
        int[] eqType = model.eqType(), obj1 = model.eqObj1Id(), obj2 = model.eqObj2Id(), bodyMocap = model.bodyMocapId();
        List<int[]> welds = new ArrayList<>();
        for (int i = 0; i < model.neq(); i++) {
            if (eqType[i] == MjModel.EQ_WELD) {
                welds.add(bodyMocap[obj1[i]] != -1 ? new int[] {bodyMocap[obj1[i]], obj2[i]} : new int[] {bodyMocap[obj2[i]], obj1[i]});
            }
        }
        weldMocap = welds.stream().mapToInt(w -> w[0]).toArray();
        weldBody = welds.stream().mapToInt(w -> w[1]).toArray();

        envSetup();
        initialTime = data.time();
        initialQpos = data.qpos().toArray();
        initialQvel = data.qvel().toArray();
        initialGripperXpos = data.siteXpos().row(gripSite);
        heightOffset = task.hasObject() ? data.siteXpos().get(objectSite, 2) : 0.0;

        int obsDim = task.hasObject() ? 25 : 10;
        Map<String, Box> spaces = new LinkedHashMap<>();
        // Gymnasium's Dict sorts its keys.
        spaces.put(ACHIEVED_GOAL, unbounded(3));
        spaces.put(DESIRED_GOAL, unbounded(3));
        spaces.put(OBSERVATION, unbounded(obsDim));
        observationSpace = new Dict(spaces);
    }

    private static Box unbounded(int n) {
        return new Box(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, n);
    }

    /** {@code _env_setup}: initial joints, mocap weld reset, then 10 steps that bring the gripper to its start. */
    private void envSetup() {
        int[] qadr = model.jntQposAdr();
        for (Map.Entry<String, double[]> e : task.initialQpos().entrySet()) {
            int adr = qadr[model.requireId(MjObject.JOINT, e.getKey())];
            for (int i = 0; i < e.getValue().length; i++) {
                data.qpos().set(adr + i, e.getValue()[i]);
            }
        }
        // reset_mocap_welds writes the shared model; every env writes the same values, so the order is immaterial.
        MjArray eqData = model.eqData();
        int[] eqType = model.eqType();
        for (int i = 0; i < model.neq(); i++) {
            if (eqType[i] == MjModel.EQ_WELD) {
                double[] relpose = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0};
                for (int k = 0; k < 7; k++) {
                    eqData.set(i, k, relpose[k]);
                }
            }
        }
        data.forward();
        data.forward();
        double[] grip = data.siteXpos().row(gripSite);
        double[] offset = {-0.498, 0.005, -0.431 + task.gripperExtraHeight()};
        for (int k = 0; k < 3; k++) {
            data.mocapPos().set(mocapId, k, offset[k] + grip[k]);
        }
        for (int k = 0; k < 4; k++) {
            data.mocapQuat().set(mocapId, k, GRIPPER_ROTATION[k]);
        }
        for (int i = 0; i < 10; i++) {
            data.step(task.nSubsteps());
        }
    }

    @Override
    public Dict observationSpace() {
        return observationSpace;
    }

    @Override
    public Box actionSpace() {
        return actionSpace;
    }

    @Override
    public Reset<Map<String, Object>> reset(long seed) {
        if (seed < 0) {
            throw new IllegalArgumentException(name + ": reset seed " + seed + ", expected a non-negative integer (Gymnasium rejects negative seeds)");
        }
        npRandom = NumpyGenerator.defaultRng(seed);
        return start();
    }

    @Override
    public Reset<Map<String, Object>> reset() {
        if (npRandom == null) {
            npRandom = NumpyGenerator.defaultRng();
        }
        return start();
    }

    private Reset<Map<String, Object>> start() {
        checkOpen();
        resetSim();
        goal = sampleGoal();
        started = true;
        return new Reset<>(observation(), Map.of());
    }

    /** {@code _reset_sim}: the set-up state, then the object placed at least 0.1 m from the gripper in the plane. */
    private void resetSim() {
        data.resetData();
        data.setTime(initialTime);
        data.qpos().set(initialQpos);
        data.qvel().set(initialQvel);
        if (task.hasObject()) {
            double x = initialGripperXpos[0], y = initialGripperXpos[1];
            while (Math.sqrt((x - initialGripperXpos[0]) * (x - initialGripperXpos[0]) + (y - initialGripperXpos[1]) * (y - initialGripperXpos[1])) < 0.1) {
                double[] u = npRandom.uniform(-task.objRange(), task.objRange(), 2);
                x = initialGripperXpos[0] + u[0];
                y = initialGripperXpos[1] + u[1];
            }
            data.qpos().set(objectQposAdr, x);
            data.qpos().set(objectQposAdr + 1, y);
        }
        data.forward();
    }

    /** {@code _sample_goal}. */
    private double[] sampleGoal() {
        double[] u = npRandom.uniform(-task.targetRange(), task.targetRange(), 3);
        double[] g = new double[3];
        for (int k = 0; k < 3; k++) {
            g[k] = initialGripperXpos[k] + u[k];
        }
        if (task.hasObject()) {
            for (int k = 0; k < 3; k++) {
                g[k] += task.targetOffset()[k];
            }
            g[2] = heightOffset;
            if (task.targetInTheAir() && npRandom.uniform(0.0, 1.0) < 0.5) {
                g[2] += npRandom.uniform(0.0, 0.45);
            }
        }
        return g;
    }

    @Override
    public Step<Map<String, Object>> step(float[] action) {
        checkOpen();
        if (!started) {
            throw new IllegalStateException(name + ": step before reset; call reset(seed) first");
        }
        actionSpace.check(action, name + ": action");
        setAction(action);
        data.step(task.nSubsteps());
        if (task.blockGripper()) {
            data.qpos().set(fingerQposAdr[0], 0.0);
            data.qpos().set(fingerQposAdr[1], 0.0);
            data.forward();
        }
        Map<String, Object> obs = observation();
        double d = goalDistance(achievedGoal(), goal);
        Map<String, Object> info = Map.of("is_success", d < task.distanceThreshold() ? 1.0 : 0.0);
        return new Step<>(obs, reward(d), false, false, info);
    }

    /** {@code _set_action}, {@code ctrl_set_action} and {@code mocap_set_action}. */
    private void setAction(float[] action) {
        // pos_ctrl *= 0.05 happens in float32, before the concatenation casts to float64.
        double[] posDelta = {action[0] * 0.05f, action[1] * 0.05f, action[2] * 0.05f};
        double gripper = task.blockGripper() ? 0.0 : action[3];
        if (model.nu() > 0) {
            int[] bias = model.actuatorBiasType(), trn = model.actuatorTrnId(), qadr = model.jntQposAdr();
            for (int i = 0; i < 2; i++) {
                // Position actuators (a bias) take a target relative to the joint's current position.
                data.ctrl().set(i, bias[i] == MjModel.BIAS_NONE ? gripper : data.qpos().get(qadr[trn[2 * i]]) + gripper);
            }
        }
        // reset_mocap2body_xpos: the mocap starts from where its welded body is, so actions are relative moves.
        for (int w = 0; w < weldMocap.length; w++) {
            for (int k = 0; k < 3; k++) {
                data.mocapPos().set(weldMocap[w], k, data.xpos().get(weldBody[w], k));
            }
            for (int k = 0; k < 4; k++) {
                data.mocapQuat().set(weldMocap[w], k, data.xquat().get(weldBody[w], k));
            }
        }
        for (int m = 0; m < model.nmocap(); m++) {
            for (int k = 0; k < 3; k++) {
                data.mocapPos().set(m, k, data.mocapPos().get(m, k) + posDelta[k]);
            }
            for (int k = 0; k < 4; k++) {
                data.mocapQuat().set(m, k, data.mocapQuat().get(m, k) + GRIPPER_ROTATION[k]);
            }
        }
    }

    private double[] achievedGoal() {
        return data.siteXpos().row(task.hasObject() ? objectSite : gripSite);
    }

    private double reward(double distance) {
        if (dense) {
            return -distance;
        }
        // -(d > threshold).astype(float32): the achieved case is minus zero.
        return distance > task.distanceThreshold() ? -1.0 : -0.0;
    }

    /** {@code goal_distance}: the Euclidean norm, squares summed left to right as NumPy's reduction does. */
    static double goalDistance(double[] a, double[] b) {
        double s = 0.0;
        for (int k = 0; k < a.length; k++) {
            double diff = a[k] - b[k];
            s = k == 0 ? diff * diff : s + diff * diff;
        }
        return Math.sqrt(s);
    }

    @Override
    public int goalDim() {
        return 3;
    }

    @Override
    public double[] computeReward(float[] achievedGoals, float[] desiredGoals, int count) {
        if (count < 0 || achievedGoals.length != count * 3 || desiredGoals.length != count * 3) {
            throw new IllegalArgumentException(name + ".computeReward: goals of length " + achievedGoals.length + " and "
                    + desiredGoals.length + " for " + count + " rows, expected " + count + " x 3 each");
        }
        double[] out = new double[count];
        double[] a = new double[3], b = new double[3];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < 3; k++) {
                a[k] = achievedGoals[3 * i + k];
                b[k] = desiredGoals[3 * i + k];
            }
            out[i] = reward(goalDistance(a, b));
        }
        return out;
    }

    /** The goal of the current episode (float64, as the reference holds it). */
    public double[] desiredGoal() {
        return goal.clone();
    }

    /** {@code _get_obs}. */
    private Map<String, Object> observation() {
        double[] qvel = data.qvel().toArray();
        double[] gripPos = data.siteXpos().row(gripSite);
        double[] gripVelp = siteVelocity(gripSite, qvel)[0];
        for (int k = 0; k < 3; k++) {
            gripVelp[k] *= dt;
        }
        double[] gripperState = {data.qpos().get(fingerQposAdr[0]), data.qpos().get(fingerQposAdr[1])};
        double[] gripperVel = {qvel[fingerDofAdr[0]] * dt, qvel[fingerDofAdr[1]] * dt};
        float[] obs;
        double[] achieved;
        if (task.hasObject()) {
            double[] objectPos = data.siteXpos().row(objectSite);
            double[] objectRot = mat2euler(data.siteXmat().row(objectSite));
            double[][] v = siteVelocity(objectSite, qvel);
            double[] objectVelp = v[0], objectVelr = v[1], objectRelPos = new double[3];
            for (int k = 0; k < 3; k++) {
                objectVelp[k] = objectVelp[k] * dt - gripVelp[k];
                objectVelr[k] *= dt;
                objectRelPos[k] = objectPos[k] - gripPos[k];
            }
            obs = concat(gripPos, objectPos, objectRelPos, gripperState, objectRot, objectVelp, objectVelr, gripVelp, gripperVel);
            achieved = objectPos;
        } else {
            obs = concat(gripPos, gripperState, gripVelp, gripperVel);
            achieved = gripPos;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(OBSERVATION, obs);
        m.put(ACHIEVED_GOAL, concat(achieved));
        m.put(DESIRED_GOAL, concat(goal));
        return m;
    }

    /** {@code jacp @ qvel} and {@code jacr @ qvel} of a site (get_site_xvelp / get_site_xvelr). */
    private double[][] siteVelocity(int site, double[] qvel) {
        data.jacSite(jacp, jacr, site);
        double[] p = new double[3], r = new double[3];
        int nv = qvel.length;
        for (int k = 0; k < 3; k++) {
            double sp = 0.0, sr = 0.0;
            for (int j = 0; j < nv; j++) {
                sp += jacp[k * nv + j] * qvel[j];
                sr += jacr[k * nv + j] * qvel[j];
            }
            p[k] = sp;
            r[k] = sr;
        }
        return new double[][] {p, r};
    }

    /** Gymnasium-Robotics' {@code rotations.mat2euler} of a row-major 3x3 matrix. */
    static double[] mat2euler(double[] m) {
        double cy = Math.sqrt(m[8] * m[8] + m[5] * m[5]);
        boolean regular = cy > EPS4;
        return new double[] {
            regular ? -StrictMath.atan2(m[5], m[8]) : 0.0,
            -StrictMath.atan2(-m[2], cy),
            regular ? -StrictMath.atan2(m[1], m[0]) : -StrictMath.atan2(-m[3], m[4])};
    }

    private static float[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int i = 0;
        for (double[] p : parts) {
            for (double v : p) {
                out[i++] = (float) v;
            }
        }
        return out;
    }

    public FetchTask task() {
        return task;
    }

    public MjData data() {
        return data;
    }

    /** Seconds per env step: {@code n_substeps * timestep}. */
    public double dt() {
        return dt;
    }

    @Override
    public int renderFps() {
        return (int) Math.round(1.0 / dt);
    }

    /** The current state from Gymnasium-Robotics' camera ({@link #CAMERA}) at its default 480x480. */
    @Override
    public BufferedImage render() {
        return render(MujocoEnv.DEFAULT_SIZE, MujocoEnv.DEFAULT_SIZE);
    }

    /**
     * The current state drawn by MuJoCo at {@code width x height}, with the goal shown as Gymnasium-Robotics'
     * {@code _render_callback} shows it: the {@code target0} site moved onto the goal (its {@code site_pos} set to
     * the goal minus site 0's body offset) and its position in {@code data} set to the goal; no {@code mj_forward},
     * so drawing changes no later step. The model is shared by the envs of one file, so the site is moved and drawn
     * under the model's lock; no observation or reward reads that site.
     */
    @Override
    public synchronized BufferedImage render(int width, int height) {
        checkOpen();
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(name + ": render size " + width + "x" + height + ", expected positive");
        }
        synchronized (model) {
            MjRenderer r = renderers.get(((long) width << 32) | height);
            if (r == null) {
                r = MjRenderer.sized(model, width, height);
                r.useFreeCamera(data, CAMERA, false);
                renderers.put(((long) width << 32) | height, r);
            }
            MjArray sitePos = model.sitePos();
            MjArray siteXpos = data.siteXpos();
            double[] offset = new double[3];
            for (int i = 0; i < 3; i++) {
                offset[i] = siteXpos.get(0, i) - sitePos.get(0, i);
            }
            for (int i = 0; i < 3; i++) {
                sitePos.set(targetSite, i, goal[i] - offset[i]);
                // what mj_forward would compute for the site (its body is not rotated), without calling it: a
                // forward pass also changes the solver's state, and the steps after a drawn frame would then
                // differ from those of an env never drawn (FetchEnvTest)
                siteXpos.set(targetSite, i, goal[i]);
            }
            return r.render(data);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                renderers.values().forEach(MjRenderer::close);
            } finally {
                renderers.clear();
                data.close();
                SharedModels.release(model);
            }
        }
    }

    @Override
    public String toString() {
        return name + "[" + model.source() + "]";
    }
}
