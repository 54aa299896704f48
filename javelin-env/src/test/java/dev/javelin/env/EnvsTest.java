package dev.javelin.env;

import dev.javelin.env.classic.CartPole;
import dev.javelin.env.classic.Pendulum;
import dev.javelin.env.wrappers.TimeLimit;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvsTest {

    @Test
    void registryHasGymnasiumIdsAndTimeLimits() {
        assertTrue(Envs.ids().containsAll(List.of("Acrobot-v1", "CartPole-v1", "MountainCar-v0",
                "MountainCarContinuous-v0", "Pendulum-v1")));
        assertEquals(500, ((TimeLimit<?, ?>) Envs.make("CartPole-v1")).maxEpisodeSteps());
        assertEquals(200, ((TimeLimit<?, ?>) Envs.make("Pendulum-v1")).maxEpisodeSteps());
        assertEquals(200, ((TimeLimit<?, ?>) Envs.make("MountainCar-v0")).maxEpisodeSteps());
        assertEquals(999, ((TimeLimit<?, ?>) Envs.make("MountainCarContinuous-v0")).maxEpisodeSteps());
        assertEquals(500, ((TimeLimit<?, ?>) Envs.make("Acrobot-v1")).maxEpisodeSteps());
        assertInstanceOf(CartPole.class, Envs.make("CartPole-v1").unwrapped());
    }

    @Test
    void describeListsSpaces() {
        var cartPole = Envs.describe().stream().filter(d -> d.id().equals("CartPole-v1")).findFirst().orElseThrow();
        assertEquals("Discrete(2)", cartPole.actionSpace().toString());
        assertEquals("Box([-4.8, -3.4028235E38, -0.41887903, -3.4028235E38], [4.8, 3.4028235E38, 0.41887903, 3.4028235E38], (4,), float32)",
                cartPole.observationSpace().toString());
        var pendulum = Envs.describe().stream().filter(d -> d.id().equals("Pendulum-v1")).findFirst().orElseThrow();
        assertEquals("Box(-2.0, 2.0, (1,), float32)", pendulum.actionSpace().toString());
    }

    @Test
    void optionsReachTheEnvAndUnknownKeysAreRejected() {
        Env<float[], float[]> light = Envs.cast(Envs.make("Pendulum-v1", Map.of("g", "1.62", "max_episode_steps", 3)));
        Env<float[], float[]> earth = Envs.cast(Envs.make("Pendulum-v1"));
        light.reset(0);
        earth.reset(0);
        float[] a = {0f};
        var s1 = light.step(a);
        var s2 = earth.step(a);
        assertTrue(s1.observation()[2] != s2.observation()[2], "gravity changes the swing");
        light.step(a);
        assertTrue(light.step(a).truncated(), "max_episode_steps = 3 truncates at the third step");
        assertEquals(Pendulum.class, light.unwrapped().getClass());

        var e = assertThrows(IllegalArgumentException.class, () -> Envs.make("Pendulum-v1", Map.of("gravity", 9.81)));
        assertEquals("make(Pendulum-v1): unknown option 'gravity'; allowed: [g, max_episode_steps]", e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> Envs.make("CartPole-v9"));
        assertTrue(e2.getMessage().startsWith("Envs: no env with id 'CartPole-v9'; registered: ["), e2.getMessage());
        assertTrue(!(Envs.make("CartPole-v1", Map.of("max_episode_steps", 0)) instanceof TimeLimit<?, ?>), "0 removes the limit");
    }

    @Test
    void classicEnvsRejectActionsOutsideTheirSpaceAndStepBeforeReset() {
        Env<float[], Integer> env = Envs.cast(Envs.make("CartPole-v1"));
        assertThrows(IllegalStateException.class, () -> env.step(0));
        env.reset(1);
        var e = assertThrows(IllegalArgumentException.class, () -> env.step(2));
        assertEquals("CartPole-v1: action 2 (Integer) is outside Discrete(2)", e.getMessage());
        Env<float[], float[]> pendulum = Envs.cast(Envs.make("Pendulum-v1"));
        pendulum.reset(1);
        var e2 = assertThrows(IllegalArgumentException.class, () -> pendulum.step(new float[] {2.5f}));
        assertEquals("Pendulum-v1: action [2.5] is outside Box(-2.0, 2.0, (1,), float32)", e2.getMessage());
    }

    @Test
    void sameSeedSameEpisodeForEveryClassicEnv() {
        for (String id : List.of("CartPole-v1", "Pendulum-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1")) {
            Env<float[], Object> a = Envs.cast(Envs.make(id));
            Env<float[], Object> b = Envs.cast(Envs.make(id));
            assertArrayEquals(a.reset(42).observation(), b.reset(42).observation(), id);
            var actions = new java.util.SplittableRandom(1);
            for (int t = 0; t < 50; t++) {
                Object action = a.actionSpace().sample(actions);
                var sa = a.step(action);
                var sb = b.step(action);
                assertArrayEquals(sa.observation(), sb.observation(), id);
                if (sa.done()) {
                    assertArrayEquals(a.reset().observation(), b.reset().observation(), id);
                }
            }
            assertTrue(!java.util.Arrays.equals(a.reset(1).observation(), b.reset(2).observation()), id + ": seeds differ");
            assertTrue(a.observationSpace().contains(a.reset(3).observation()), id);
        }
    }
}
