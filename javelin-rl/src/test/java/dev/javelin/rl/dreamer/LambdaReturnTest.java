package dev.javelin.rl.dreamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.javelin.tensor.Tensor;
import dev.javelin.tensor.io.SafeTensors;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaReturnTest {

    @Test
    void twoStepsByHand() {
        // R_1 = 2 + 0.8 (0.5 * 3 + 0.5 * 3) = 4.4; R_0 = 1 + 0.9 (0.5 * 1 + 0.5 * 4.4) = 3.43
        Tensor r = LambdaReturn.compute(Tensor.of(new float[] {1, 2}, 2, 1), Tensor.of(new float[] {0.5f, 1, 3}, 3, 1),
                Tensor.of(new float[] {0.9f, 0.8f}, 2, 1), 0.5);
        assertEquals(3.43f, r.data()[0], 1e-6);
        assertEquals(4.4f, r.data()[1], 1e-6);
    }

    @Test
    void lambdaZeroIsOneStepTdAndOneIsDiscountedMonteCarlo() {
        Tensor rew = Tensor.of(new float[] {1, -1, 2}, 3, 1);
        Tensor val = Tensor.of(new float[] {9, 4, 5, 6}, 4, 1);
        Tensor disc = Tensor.of(new float[] {0.5f, 0.5f, 0.0f}, 3, 1);
        float[] td = LambdaReturn.compute(rew, val, disc, 0).data();
        assertEquals(1 + 0.5f * 4, td[0], 1e-6);
        assertEquals(-1 + 0.5f * 5, td[1], 1e-6);
        assertEquals(2, td[2], 1e-6);   // a terminal step does not bootstrap
        float[] mc = LambdaReturn.compute(rew, val, disc, 1).data();
        assertEquals(2, mc[2], 1e-6);
        assertEquals(-1 + 0.5f * 2, mc[1], 1e-6);
        assertEquals(1 + 0.5f * (-1 + 0.5f * 2), mc[0], 1e-6);
    }

    @Test
    void matchesPyTorchValuesAndGradients() throws Exception {
        Map<String, Tensor> f = SafeTensors.read(Path.of(getClass().getResource("/fixtures/dreamer.safetensors").toURI()));
        Tensor rew = f.get("lambda/rewards").copy().requiresGrad(true);
        Tensor val = f.get("lambda/values").copy().requiresGrad(true);
        Tensor disc = f.get("lambda/discounts").copy().requiresGrad(true);
        Tensor out = LambdaReturn.compute(rew, val, disc, 0.95);
        assertClose(f.get("lambda/out"), out, 1e-5);
        out.mul(f.get("lambda/w")).sum().backward();
        assertClose(f.get("lambda/grad_rewards"), rew.grad(), 1e-5);
        assertClose(f.get("lambda/grad_values"), val.grad(), 1e-5);
        assertClose(f.get("lambda/grad_discounts"), disc.grad(), 1e-4);
    }

    @Test
    void rejectsMismatchedShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> LambdaReturn.compute(Tensor.zeros(3, 2),
                Tensor.zeros(3, 2), Tensor.zeros(3, 2), 0.95));
        assertEquals(true, e.getMessage().contains("values [4, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LambdaReturn.compute(Tensor.zeros(3, 2),
                Tensor.zeros(4, 2), Tensor.zeros(3, 2), 1.5));
    }

    static void assertClose(Tensor expected, Tensor actual, double tol) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()));
        float[] e = expected.data();
        float[] a = actual.data();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tol * Math.max(1, Math.abs(e[i])), "element " + i);
        }
    }
}
