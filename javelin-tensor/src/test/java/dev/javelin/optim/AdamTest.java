package dev.javelin.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.nn.Activation;
import dev.javelin.nn.Mlp;
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

/** Trajectories against PyTorch are in OptimizerFixtureTest; here the formula, skipping, and checkpoint state. */
class AdamTest {
    @TempDir
    Path dir;

    @Test
    void everyElementTakesPyTorchsFloatArithmeticBitForBit() {
        // 67 elements: whole vectors of any width and a scalar tail; with and without L2 weight decay
        for (double wd : new double[] {0, 0.01}) {
            Rng rng = new Rng(7);
            Tensor p = Tensor.uniform(rng, -1f, 1f, 67).requiresGrad(true);
            float[] w = p.data().clone(), m = new float[67], v = new float[67];
            Adam adam = new Adam(List.of(p), 3e-4, 0.9, 0.999, 1e-8, wd);
            for (int t = 1; t <= 3; t++) {
                float[] g = Tensor.uniform(rng, -2f, 2f, 67).data();
                p.setGrad(Tensor.of(g.clone(), 67));
                adam.step();
                float stepSize = (float) (3e-4 / (1 - Math.pow(0.9, t)));
                float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(0.999, t));
                for (int j = 0; j < 67; j++) {
                    float gj = g[j] + (float) wd * w[j];
                    m[j] = m[j] * 0.9f + (float) (1 - 0.9) * gj;
                    v[j] = v[j] * 0.999f + (float) (1 - 0.999) * gj * gj;
                    w[j] = w[j] + -stepSize * m[j] / ((float) Math.sqrt(v[j]) / bc2Sqrt + 1e-8f);
                }
                assertArrayEquals(w, p.data(), "step " + t + ", weight decay " + wd);
            }
        }
    }

    @Test
    void firstStepsFollowTheAdamFormula() {
        // with a constant gradient g, m_t / (1 - b1^t) = g and v_t / (1 - b2^t) = g^2, so each step moves lr * g / (|g| + eps')
        Tensor p = Tensor.parameter(new float[] {1f, -2f}, 2);
        Adam adam = new Adam(List.of(p), 0.1);
        for (int t = 1; t <= 3; t++) {
            p.setGrad(Tensor.of(new float[] {0.5f, -4f}, 2));
            adam.step();
            assertEquals(1 - 0.1 * t, p.data()[0], 1e-6);
            assertEquals(-2 + 0.1 * t, p.data()[1], 1e-6);
        }
    }

    @Test
    void parametersWithoutAGradientAreSkippedAndKeepTheirOwnStepCount() {
        Tensor a = Tensor.parameter(new float[] {1f}, 1), b = Tensor.parameter(new float[] {1f}, 1);
        Adam adam = new Adam(List.of(a, b), 0.1);
        a.setGrad(Tensor.of(new float[] {1f}, 1));
        adam.step();
        assertEquals(1f, b.data()[0], "no gradient, no update");
        adam.zeroGrad();
        b.setGrad(Tensor.of(new float[] {1f}, 1));
        adam.step();
        assertEquals(0.9f, a.data()[0], 1e-7, "zeroGrad left a without a gradient");
        assertEquals(0.9f, b.data()[0], 1e-7, "b's first step is a full bias-corrected step");
        Map<String, Tensor> s = adam.state();
        assertEquals(1f, s.get("step.0").item());
        assertEquals(1f, s.get("step.1").item());
    }

    private static void trainStep(Mlp net, Optimizer opt, Tensor x) {
        opt.zeroGrad();
        net.forward(x).square().mean().backward();
        opt.step();
    }

    @Test
    void stateRoundTripsThroughSafeTensorsAndResumesBitForBit() throws IOException {
        Tensor x = Tensor.randn(new Rng(1), 16, 3);
        Mlp straight = new Mlp(3, List.of(8), 2, Activation.TANH, new Rng(2));
        Mlp resumed = new Mlp(3, List.of(8), 2, Activation.TANH, new Rng(2));
        Optimizer a = new AdamW(straight.parameterList(), 1e-2), b = new AdamW(resumed.parameterList(), 1e-2);
        for (int i = 0; i < 3; i++) {
            trainStep(straight, a, x);
            trainStep(resumed, b, x);
        }
        b.setLearningRate(0.005);
        a.setLearningRate(0.005);
        Path f = dir.resolve("opt.safetensors");
        SafeTensors.write(f, b.state(), Map.of());
        assertEquals(List.of("lr", "exp_avg.0", "exp_avg_sq.0", "step.0"), List.copyOf(b.state().keySet()).subList(0, 4));

        Optimizer c = new AdamW(resumed.parameterList(), 1e-3);
        c.load(SafeTensors.read(f));
        assertEquals(0.005, c.learningRate(), 1e-9);
        for (int i = 0; i < 3; i++) {
            trainStep(straight, a, x);
            trainStep(resumed, c, x);
        }
        straight.parameters().forEach((n, t) -> assertArrayEquals(t.data(), resumed.parameters().get(n).data(), n));
    }

    @Test
    void loadRejectsMissingAndMisShapedStateWithoutChangingAnything() {
        Tensor p = Tensor.parameter(new float[] {1f, 2f}, 2);
        Adam adam = new Adam(List.of(p), 0.1);
        Map<String, Tensor> missing = new LinkedHashMap<>(adam.state());
        missing.remove("exp_avg_sq.0");
        var e = assertThrows(IllegalArgumentException.class, () -> adam.load(missing));
        assertTrue(e.getMessage().contains("missing [exp_avg_sq.0]"), e.getMessage());
        Map<String, Tensor> shaped = new LinkedHashMap<>(adam.state());
        shaped.put("lr", Tensor.scalar(7f));
        shaped.put("exp_avg.0", Tensor.zeros(3));
        e = assertThrows(IllegalArgumentException.class, () -> adam.load(shaped));
        assertTrue(e.getMessage().contains("exp_avg.0 has shape [3], expected [2]"), e.getMessage());
        assertEquals(0.1, adam.learningRate());
    }

    @Test
    void badArgumentsAreRejectedNamingTheValue() {
        Tensor p = Tensor.parameter(new float[] {1f}, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p), 1e-3, 1.0, 0.999, 1e-8, 0));
        assertTrue(e.getMessage().contains("beta1 1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p), -1));
        assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p, p), 1e-3));
        assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(Tensor.zeros(1)), 1e-3));
    }
}
