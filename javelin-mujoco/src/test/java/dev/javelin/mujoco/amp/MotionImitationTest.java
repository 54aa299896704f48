package dev.javelin.mujoco.amp;

import dev.javelin.env.Env;
import dev.javelin.env.EnvSpec;
import dev.javelin.env.Envs;
import dev.javelin.env.Step;
import dev.javelin.env.motion.AmpEnv;
import dev.javelin.env.random.NumpyGenerator;
import dev.javelin.mujoco.MuJoCoAssumptions;
import dev.javelin.mujoco.motion.MotionLibraries;
import dev.javelin.mujoco.motion.MotionLibrary;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WalkerAmp-v0 and HumanoidAmp-v0: reference state initialization, reference observations, termination, options. */
class MotionImitationTest {
    private static final float TOL = 2e-5f;

    @BeforeEach
    void clips() {
        MuJoCoAssumptions.assumeMuJoCo();
        if (System.getenv("JAVELIN_REQUIRE_MUJOCO") == null) {
            Assumptions.assumeTrue(Files.isRegularFile(MotionLibraries.ASSIMP_BVH.resolve("01_01.bvh")),
                    "CMU clips not installed (sudo apt-get install assimp-testmodels)");
        }
    }

    private static MotionImitation make(MotionImitation.Defaults d, Map<String, Object> options) {
        return new MotionImitation(new EnvSpec.Options(d.id(), options), d);
    }

    @Test
    void registeredWithTheirTimeLimits() {
        try (Env<?, ?> walker = Envs.make("WalkerAmp-v0"); Env<?, ?> humanoid = Envs.make("HumanoidAmp-v0")) {
            assertTrue(walker.unwrapped() instanceof AmpEnv);
            assertEquals(1000, Envs.spec("WalkerAmp-v0").maxEpisodeSteps());
            assertEquals(300, Envs.spec("HumanoidAmp-v0").maxEpisodeSteps());
            assertEquals(2 * 24, ((AmpEnv) walker.unwrapped()).ampObservationSize());
            assertEquals(2 * 59, ((AmpEnv) humanoid.unwrapped()).ampObservationSize());
        }
    }

    /** A random start puts the model at the motion's pose and velocity at the drawn time. */
    @Test
    void referenceStateInitializationSetsTheMotionsState() {
        for (MotionImitation.Defaults d : new MotionImitation.Defaults[] {AmpTasks.WALKER, AmpTasks.HUMANOID}) {
            try (MotionImitation env = make(d, Map.of())) {
                MotionLibrary m = env.motion();
                float[] obs = env.reset(7).observation();
                NumpyGenerator g = NumpyGenerator.defaultRng(7);
                g.integers(Long.MAX_VALUE);
                double t = g.random() * m.duration();
                MotionLibrary.State s = m.stateAt(t);
                assertArrayEquals(s.qpos(), env.data().qpos().toArray(), 1e-12, d.id() + " qpos");
                assertArrayEquals(s.qvel(), env.data().qvel().toArray(), 1e-12, d.id() + " qvel");
                // the observation is the reference's encoding of the same time (one code path for both)
                float[] reference = new float[env.ampObservationSize()];
                env.referenceObservation(t, reference, 0);
                assertArrayEquals(Arrays.copyOf(reference, obs.length), obs, TOL, d.id() + " observation");
            }
        }
    }

