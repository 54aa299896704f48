package dev.javelin.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

import org.junit.jupiter.api.Test;

class InitTest {
    /** Entry (i, j) of A A^T when rows, else A^T A: the Gram matrix of the orthonormal side. */
    private static void assertOrthonormal(Tensor w, double gain) {
        int rows = w.dim(0), cols = w.size() / rows;
        boolean byRows = rows <= cols;
        int k = byRows ? rows : cols, len = byRows ? cols : rows;
        float[] d = w.data();
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double dot = 0;
                for (int i = 0; i < len; i++) dot += (double) (byRows ? d[a * cols + i] : d[i * cols + a]) * (byRows ? d[b * cols + i] : d[i * cols + b]);
                assertEquals(a == b ? gain * gain : 0, dot, 1e-5 * gain * gain, "Gram entry " + a + "," + b);
            }
        }
    }

    @Test
    void orthogonalGivesOrthonormalRowsOrColumnsTimesGain() {
        assertOrthonormal(Init.orthogonal(Tensor.zeros(64, 4), Math.sqrt(2), new Rng(1)), Math.sqrt(2));
        assertOrthonormal(Init.orthogonal(Tensor.zeros(4, 64), 1, new Rng(2)), 1);
        assertOrthonormal(Init.orthogonal(Tensor.zeros(32, 32), 0.01, new Rng(3)), 0.01);
        assertOrthonormal(Init.orthogonal(Tensor.zeros(8, 2, 3, 3), 1, new Rng(4)), 1);
        assertThrows(IllegalArgumentException.class, () -> Init.orthogonal(Tensor.zeros(5), 1, new Rng(1)));
    }

    @Test
    void orthogonalIsSeededAndNotTheIdentity() {
        Tensor a = Init.orthogonal(Tensor.zeros(6, 6), 1, new Rng(5)), b = Init.orthogonal(Tensor.zeros(6, 6), 1, new Rng(5));
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.data(), b.data());
        double offDiagonal = 0;
        for (int i = 0; i < 6; i++) for (int j = 0; j < 6; j++) if (i != j) offDiagonal += Math.abs(a.get(i, j));
        org.junit.jupiter.api.Assertions.assertTrue(offDiagonal > 1, "a random rotation, not the identity");
    }

    @Test
    void uniformZerosAndConstant() {
        Tensor w = Init.uniform(Tensor.zeros(1000), 0.003, new Rng(6));
        LayersTest.assertUniformWithin(w, 0.003);
        assertEquals(0f, Init.zeros(w).data()[7]);
        assertEquals(0.5f, Init.constant(w, 0.5).data()[999]);
        assertThrows(IllegalArgumentException.class, () -> Init.uniform(w, -1, new Rng(1)));
    }
}
