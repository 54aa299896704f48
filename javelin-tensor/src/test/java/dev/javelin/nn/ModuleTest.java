package dev.javelin.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import dev.javelin.tensor.io.SafeTensors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleTest {
    @TempDir
    Path dir;

    /** A module with its own parameter registered between two children, as torch allows. */
    static final class ActorCritic extends Module {
        final Mlp actor;
        final Tensor logStd;
        final Linear critic;

        ActorCritic(Rng rng) {
            actor = child("actor", new Mlp(3, List.of(8), 2, Activation.TANH, rng));
            logStd = param("log_std", Tensor.zeros(2));
            critic = child("critic", new Linear(3, 1, rng));
        }
    }

    @Test
    void namesFollowTorchOrderOwnParametersFirstThenChildrenDepthFirst() {
        ActorCritic m = new ActorCritic(new Rng(0));
        assertEquals(List.of("log_std", "actor.0.weight", "actor.0.bias", "actor.2.weight", "actor.2.bias", "critic.weight", "critic.bias"),
                List.copyOf(m.parameters().keySet()));
        assertEquals(2 + 8 * 3 + 8 + 2 * 8 + 2 + 3 + 1, m.parameterCount());
        assertSame(m.logStd, m.parameterList().get(0));
        assertTrue(m.parameterList().stream().allMatch(Tensor::requiresGrad));
    }

    @Test
    void stateIsACopyAndLoadWritesTheLiveTensorsInPlace() {
        ActorCritic a = new ActorCritic(new Rng(1));
        Map<String, Tensor> s = a.state();
        assertNotSame(a.logStd.data(), s.get("log_std").data());
        a.logStd.data()[0] = 5f;
        assertEquals(0f, s.get("log_std").data()[0]);

        ActorCritic b = new ActorCritic(new Rng(2));
        float[] live = b.actor.layers().get(0).weight().data();
        b.load(a.state());
        assertSame(live, b.actor.layers().get(0).weight().data(), "load keeps the tensors optimizers hold");
        a.parameters().forEach((n, t) -> assertArrayEquals(t.data(), b.parameters().get(n).data(), n));
    }

    @Test
    void stateRoundTripsThroughSafeTensors() throws IOException {
        ActorCritic a = new ActorCritic(new Rng(3));
        Path f = dir.resolve("model.safetensors");
        SafeTensors.write(f, a.state(), Map.of());
        ActorCritic b = new ActorCritic(new Rng(4));
        Tensor x = Tensor.uniform(new Rng(5), -1, 1, 4, 3);
        assertFalse(java.util.Arrays.equals(a.actor.forward(x).data(), b.actor.forward(x).data()));
        b.load(SafeTensors.read(f));
        assertArrayEquals(a.actor.forward(x).data(), b.actor.forward(x).data());
        assertArrayEquals(a.critic.forward(x).data(), b.critic.forward(x).data());
    }

    @Test
    void loadRejectsMissingExtraAndMisShapedNamesWithoutWritingAnything() {
        ActorCritic m = new ActorCritic(new Rng(6));
        Map<String, Tensor> before = m.state();

        Map<String, Tensor> missing = new LinkedHashMap<>(m.state());
        missing.remove("critic.bias");
        var e = assertThrows(IllegalArgumentException.class, () -> m.load(missing));
        assertTrue(e.getMessage().contains("missing parameters [critic.bias]"), e.getMessage());

        Map<String, Tensor> extra = new LinkedHashMap<>(m.state());
        extra.put("critic.gain", Tensor.zeros(1));
        e = assertThrows(IllegalArgumentException.class, () -> m.load(extra));
        assertTrue(e.getMessage().contains("unexpected names [critic.gain]"), e.getMessage());

        Map<String, Tensor> shaped = new LinkedHashMap<>(m.state());
        shaped.put("log_std", Tensor.zeros(3));
        shaped.put("actor.0.weight", Tensor.ones(8, 3)); // valid, but must not be written since log_std fails
        e = assertThrows(IllegalArgumentException.class, () -> m.load(shaped));
        assertTrue(e.getMessage().contains("log_std has shape [2] but the state holds [3]"), e.getMessage());
        before.forEach((n, t) -> assertArrayEquals(t.data(), m.parameters().get(n).data(), n));
    }

    @Test
    void copyFromMakesAHardTargetCopy() {
        ActorCritic source = new ActorCritic(new Rng(7)), target = new ActorCritic(new Rng(8));
        target.copyFrom(source);
        source.parameters().forEach((n, t) -> assertArrayEquals(t.data(), target.parameters().get(n).data(), n));
        assertThrows(IllegalArgumentException.class, () -> target.copyFrom(new Linear(3, 1, new Rng(9))));
    }

    @Test
    void zeroGradClearsEveryParameterAndRequiresGradFreezes() {
        ActorCritic m = new ActorCritic(new Rng(10));
        m.actor.forward(Tensor.ones(2, 3)).sum().add(m.logStd.sum()).backward();
        assertTrue(m.logStd.hasGrad() && m.actor.layers().get(0).weight().hasGrad());
        m.zeroGrad();
        assertTrue(m.parameterList().stream().noneMatch(Tensor::hasGrad));
        m.requiresGrad(false);
        assertFalse(m.actor.forward(Tensor.ones(2, 3)).requiresGrad());
    }

    @Test
    void badNamesAreRejected() {
        class Bad extends Module {
            Bad(String first, String second) {
                param(first, Tensor.zeros(1));
                param(second, Tensor.zeros(1));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new Bad("a.b", "c"));
        assertThrows(IllegalArgumentException.class, () -> new Bad("", "c"));
        var e = assertThrows(IllegalArgumentException.class, () -> new Bad("w", "w"));
        assertTrue(e.getMessage().contains("'w' is already registered"), e.getMessage());
    }
}
