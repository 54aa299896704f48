package dev.javelin.rl.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.nn.Activation;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActorCriticTest {
    private static ActorCritic.Architecture separate(boolean fixedLogStd, double logStdInit) {
        return new ActorCritic.Architecture(List.of(8), Activation.RELU, false, ActorCritic.LogStd.STATE_INDEPENDENT,
                logStdInit, fixedLogStd, false);
    }

    @Test
    void aFixedLogStdIsNoParameterAndStaysAtItsInitialValue() {
        ActorCritic learned = new ActorCritic(3, 2, true, separate(false, -1), new Rng(1));
        ActorCritic fixed = new ActorCritic(3, 2, true, separate(true, -2.9), new Rng(1));
        assertTrue(learned.parameters().containsKey("log_std"));
        assertFalse(fixed.parameters().containsKey("log_std"));
        assertEquals(learned.parameters().size() - 1, fixed.parameters().size());
        float s = (float) Math.exp(-2.9);
        assertArrayEquals(new float[] {s, s}, fixed.std().data(), 1e-7f);
        ActorCritic.Output out = fixed.forward(Tensor.zeros(4, 3));
        assertArrayEquals(new int[] {4, 2}, out.actor().shape());
        assertArrayEquals(new int[] {4}, out.values().shape());
        assertEquals(s, ((ActionDistribution.Gaussian) ActionDistribution.of(out)).meanStd(), 1e-7);
    }

    @Test
    void theCriticCanDrawFromItsOwnStream() {
        Rng one = new Rng(7);
        ActorCritic shared = new ActorCritic(3, 2, true, separate(false, 0), one);
        ActorCritic own = new ActorCritic(3, 2, true, separate(false, 0), new Rng(7), new Rng(99));
        assertArrayEquals(shared.parameters().get("actor.0.weight").data(), own.parameters().get("actor.0.weight").data());
        assertFalse(java.util.Arrays.equals(shared.parameters().get("critic.0.weight").data(),
                own.parameters().get("critic.0.weight").data()));
    }

    @Test
    void badArchitecturesNameTheirKey() {
        for (var bad : List.<Runnable>of(
                () -> new ActorCritic.Architecture(List.of(0), Activation.TANH, false, ActorCritic.LogStd.STATE_INDEPENDENT,
                        0, false, true),
                () -> new ActorCritic.Architecture(List.of(), Activation.TANH, true, ActorCritic.LogStd.STATE_INDEPENDENT,
                        0, false, true),
                () -> new ActorCritic.Architecture(List.of(4), Activation.TANH, false, ActorCritic.LogStd.STATE_INDEPENDENT,
                        Double.NaN, false, true),
                () -> new ActorCritic.Architecture(List.of(4), Activation.TANH, false, ActorCritic.LogStd.STATE_DEPENDENT,
                        0, true, true))) {
            var e = assertThrows(IllegalArgumentException.class, bad::run);
            assertTrue(e.getMessage().matches(".*(hidden_sizes|shared_model|log_std_init|log_std).*"), e.getMessage());
        }
        assertThrows(IllegalStateException.class,
                () -> new ActorCritic(3, 2, false, separate(false, 0), new Rng(1)).std());
    }
}