    /**
     * The agent's AMP observation after replaying the motion's states equals the reference's: the step's history
     * half is the reset state, encoded as collectReferenceMotions encodes the motion at t - dt.
     */
    @Test
    void agentAndReferenceObservationsAgreeOnTheMotionsStates() {
        try (MotionImitation env = make(AmpTasks.HUMANOID, Map.of("state_init", "start"))) {
            MotionLibrary m = env.motion();
            env.reset(3);
            assertArrayEquals(m.qpos()[0], env.data().qpos().toArray(), 1e-12, "state_init start: the clip's first frame");
            int n = env.features().size();
            float[] reference = new float[2 * n];
            env.referenceObservation(env.dt(), reference, 0);
            Step<float[]> step = env.step(new float[env.actionSpace().shape()[0]]);
            float[] amp = (float[]) step.info().get(AmpEnv.AMP_OBS);
            // the previous half: the agent at the clip's first frame, the reference at time dt - dt = 0
            assertArrayEquals(Arrays.copyOfRange(reference, n, 2 * n), Arrays.copyOfRange(amp, n, 2 * n), TOL);
            // the current half is the simulated state, encoded as collectObservation encodes it
            assertArrayEquals(env.collectObservation(), Arrays.copyOf(amp, n), 0f);
            assertArrayEquals(step.observation(), Arrays.copyOf(amp, n), 0f);
        }
        try (MotionImitation env = make(AmpTasks.WALKER, Map.of())) {
            env.reset(11);
            float[] batch = env.collectReferenceMotions(64);
            assertEquals(64 * env.ampObservationSize(), batch.length);
            int n = env.features().size();
            for (int i = 0; i < 64; i++) {
                // the two halves of a reference sample are one control step apart: root heights close, not equal
                float h0 = batch[i * 2 * n];
                float h1 = batch[i * 2 * n + n];
                assertTrue(Math.abs(h0 - h1) < 0.05, "root height jumps from " + h1 + " to " + h0 + " in one step");
            }
            assertFalse(Arrays.equals(Arrays.copyOf(batch, 2 * n), Arrays.copyOfRange(batch, 2 * n, 4 * n)));
        }
    }

    @Test
    void aFallenCharacterTerminatesAndAStandingOneDoesNot() {
        try (MotionImitation env = make(AmpTasks.HUMANOID, Map.of("state_init", "default"))) {
            float[] zero = new float[env.actionSpace().shape()[0]];
            env.reset(0);
            assertFalse(env.step(zero).terminated());
            assertFalse(env.step(zero).terminated(), "standing at the initial pose, the feet alone touch the floor");
            // lying on its back: torso on the floor
            double[] qpos = env.data().qpos().toArray();
            qpos[2] = 0.12;
            double h = Math.sqrt(0.5);
            qpos[3] = h;
            qpos[4] = 0;
            qpos[5] = -h;
            qpos[6] = 0;
            env.data().qpos().set(qpos);
            env.data().qvel().set(new double[env.model().nv()]);
            env.data().forward();
            boolean ended = false;
            for (int i = 0; i < 30 && !ended; i++) {
                ended = env.step(zero).terminated();
            }
            assertTrue(ended, "the humanoid lies on the floor, expected the episode to end");
        }
        try (MotionImitation env = make(AmpTasks.WALKER, Map.of("state_init", "default", "enable_early_termination",
                false))) {
            float[] zero = new float[env.actionSpace().shape()[0]];
            env.reset(0);
            for (int i = 0; i < 400; i++) {
                assertFalse(env.step(zero).terminated(), "early termination is off, step " + i);
            }
            assertTrue(env.data().xpos().get(env.features().rootBody(), 2) < 0.5, "the walker has collapsed");
        }
        try (MotionImitation env = make(AmpTasks.WALKER, Map.of("state_init", "default"))) {
            float[] zero = new float[env.actionSpace().shape()[0]];
            env.reset(0);
            int steps = 0;
            boolean ended = false;
            while (!ended && steps < 400) {
                ended = env.step(zero).terminated();
                steps++;
            }
            assertTrue(ended, "with zero torques the walker collapses, expected termination within 400 steps");
        }
    }

