package dev.javelin.mujoco.amp;

import dev.javelin.env.Box;
import dev.javelin.env.EnvSpec;
import dev.javelin.env.Step;
import dev.javelin.env.motion.AmpEnv;
import dev.javelin.mujoco.MjArray;
import dev.javelin.mujoco.MjData;
import dev.javelin.mujoco.MjObject;
import dev.javelin.mujoco.MujocoEnv;
import dev.javelin.mujoco.motion.Character;
import dev.javelin.mujoco.motion.Characters;
import dev.javelin.mujoco.motion.MotionLibraries;
import dev.javelin.mujoco.motion.MotionLibrary;
import dev.javelin.mujoco.motion.Sole;
import dev.javelin.mujoco.tasks.Noise;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A MuJoCo character imitating a motion-capture clip with AMP, as IsaacGymEnvs' HumanoidAMP: WalkerAmp-v0 and
 * HumanoidAmp-v0 (see {@link AmpTasks} for their defaults).
 *
 * <p>Observation: the {@link AmpFeatures} of the current state. AMP observation ({@link AmpEnv#AMP_OBS}): the
 * features of the current step, then of the previous one (IsaacGymEnvs' order, {@code numAMPObsSteps = 2}).
 * {@link #collectReferenceMotions} samples times {@code t} of the {@link MotionLibrary}, sets a second MjData to the
 * motion's state at {@code t} and {@code t - dt}, runs MuJoCo's kinematics and encodes them with the same code.
 *
 * <p>Actions are the Gymnasium model's motor actuators, i.e. joint torques (IsaacGymEnvs drives PD targets, but
 * Gymnasium's Humanoid and Walker2d declare motors, and the models stay as Gymnasium ships them). Reward:
 * {@code forward_reward_weight} times the root's forward velocity (x, in m/s), capped at {@code target_speed} when
 * that is set (a speed in m/s, or {@code clip}: the clip's mean forward speed), the task reward AMP weighs with its
 * {@code task_reward_weight}. The cap pays for progress up to the clip's pace and nothing beyond it, so the task
 * reward cannot buy a faster gait than the one the style reward describes.
 *
 * <p>Reset ({@code state_init}): {@code default} the model's initial pose at rest, with the uniform
 * {@code reset_noise_scale} noise on positions and velocities of the character's v5 task (Walker2d 0.005, Humanoid
 * 0.01); {@code start} the clip's first
 * frame; {@code random} reference state initialization at a uniformly drawn time of the clip; {@code hybrid}
 * random with probability {@code hybrid_init_prob}, default otherwise. Early termination ({@code
 * enable_early_termination}): from the second step on, when a body other than the feet touches something (a contact
 * force above 0.1 N in {@code cfrc_ext}) while a body other than the feet is lower than {@code termination_height}
 * (humanoid_amp_base's {@code compute_humanoid_reset}), or when the state is no longer finite.
 */
public final class MotionImitation extends MujocoEnv implements AmpEnv {
    /** The options both tasks take. */
    public static final Set<String> OPTIONS = Set.of("clip", "character", "state_init", "hybrid_init_prob",
            "termination_height", "enable_early_termination", "forward_reward_weight", "target_speed", "reset_noise_scale");

    /** How an episode starts: IsaacGymEnvs' {@code stateInit}. */
    public enum StateInit {
        /** The model's initial pose, at rest. */
        DEFAULT,
        /** The clip's first frame. */
        START,
        /** A uniformly drawn time of the clip (reference state initialization). */
        RANDOM,
        /** RANDOM with probability {@code hybrid_init_prob}, else DEFAULT. */
        HYBRID
    }

    /** An id's defaults; env_kwargs override each. */
    record Defaults(String id, String clip, String character, StateInit stateInit, double terminationHeight,
                    double forwardRewardWeight, double resetNoiseScale) {
    }

    private final String id;
    private final Character character;
    private final MotionLibrary motion;
    private final AmpFeatures features;
    private final StateInit stateInit;
    private final double hybridInitProb;
    private final double terminationHeight;
    private final boolean earlyTermination;
    private final double forwardRewardWeight;
    private final double targetSpeed;
    private final double resetNoiseScale;
    private final boolean[] foot;
    private final Box observationSpace;
    private final MjData reference;
    private final float[] previous;
    private SplittableRandom referenceRng = new SplittableRandom(0);
    private int progress;

    MotionImitation(EnvSpec.Options o, Defaults d) {
        this(o, d, Characters.named(o.getString("character", d.character())));
    }

    private MotionImitation(EnvSpec.Options o, Defaults d, Character character) {
        super(character.modelFile(), frameSkip(d.id(), character));
        this.id = d.id();
        this.character = character;
        this.motion = MotionLibraries.load(o.getString("clip", d.clip()), character.name());
        this.stateInit = stateInit(d.id(), o.getString("state_init", d.stateInit().name()));
        this.hybridInitProb = o.getDouble("hybrid_init_prob", 0.5);
        if (!(hybridInitProb >= 0 && hybridInitProb <= 1)) {
            throw new IllegalArgumentException(id + ": hybrid_init_prob = " + hybridInitProb + ", expected in [0, 1]");
        }
        this.terminationHeight = o.getDouble("termination_height", d.terminationHeight());
        if (!Double.isFinite(terminationHeight)) {
            throw new IllegalArgumentException(id + ": termination_height = " + terminationHeight
                    + ", expected a finite height in metres");
        }
        this.earlyTermination = o.getBoolean("enable_early_termination", true);
        this.forwardRewardWeight = o.getDouble("forward_reward_weight", d.forwardRewardWeight());
        if (!Double.isFinite(forwardRewardWeight)) {
            throw new IllegalArgumentException(id + ": forward_reward_weight = " + forwardRewardWeight
                    + ", expected a finite number");
        }
        this.targetSpeed = targetSpeed(id, o.getString("target_speed", "none"), motion);
        this.resetNoiseScale = Noise.scale(o, d.resetNoiseScale());
        this.features = new AmpFeatures(model, character.keyBodies());
        this.foot = new boolean[model.nbody()];
        foot[0] = true;
        for (Sole sole : character.soles()) {
            foot[model.requireId(MjObject.BODY, sole.body())] = true;
        }
        this.observationSpace = new Box(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, features.size());
        this.reference = new MjData(model);
        this.previous = new float[features.size()];
    }

    private static int frameSkip(String id, Character c) {
        double steps = c.controlDt() / c.model().timestep();
        int n = (int) Math.round(steps);
        if (n < 1 || Math.abs(steps - n) > 1e-9) {
            throw new IllegalArgumentException(id + ": character " + c.name() + " has control dt " + c.controlDt()
                    + " s, expected a whole number of MuJoCo timesteps of " + c.model().timestep() + " s");
        }
        return n;
    }

    /** No cap ({@code none}), the clip's mean forward speed ({@code clip}) or a speed in m/s above 0. */
    private static double targetSpeed(String id, String value, MotionLibrary motion) {
        String v = value.trim();
        if (v.equals("none")) {
            return Double.POSITIVE_INFINITY;
        }
        if (v.equals("clip")) {
            double speed = motion.meanForwardSpeed();
            if (!(speed > 0)) {
                throw new IllegalArgumentException(id + ": target_speed = clip, but the clip's mean forward speed is "
                        + speed + " m/s; expected a clip that advances, or a speed in m/s");
            }
            return speed;
        }
        try {
            double speed = Double.parseDouble(v);
            if (speed > 0 && speed < Double.POSITIVE_INFINITY) {
                return speed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(id + ": target_speed = '" + value
                + "', expected none, clip (the clip's mean forward speed) or a speed in m/s above 0");
    }

    /** The cap on the rewarded forward speed, m/s (+infinity without one). */
    public double targetSpeed() {
        return targetSpeed;
    }

    private static StateInit stateInit(String id, String value) {
        try {
            return StateInit.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(id + ": state_init = '" + value
                    + "', expected one of default, start, random, hybrid");
        }
    }

    /** The reference motion. */
    public MotionLibrary motion() {
        return motion;
    }

    /** The character. */
    public Character character() {
        return character;
    }

    /** The per-step features (policy observation; each half of an AMP observation). */
    public AmpFeatures features() {
        return features;
    }

    @Override
    public Box observationSpace() {
        return observationSpace;
    }

    @Override
    public int ampObservationSize() {
        return 2 * features.size();
    }

    @Override
    protected float[] resetModel() {
        referenceRng = new SplittableRandom(npRandom().integers(Long.MAX_VALUE));
        progress = 0;
        boolean fromClip = switch (stateInit) {
            case DEFAULT -> false;
            case START, RANDOM -> true;
            case HYBRID -> npRandom().random() < hybridInitProb;
        };
        if (fromClip) {
            double t = stateInit == StateInit.START ? 0 : npRandom().random() * motion.duration();
            MotionLibrary.State s = motion.stateAt(t);
            setState(s.qpos(), s.qvel());
            // the AMP history starts on the clip too, as IsaacGymEnvs' _init_amp_obs_ref
            encodeReference(Math.max(0, t - dt()), previous, 0);
        } else {
            setState(Noise.uniformAdded(initQpos, npRandom(), resetNoiseScale),
                    Noise.uniformAdded(initQvel, npRandom(), resetNoiseScale));
            features.write(data, previous, 0);
        }
        float[] obs = new float[features.size()];
        features.write(data, obs, 0);
        return obs;
    }

    /** Sets the reference MjData to the motion's state at {@code time}, runs kinematics and writes its features. */
    private void encodeReference(double time, float[] out, int offset) {
        MotionLibrary.State s = motion.stateAt(time);
        reference.qpos().set(s.qpos());
        reference.qvel().set(s.qvel());
        reference.kinematics();
        features.write(reference, out, offset);
    }

    @Override
    public Step<float[]> step(float[] action) {
        checkAction(action);
        double xBefore = data.xpos().get(features.rootBody(), 0);
        doSimulation(action, frameSkip);
        progress++;
        double xVelocity = (data.xpos().get(features.rootBody(), 0) - xBefore) / dt();
        int n = features.size();
        float[] obs = new float[n];
        features.write(data, obs, 0);
        float[] amp = new float[2 * n];
        System.arraycopy(obs, 0, amp, 0, n);
        System.arraycopy(previous, 0, amp, n, n);
        System.arraycopy(obs, 0, previous, 0, n);
        boolean terminated = !stateFinite() || (earlyTermination && progress > 1 && fallen());
        double reward = forwardRewardWeight * Math.min(xVelocity, targetSpeed);
        return new Step<>(obs, reward, terminated, false, Map.of(AMP_OBS, amp, "x_velocity", xVelocity));
    }

    /** humanoid_amp_base's {@code has_fallen}: a non-foot body in contact while a non-foot body is low. */
    boolean fallen() {
        MjArray force = data.cfrcExt();
        MjArray xpos = data.xpos();
        boolean contact = false;
        boolean low = false;
        for (int b = 1; b < model.nbody(); b++) {
            if (foot[b]) {
                continue;
            }
            for (int j = 3; j < 6; j++) {
                contact |= Math.abs(force.get(b, j)) > 0.1;
            }
            low |= xpos.get(b, 2) < terminationHeight;
        }
        return contact && low;
    }

    @Override
    public float[] collectReferenceMotions(int n) {
        if (n < 0) {
            throw new IllegalArgumentException(id + ": collectReferenceMotions(" + n + "), expected n >= 0");
        }
        int size = ampObservationSize();
        float[] out = new float[n * size];
        double dt = dt();
        double span = Math.max(0, motion.duration() - dt);
        for (int i = 0; i < n; i++) {
            referenceObservation(dt + referenceRng.nextDouble() * span, out, i * size);
        }
        return out;
    }

    /** The reference AMP observation at {@code time}: the motion's features at {@code time}, then at {@code time - dt}. */
    void referenceObservation(double time, float[] out, int offset) {
        encodeReference(time, out, offset);
        encodeReference(time - dt(), out, offset + features.size());
    }

    @Override
    public float[] collectObservation() {
        float[] obs = new float[features.size()];
        features.write(data, obs, 0);
        return obs;
    }

    @Override
    public synchronized void close() {
        try {
            reference.close();
        } finally {
            super.close();
        }
    }

    @Override
    public String toString() {
        return id + "[" + character.name() + ", " + motion.frames() + " frames]";
    }
}
