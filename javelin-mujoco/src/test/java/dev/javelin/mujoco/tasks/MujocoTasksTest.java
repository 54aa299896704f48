package dev.javelin.mujoco.tasks;

import dev.javelin.env.Box;
import dev.javelin.env.Env;
import dev.javelin.env.EnvSpec;
import dev.javelin.env.Envs;
import dev.javelin.env.Reset;
import dev.javelin.env.Step;
import dev.javelin.mujoco.CameraConfig;
import dev.javelin.mujoco.MuJoCoAssumptions;
import dev.javelin.mujoco.MujocoEnv;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every registered MuJoCo id against Gymnasium 1.3.0's registry and env attributes (printed by
 * {@code gym.make(id)}: spec, spaces, dt, {@code mujoco_renderer.default_cam_config}): it makes, resets and steps
 * with default options, and an unknown option is rejected with the list of allowed ones.
 */
class MujocoTasksTest {
    /** Gymnasium's registration and env attributes, by id. */
    private record Expected(int maxEpisodeSteps, OptionalDouble rewardThreshold, int obs, int act, double dt, CameraConfig camera) {
    }

    private static final Map<String, Expected> GYMNASIUM = Map.ofEntries(
            Map.entry("Ant-v5", new Expected(1000, OptionalDouble.of(6000), 105, 8, 0.05, CameraConfig.free().distance(4.0))),
            Map.entry("HalfCheetah-v5", new Expected(1000, OptionalDouble.of(4800), 17, 6, 0.05, CameraConfig.free().distance(4.0))),
            Map.entry("Hopper-v5", new Expected(1000, OptionalDouble.of(3800), 11, 3, 0.008,
                    CameraConfig.free().trackBody(2).distance(3.0).lookat(0, 0, 1.15).elevation(-20))),
            Map.entry("Walker2d-v5", new Expected(1000, OptionalDouble.empty(), 17, 6, 0.008,
                    CameraConfig.free().trackBody(2).distance(4.0).lookat(0, 0, 1.15).elevation(-20))),
            Map.entry("Humanoid-v5", new Expected(1000, OptionalDouble.empty(), 348, 17, 0.015,
                    CameraConfig.free().trackBody(1).distance(4.0).lookat(0, 0, 2.0).elevation(-20))),
            Map.entry("HumanoidStandup-v5", new Expected(1000, OptionalDouble.empty(), 348, 17, 0.015,
                    CameraConfig.free().trackBody(1).distance(4.0).lookat(0, 0, 0.8925).elevation(-20))),
            Map.entry("Swimmer-v5", new Expected(1000, OptionalDouble.of(360), 8, 2, 0.04, CameraConfig.free())),
            Map.entry("Reacher-v5", new Expected(50, OptionalDouble.of(-3.75), 10, 2, 0.02, CameraConfig.free().trackBody(0))),
            Map.entry("Pusher-v5", new Expected(100, OptionalDouble.of(0.0), 23, 7, 0.05, CameraConfig.free().trackBody(-1).distance(4.0))),
            Map.entry("InvertedPendulum-v5", new Expected(1000, OptionalDouble.of(950), 4, 1, 0.04,
                    CameraConfig.free().trackBody(0).distance(2.04))),
            Map.entry("InvertedDoublePendulum-v5", new Expected(1000, OptionalDouble.of(9100), 9, 1, 0.05, CameraConfig.free())));

