package dev.javelin.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.javelin.nn.Activation;
import dev.javelin.nn.Linear;
import dev.javelin.nn.Mlp;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

import java.util.List;

import org.junit.jupiter.api.Test;

class PolyakTest {
    @Test
    void movesTheTargetTauOfTheWayToTheSource() {
        Tensor target = Tensor.of(new float[] {0f, 10f}, 2), source = Tensor.of(new float[] {1f, 20f}, 2);
        Polyak.update(List.of(target), List.of(source), 0.005);
        assertArrayEquals(new float[] {0.005f, 10.05f}, target.data(), 1e-6f);
        assertArrayEquals(new float[] {1f, 20f}, source.data());
        Polyak.update(List.of(target), List.of(source), 1);
        assertArrayEquals(source.data(), target.data());
    }

    @Test
    void updatesModulesByName() {
        Mlp target = new Mlp(3, List.of(4), 1, Activation.RELU, new Rng(1)), source = new Mlp(3, List.of(4), 1, Activation.RELU, new Rng(2));
        float t0 = target.layers().get(0).weight().data()[5], s0 = source.layers().get(0).weight().data()[5];
        Polyak.update(target, source, 0.1);
        assertEquals(0.9f * t0 + 0.1f * s0, target.layers().get(0).weight().data()[5], 1e-7);
        var e = assertThrows(IllegalArgumentException.class, () -> Polyak.update(target, new Linear(3, 1, new Rng(1)), 0.1));
        assertEquals(true, e.getMessage().contains("[weight, bias]"), e.getMessage());
    }

    @Test
    void rejectsBadTauAndMismatchedLists() {
        Tensor a = Tensor.zeros(2), b = Tensor.zeros(3);
        assertThrows(IllegalArgumentException.class, () -> Polyak.update(List.of(a), List.of(a), 1.5));
        var e = assertThrows(IllegalArgumentException.class, () -> Polyak.update(List.of(a), List.of(b), 0.5));
        assertEquals(true, e.getMessage().contains("[2]") && e.getMessage().contains("[3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Polyak.update(List.of(a), List.of(), 0.5));
    }
}
