package dev.javelin.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.javelin.tensor.Tensor;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Against torch.optim.SGD in OptimizerFixtureTest; here the momentum recursion by hand and its state. */
class SgdTest {
    @Test
    void momentumAccumulatesTheGradients() {
        Tensor p = Tensor.parameter(new float[] {0f}, 1);
        Sgd sgd = new Sgd(List.of(p), 0.1, 0.5);
        p.setGrad(Tensor.of(new float[] {1f}, 1));
        sgd.step(); // b = 1
        sgd.step(); // b = 1.5
        assertEquals(-0.25f, p.data()[0], 1e-7);
        assertArrayEquals(new float[] {1.5f}, sgd.state().get("momentum_buffer.0").data());
        Sgd plain = new Sgd(List.of(p), 0.1);
        assertEquals(List.of("lr"), List.copyOf(plain.state().keySet()));
    }
}