    /** state_init default: the model's initial pose plus the v5 task's uniform reset noise, in NumPy's order. */
    @Test
    void defaultStartsAddTheTasksResetNoise() {
        try (MotionImitation walker = make(AmpTasks.WALKER, Map.of("state_init", "default"));
             MotionImitation still = make(AmpTasks.WALKER, Map.of("state_init", "default", "reset_noise_scale", 0.0))) {
            walker.reset(5);
            still.reset(5);
            NumpyGenerator rng = NumpyGenerator.defaultRng(5);
            rng.integers(Long.MAX_VALUE); // the reference sampler's seed comes first
            double[] q0 = still.data().qpos().toArray();
            double[] v0 = still.data().qvel().toArray();
            double[] qNoise = rng.uniform(-5e-3, 5e-3, q0.length);
            double[] vNoise = rng.uniform(-5e-3, 5e-3, v0.length);
            double[] q = walker.data().qpos().toArray();
            double[] v = walker.data().qvel().toArray();
            for (int i = 0; i < q.length; i++) {
                assertEquals(q0[i] + qNoise[i], q[i], 1e-12, "qpos[" + i + "]");
            }
            for (int i = 0; i < v.length; i++) {
                assertEquals(v0[i] + vNoise[i], v[i], 1e-12, "qvel[" + i + "]");
            }
            assertTrue(Arrays.stream(qNoise).anyMatch(x -> Math.abs(x) > 1e-3), "the noise is there");
        }
    }

    /** The task reward is forward_reward_weight x the root's x velocity, capped at target_speed when set. */
    @Test
    void targetSpeedCapsTheForwardReward() {
        float[] push = {1, 1, 1, 1, 1, 1};
        double[] uncapped = new double[2];
        try (MotionImitation free = make(AmpTasks.WALKER, Map.of("forward_reward_weight", 2.0));
             MotionImitation capped = make(AmpTasks.WALKER, Map.of("forward_reward_weight", 2.0, "target_speed", 0.05))) {
            free.reset(3);
            capped.reset(3);
            for (int t = 0; t < 2; t++) {
                Step<float[]> a = free.step(push);
                Step<float[]> b = capped.step(push);
                double v = ((Number) a.info().get("x_velocity")).doubleValue();
                assertEquals(v, ((Number) b.info().get("x_velocity")).doubleValue(), "the same dynamics");
                assertEquals(2 * v, a.reward(), 1e-12);
                assertEquals(2 * Math.min(v, 0.05), b.reward(), 1e-12);
                uncapped[t] = v;
            }
        }
        assertTrue(Arrays.stream(uncapped).anyMatch(v -> v > 0.05), "the test exercises the cap: " + Arrays.toString(uncapped));
        try (MotionImitation walker = make(AmpTasks.WALKER, Map.of("target_speed", "clip"))) {
            MotionLibrary m = walker.motion();
            double speed = (m.qpos()[m.frames() - 1][0] - m.qpos()[0][0]) / m.duration();
            assertEquals(speed, walker.targetSpeed(), 1e-12);
            assertTrue(speed > 0.3 && speed < 0.5, "01_01's walker root advances ~9.3 m in 22.9 s: " + speed);
        }
    }

    @Test
    void badOptionsAreRejectedWithTheValue() {
        Map<Map<String, Object>, String> bad = Map.of(
                Map.of("state_init", "flying"), "flying",
                Map.of("character", "dog"), "dog",
                Map.of("clip", "99_99"), "99_99",
                Map.of("hybrid_init_prob", 1.5), "1.5",
                Map.of("termination_height", Double.NaN), "NaN",
                Map.of("forward_reward_weight", Double.POSITIVE_INFINITY), "Infinity",
                Map.of("target_speed", "fast"), "fast",
                Map.of("target_speed", -0.5), "-0.5",
                Map.of("reset_noise_scale", -0.1), "-0.1");
        bad.forEach((options, value) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> make(AmpTasks.WALKER, options).close(), options.toString());
            assertTrue(e.getMessage().contains(value), e.getMessage());
        });
        assertThrows(IllegalArgumentException.class, () -> Envs.make("WalkerAmp-v0", Map.of("speed", 1)));
    }
}
