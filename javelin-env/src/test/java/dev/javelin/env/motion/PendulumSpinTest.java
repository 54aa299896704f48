package dev.javelin.env.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.env.Envs;
import dev.javelin.env.Step;
import dev.javelin.env.vector.VectorEnv;
import dev.javelin.env.vector.VectorStep;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendulumSpinTest {
    @Test
    void theReferenceControllerSpinsNearItsTargetVelocity() {
        PendulumSpin env = new PendulumSpin();
        double mean = env.referenceMeanVelocity();
        assertTrue(mean > 2.6 && mean < 3.0, "mean reference velocity " + mean);
        PendulumSpin reverse = new PendulumSpin(2.0, -3.0);
        assertEquals(-mean, reverse.referenceMeanVelocity(), 0.05);
    }

    @Test
    void theAgentsAmpObservationIsEncodedAsTheReferenceIs() {
        // Driving the env with the reference controller must give transitions the reference dataset could hold.
        PendulumSpin env = new PendulumSpin();
        env.reset(1_000_003L * 3);
        Step<float[]> s = null;
        for (int t = 0; t < 5; t++) {
            float[] obs = env.collectObservation();
            s = env.step(new float[] {(float) PendulumSpin.referenceTorque(obs[2], env.targetVelocity())});
            assertArrayEquals(s.observation(), env.collectObservation());
        }
        float[] agent = (float[]) s.info().get(AmpEnv.AMP_OBS);
        float[] reference = new float[env.ampObservationSize()];
        env.reference().transition(3, 4, reference, 0);
        assertEquals(6, env.ampObservationSize());
        assertArrayEquals(reference, agent, 2e-5f);
    }

    @Test
    void referenceSamplesAreSeededByReset() {
        PendulumSpin a = new PendulumSpin();
        PendulumSpin b = new PendulumSpin();
        a.reset(7);
        b.reset(7);
        float[] r = a.collectReferenceMotions(32);
        assertEquals(32 * 6, r.length);
        assertArrayEquals(r, b.collectReferenceMotions(32));
    }

    @Test
    void isRegisteredAndVectorizesWithAmpObservationsInInfo() {
        try (VectorEnv envs = Envs.makeVec("PendulumSpin-v0", 2, 1, Map.of("target_velocity", -2))) {
            assertInstanceOf(AmpEnv.class, envs.env(0).unwrapped());
            envs.reset(3);
            VectorStep s = envs.step(new float[] {1, -1});
            assertEquals(6, ((float[]) s.info(1).get(AmpEnv.AMP_OBS)).length);
            float w = s.observations()[2];
            assertEquals(-(w + 2) * (w + 2), s.rewards()[0], 1e-4);
        }
        var bad = assertThrows(IllegalArgumentException.class, () -> new PendulumSpin(2, 9));
        assertTrue(bad.getMessage().contains("target_velocity = 9.0"), bad.getMessage());
    }
}
