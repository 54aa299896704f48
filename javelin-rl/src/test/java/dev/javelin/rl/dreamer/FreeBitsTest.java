package dev.javelin.rl.dreamer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.javelin.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FreeBitsTest {

    @Test
    void klBelowTheFreeNatsIsConstantWithoutGradient() {
        Tensor kl = Tensor.of(new float[] {0.2f, 1.0f, 1.5f, 3f}, 4).requiresGrad(true);
        Tensor clipped = FreeBits.clip(kl, 1.0);
        assertArrayEquals(new float[] {1f, 1f, 1.5f, 3f}, clipped.data());
        clipped.mul(Tensor.of(new float[] {1, 2, 3, 4}, 4)).sum().backward();
        // at exactly 1 nat the KL passes through (max(kl, free) takes kl), so its gradient flows
        assertArrayEquals(new float[] {0, 2, 3, 4}, kl.grad().data());
    }

    @Test
    void rejectsNegativeFreeNats() {
        assertThrows(IllegalArgumentException.class, () -> FreeBits.clip(Tensor.zeros(2), -1));
    }
}