    @Test
    void registersGymnasiumsIdsLimitsAndThresholds() {
        List<EnvSpec> specs = new MujocoTasks().specs();
        assertEquals(new TreeSet<>(GYMNASIUM.keySet()), specs.stream().map(EnvSpec::id).collect(Collectors.toCollection(TreeSet::new)));
        for (EnvSpec spec : specs) {
            Expected want = GYMNASIUM.get(spec.id());
            assertEquals(want.maxEpisodeSteps(), spec.maxEpisodeSteps(), spec.id() + " max_episode_steps");
            assertEquals(want.rewardThreshold(), spec.rewardThreshold(), spec.id() + " reward_threshold");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyIdMakesResetsAndStepsWithDefaults() {
        return GYMNASIUM.keySet().stream().sorted().map(id -> DynamicTest.dynamicTest(id, () -> {
            MuJoCoAssumptions.assumeMuJoCo();
            Expected want = GYMNASIUM.get(id);
            try (Env<float[], float[]> env = Envs.cast(Envs.make(id))) {
                MujocoEnv bare = (MujocoEnv) env.unwrapped();
                assertEquals(want.obs(), ((Box) env.observationSpace()).size(), id + " observation size");
                assertEquals(want.act(), ((Box) env.actionSpace()).size(), id + " action size");
                assertEquals(want.dt(), bare.dt(), 1e-12, id + " dt");
                assertCamera(want.camera(), bare.defaultCamera(), id);

                Reset<float[]> r = env.reset(7);
                assertEquals(want.obs(), r.observation().length, id + " reset observation size");
                assertFinite(r.observation(), id + " reset");
                Reset<float[]> again = env.reset(7);
                assertArrayEquals(r.observation(), again.observation(), id + ": same seed, same reset");

                float[] action = new float[want.act()];
                Box space = (Box) env.actionSpace();
                for (int t = 0; t < 5; t++) {
                    for (int i = 0; i < action.length; i++) {
                        action[i] = (t % 2 == 0 ? 0.5f : -0.5f) * space.high(i);
                    }
                    Step<float[]> s = env.step(action);
                    assertEquals(want.obs(), s.observation().length, id + " step observation size");
                    assertFinite(s.observation(), id + " step " + t);
                    assertTrue(Double.isFinite(s.reward()), id + " reward " + s.reward());
                    assertFalse(s.truncated(), id + " truncated before its time limit");
                    assertFalse(s.info().isEmpty(), id + " step info");
                    if (s.terminated()) {
                        env.reset();
                    }
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> unknownOptionsAreRejectedWithTheAllowedList() {
        return new MujocoTasks().specs().stream().map(spec -> DynamicTest.dynamicTest(spec.id(), () -> {
            MuJoCoAssumptions.assumeMuJoCo();
            var e = assertThrows(IllegalArgumentException.class, () -> Envs.make(spec.id(), Map.of("not_an_option", 1.0)));
            assertTrue(e.getMessage().contains("'not_an_option'"), e.getMessage());
            Set<String> allowed = new TreeSet<>(spec.optionKeys());
            allowed.add("max_episode_steps");
            assertTrue(e.getMessage().contains(allowed.toString()), e.getMessage() + " should list " + allowed);
            assertTrue(allowed.containsAll(Set.of("xml_file", "frame_skip")), spec.id() + " options " + allowed);
        }));
    }

    @Test
    void badOptionValuesNameTheValueAndWhatWasExpected() {
        MuJoCoAssumptions.assumeMuJoCo();
        var frameSkip = assertThrows(IllegalArgumentException.class, () -> Envs.make("Swimmer-v5", Map.of("frame_skip", 0)));
        assertTrue(frameSkip.getMessage().contains("frame_skip = 0") && frameSkip.getMessage().contains(">= 1"), frameSkip.getMessage());
        var body = assertThrows(IllegalArgumentException.class, () -> Envs.make("Ant-v5", Map.of("main_body", "no_such_body")));
        assertTrue(body.getMessage().contains("no_such_body"), body.getMessage());
        var bodyId = assertThrows(IllegalArgumentException.class, () -> Envs.make("Ant-v5", Map.of("main_body", 99)));
        assertTrue(bodyId.getMessage().contains("99") && bodyId.getMessage().contains("[0, 14)"), bodyId.getMessage());
        var range = assertThrows(IllegalArgumentException.class,
                () -> Envs.make("Humanoid-v5", Map.of("healthy_z_range", List.of(2.0, 1.0))));
        assertTrue(range.getMessage().contains("low <= high"), range.getMessage());
        var noise = assertThrows(IllegalArgumentException.class, () -> Envs.make("Hopper-v5", Map.of("reset_noise_scale", -0.1)));
        assertTrue(noise.getMessage().contains("reset_noise_scale = -0.1") && noise.getMessage().contains(">= 0"), noise.getMessage());
        var file = assertThrows(IllegalArgumentException.class, () -> Envs.make("Reacher-v5", Map.of("xml_file", "/no/such/reacher.xml")));
        assertTrue(file.getMessage().contains("/no/such/reacher.xml"), file.getMessage());
    }

    @Test
    void renderFpsIsGymnasiums() {
        MuJoCoAssumptions.assumeMuJoCo();
        // Gymnasium's metadata["render_fps"] for these: 12 (1 / 0.08 = 12.5, NumPy rounds half to even), 20, 67
        try (Env<?, ?> halfFps = Envs.make("HalfCheetah-v5", Map.of("frame_skip", 8));
             Env<?, ?> cheetah = Envs.make("HalfCheetah-v5");
             Env<?, ?> humanoid = Envs.make("Humanoid-v5")) {
            assertEquals(12, halfFps.unwrapped().renderFps());
            assertEquals(20, cheetah.unwrapped().renderFps());
            assertEquals(67, humanoid.unwrapped().renderFps());
        }
    }

    @Test
    void antMainBodyByNameEqualsById() {
        MuJoCoAssumptions.assumeMuJoCo();
        try (Env<float[], float[]> byName = Envs.cast(Envs.make("Ant-v5", Map.of("main_body", "torso")));
             Env<float[], float[]> byId = Envs.cast(Envs.make("Ant-v5", Map.of("main_body", 1)))) {
            byName.reset(3);
            byId.reset(3);
            float[] action = new float[8];
            Arrays.fill(action, 0.3f);
            assertEquals(byId.step(action).info().get("x_velocity"), byName.step(action).info().get("x_velocity"));
        }
    }

    private static void assertCamera(CameraConfig want, CameraConfig got, String id) {
        assertEquals(want.trackBodyId(), got.trackBodyId(), id + " camera trackbodyid");
        assertEquals(want.distance(), got.distance(), id + " camera distance");
        assertEquals(want.elevation(), got.elevation(), id + " camera elevation");
        assertEquals(want.azimuth(), got.azimuth(), id + " camera azimuth");
        assertArrayEquals(want.lookat(), got.lookat(), id + " camera lookat");
    }

    private static void assertFinite(float[] v, String where) {
        for (int i = 0; i < v.length; i++) {
            assertTrue(Float.isFinite(v[i]), where + ": observation[" + i + "] = " + v[i]);
        }
    }
}
