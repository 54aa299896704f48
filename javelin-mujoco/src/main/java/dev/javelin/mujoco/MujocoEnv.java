package dev.javelin.mujoco;

import dev.javelin.env.Box;
import dev.javelin.env.Env;
import dev.javelin.env.Reset;
import dev.javelin.env.Step;
import dev.javelin.env.random.NumpyGenerator;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Base class of MuJoCo tasks, as Gymnasium's {@code MujocoEnv}: one MJCF model, {@code frameSkip} physics steps
 * per env step, float32 actions written to {@code ctrl} within {@code actuator_ctrlrange}, and a NumPy-compatible
 * generator ({@link #npRandom()}) seeded by {@link #reset(long)} exactly as Gymnasium seeds {@code np_random}.
 *
 * <p>A task implements {@link #resetModel()} (draw the initial state, return the first observation) and
 * {@code step(float[])} (usually: {@link #doSimulation}, then observation, reward and termination). Everything a
 * task reads is a view on MuJoCo's memory ({@link #data()}); observations are float64 in MuJoCo and float32 here,
 * cast once as the networks consume them. See docs/mujoco.md for a complete task on a user's model.
 *
 * <p>The model is compiled once per file and shared by all envs on it; each env has its own {@link MjData}.
 */
public abstract class MujocoEnv implements Env<float[], float[]> {
    /** Gymnasium's default render width and height. */
    public static final int DEFAULT_SIZE = 480;

    /** The compiled model, shared by every env of the same file. */
    protected final MjModel model;
    /** This env's simulation data. */
    protected final MjData data;
    /** Physics steps per env step (Gymnasium's {@code frame_skip}). */
    protected final int frameSkip;
    /** {@code qpos} and {@code qvel} right after loading, which resets add noise to. */
    protected final double[] initQpos;
    /** {@code qvel} right after loading, which resets add noise to. */
    protected final double[] initQvel;
    private final Box actionSpace;
    private final String name;
    private NumpyGenerator npRandom;
    private boolean started;
    private boolean closed;
    /** One renderer per requested size, made on first use (Gymnasium keeps one viewer per mode). */
    private final Map<Long, MjRenderer> renderers = new HashMap<>();

    /**
     * Loads (or reuses) the compiled model of {@code modelFile} and makes this env's {@code MjData}.
     *
     * @param modelFile the MJCF file
     * @param frameSkip physics steps per env step (Gymnasium's {@code frame_skip})
     */
    protected MujocoEnv(Path modelFile, int frameSkip) {
        if (frameSkip < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": frame_skip = " + frameSkip + ", expected >= 1");
        }
        if (!Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": model file " + modelFile + " does not exist");
        }
        this.name = getClass().getSimpleName();
        this.model = SharedModels.acquire(modelFile);
        this.data = new MjData(model);
        this.frameSkip = frameSkip;
        this.initQpos = data.qpos().toArray();
        this.initQvel = data.qvel().toArray();
        this.actionSpace = ctrlRangeSpace(model);
    }

    /** Gymnasium's action space: {@code actuator_ctrlrange} cast to float32. */
    private static Box ctrlRangeSpace(MjModel model) {
        MjArray range = model.actuatorCtrlRange();
        float[] low = new float[model.nu()];
        float[] high = new float[model.nu()];
        for (int i = 0; i < low.length; i++) {
            low[i] = (float) range.get(i, 0);
            high[i] = (float) range.get(i, 1);
        }
        return new Box(low, high);
    }

    /** Draws the initial state (usually {@link #initQpos}/{@link #initQvel} plus noise, then {@link #setState}); returns the first observation. */
    protected abstract float[] resetModel();

    /** The camera {@link #render()} uses (Gymnasium's {@code default_camera_config} of the task). */
    public CameraConfig defaultCamera() {
        return CameraConfig.free();
    }

    /** Info of a reset (Gymnasium's {@code _get_reset_info}). */
    protected Map<String, Object> resetInfo() {
        return Map.of();
    }

    @Override
    public Box actionSpace() {
        return actionSpace;
    }

    @Override
    public final Reset<float[]> reset(long seed) {
        if (seed < 0) {
            throw new IllegalArgumentException(name + ": reset seed " + seed + ", expected a non-negative integer (Gymnasium rejects negative seeds)");
        }
        npRandom = NumpyGenerator.defaultRng(seed);
        return start();
    }

    @Override
    public final Reset<float[]> reset() {
        if (npRandom == null) {
            npRandom = NumpyGenerator.defaultRng();
        }
        return start();
    }

    private Reset<float[]> start() {
        checkOpen();
        data.resetData();
        float[] observation = resetModel();
        started = true;
        return new Reset<>(observation, resetInfo());
    }

    /** Checks that the env was reset and the action lies in the action space; returns the action. */
    protected final float[] checkAction(float[] action) {
        if (!started) {
            throw new IllegalStateException(name + ": step before reset; call reset(seed) first");
        }
        return actionSpace.check(action, name + ": action");
    }

    /** Writes {@code ctrl}, runs {@code nFrames} physics steps, then {@code mj_rnePostConstraint} (so {@code cfrc_ext} is current). */
    protected final void doSimulation(float[] ctrl, int nFrames) {
        if (ctrl.length != model.nu()) {
            throw new IllegalArgumentException(name + ": action of length " + ctrl.length + ", expected " + model.nu());
        }
        data.ctrl().set(ctrl);
        data.step(nFrames);
        data.rnePostConstraint();
    }

    /** Sets {@code qpos} and {@code qvel} and recomputes the derived quantities ({@code mj_forward}). */
    protected final void setState(double[] qpos, double[] qvel) {
        data.qpos().set(qpos);
        data.qvel().set(qvel);
        data.forward();
    }

    /** The generator resets draw from (Gymnasium's {@code np_random}). */
    protected final NumpyGenerator npRandom() {
        return npRandom;
    }

    /** Seconds per env step: {@code timestep * frame_skip}. */
    public final double dt() {
        return model.timestep() * frameSkip;
    }

    /** The compiled model. */
    public final MjModel model() {
        return model;
    }

    /** This env's simulation data; views on it are valid until {@link #close()}. */
    public final MjData data() {
        return data;
    }

    /** Physics steps per env step. */
    public final int frameSkip() {
        return frameSkip;
    }

    /** Gymnasium's {@code render_fps}: one frame per env step, {@code int(np.round(1 / dt))}. */
    @Override
    public int renderFps() {
        // np.round rounds halves to even (HalfCheetah with frame_skip=8: 12.5 fps -> 12), as rint does
        return (int) Math.rint(1.0 / dt());
    }

    /** The position of a body's frame ({@code get_body_com} in Gymnasium, which reads {@code xpos}). */
    protected final double[] bodyCom(int bodyId) {
        return data.xpos().row(bodyId);
    }

    /**
     * The observation most locomotion tasks make, {@code concatenate(qpos[skip:], clip(qvel, -clip, clip))}, cast
     * to float32 (Hopper and Walker2d clip velocities at 10; pass infinity for none).
     */
    protected final float[] positionsThenVelocities(int skip, double clip) {
        MjArray qpos = data.qpos();
        MjArray qvel = data.qvel();
        float[] obs = new float[qpos.length() - skip + qvel.length()];
        int k = 0;
        for (int i = skip; i < qpos.length(); i++) {
            obs[k++] = (float) qpos.get(i);
        }
        for (int i = 0; i < qvel.length(); i++) {
            obs[k++] = (float) Math.clamp(qvel.get(i), -clip, clip);
        }
        return obs;
    }

    /** {@code low < v < high} for a (low, high) range option, as Gymnasium's health checks compare. */
    protected static boolean inOpen(double v, double[] range) {
        return range[0] < v && v < range[1];
    }

    /** Whether every element of {@code qpos} and {@code qvel} is finite. */
    protected final boolean stateFinite() {
        MjArray q = data.qpos();
        for (int i = 0; i < q.length(); i++) {
            if (!Double.isFinite(q.get(i))) {
                return false;
            }
        }
        MjArray v = data.qvel();
        for (int i = 0; i < v.length(); i++) {
            if (!Double.isFinite(v.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** NumPy's {@code np.sum(np.square(a))} on a float32 array, in float32 with NumPy's pairwise order. */
    protected static float sumOfSquares(float[] a) {
        float[] sq = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            sq[i] = a[i] * a[i];
        }
        return NumpySum.pairwise(sq, 0, sq.length);
    }

    /** NumPy's {@code np.sum(np.square(a))} on a float64 array (contact forces, {@code data.ctrl}): pairwise, in float64. */
    protected static double sumOfSquares(double[] a) {
        double[] sq = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            sq[i] = a[i] * a[i];
        }
        return NumpySum.pairwise(sq, 0, sq.length);
    }

    /**
     * NumPy's {@code np.linalg.norm(v)} of a short float64 vector: the square root of {@code v.dot(v)}, which
     * OpenBLAS's ddot adds in order, without fused multiply-adds, for fewer than 16 elements.
     */
    protected static double norm(double... v) {
        if (v.length >= 16) {
            throw new IllegalArgumentException("norm: vector of length " + v.length + ", expected < 16 (ddot's in-order tail)");
        }
        double dot = 0;
        for (double x : v) {
            dot += x * x;
        }
        return Math.sqrt(dot);
    }

    /** Rejects use after {@link #close()}. */
    protected final void checkOpen() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
    }

    /** The current state from the task's camera at Gymnasium's default 480x480. */
    @Override
    public BufferedImage render() {
        return render(DEFAULT_SIZE, DEFAULT_SIZE);
    }

    /**
     * The current state drawn by MuJoCo at {@code width x height} (no rescaling: PixelObservation's 64x64 is drawn at
     * 64x64). The camera is Gymnasium's: the model's camera named {@code track} when it has one (Gymnasium's default
     * {@code camera_name}), otherwise the free camera with {@link #defaultCamera()} applied.
     */
    @Override
    public synchronized BufferedImage render(int width, int height) {
        checkOpen();
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(name + ": render size " + width + "x" + height + ", expected positive");
        }
        MjRenderer r = renderers.get(((long) width << 32) | height);
        if (r == null) {
            r = newRenderer(width, height);
            renderers.put(((long) width << 32) | height, r);
        }
        return r.render(data);
    }

    private MjRenderer newRenderer(int width, int height) {
        MjRenderer r = MjRenderer.sized(model, width, height);
        var track = model.id(MjObject.CAMERA, "track");
        if (track.isPresent()) {
            r.useFixedCamera(track.getAsInt());
        } else {
            r.useFreeCamera(data, defaultCamera(), false);
        }
        return r;
    }

    @Override
    public synchronized void close() {
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
