package dev.javelin.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fused layerNorm against the same normalization written as elementwise ops, to first and second order. */
class LayerNormOpTest {
    private static final float EPS = 1e-3f;

    private static Tensor[] inputs(boolean affine) {
        Rng rng = new Rng(5);
        Tensor x = Tensor.uniform(rng, -3, 3, 2, 3, 16).requiresGrad(true);
        Tensor w = affine ? Tensor.uniform(rng, 0.5f, 1.5f, 16).requiresGrad(true) : null;
        Tensor b = affine ? Tensor.uniform(rng, -1, 1, 16).requiresGrad(true) : null;
        return new Tensor[] {x, w, b};
    }

    @Test
    void outputAndGradientsMatchTheComposedOps() {
        for (boolean affine : new boolean[] {true, false}) {
            Tensor[] p = inputs(affine);
            Tensor probe = Tensor.uniform(new Rng(8), -1, 1, 2, 3, 16);
            Tensor fused = Tensor.layerNorm(p[0], new int[] {16}, p[1], p[2], EPS);
            Tensor composed = Tensor.composedLayerNorm(p[0], 16, p[1], p[2], EPS);
            assertArrayEquals(composed.data(), fused.data(), 2e-6f);
            List<Tensor> wrt = affine ? List.of(p[0], p[1], p[2]) : List.of(p[0]);
            List<Tensor> gf = Grad.of(List.of(fused.mul(probe).sum()), wrt, false);
            List<Tensor> gc = Grad.of(List.of(composed.mul(probe).sum()), wrt, false);
            for (int i = 0; i < wrt.size(); i++) {
                assertArrayEquals(gc.get(i).data(), gf.get(i).data(), 2e-5f, "gradient " + i + ", affine " + affine);
            }
        }
    }

    @Test
    void secondOrderGradientsGoThroughTheComposedOps() {
        Tensor[] p = inputs(true);
        Tensor probe = Tensor.uniform(new Rng(9), -1, 1, 2, 3, 16);
        // d/dx of |d (y . probe) / dx|^2, as a gradient penalty takes it
        float[][] results = new float[2][];
        for (int k = 0; k < 2; k++) {
            Tensor y = k == 0 ? Tensor.layerNorm(p[0], new int[] {16}, p[1], p[2], EPS)
                    : Tensor.composedLayerNorm(p[0], 16, p[1], p[2], EPS);
            Tensor gx = Grad.of(List.of(y.mul(probe).sum()), List.of(p[0]), true).getFirst();
            results[k] = Grad.of(List.of(gx.square().sum()), List.of(p[0]), false).getFirst().data();
        }
        assertArrayEquals(results[1], results[0], 1e-4f);
        assertEquals(2 * 3 * 16, results[0].length);
    }

    @Test
    void finiteDifferencesAgree() {
        Tensor[] p = inputs(true);
        GradCheck.check(in -> Tensor.layerNorm(in[0], new int[] {16}, in[1], in[2], EPS), p[0], p[1], p[2]);
    }
}
