package dev.javelin.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Forward values, creation and argument validation. */
class TensorTest {
    private static void assertMessage(Runnable r, String... parts) {
        var e = assertThrows(IllegalArgumentException.class, r::run);
        for (String p : parts) assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' lacks '" + p + "'");
    }

    @Test
    void creationAndAccessors() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertEquals(3, t.dim(-1));
        assertEquals(6, t.size());
        assertEquals(6f, t.get(1, 2));
        assertEquals(0, Tensor.scalar(2f).rank());
        assertEquals(2f, Tensor.scalar(2f).item());
        assertArrayEquals(new float[] {7, 7}, Tensor.full(7f, 2).data());
        assertArrayEquals(new float[] {0, 1, 2}, Tensor.arange(3).data());
        assertArrayEquals(new float[] {1, 1.5f, 2, 2.5f}, Tensor.arange(1f, 3f, 0.5f).data());
        assertTrue(Tensor.parameter(new float[] {1}, 1).requiresGrad());
        assertEquals("Tensor[2, 3] [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]", t.toString());
        Tensor c = t.copy();
        c.data()[0] = 9;
        assertEquals(1f, t.data()[0]);
    }

    @Test
    void randomCreationIsSeeded() {
        assertArrayEquals(Tensor.randn(new Rng(3), 4, 5).data(), Tensor.randn(new Rng(3), 4, 5).data());
        Tensor u = Tensor.uniform(new Rng(4), -2f, 3f, 1000);
        for (float v : u.data()) assertTrue(v >= -2f && v < 3f);
    }

    @Test
    void broadcastingForwardMatchesLoops() {
        Tensor a = Tensor.arange(6).reshape(2, 3), row = Tensor.of(new float[] {10, 20, 30}, 3), col = Tensor.of(new float[] {100, 200}, 2, 1);
        assertArrayEquals(new float[] {10, 21, 32, 13, 24, 35}, a.add(row).data());
        assertArrayEquals(new float[] {100, 101, 102, 203, 204, 205}, a.add(col).data());
        assertArrayEquals(new float[] {-100, -99, -98, -197, -196, -195}, a.sub(col).data());
        assertArrayEquals(new float[] {0, 2, 4, 6, 8, 10}, a.mul(2f).data());
        Tensor outer = Tensor.of(new float[] {1, 2}, 2, 1, 1).mul(Tensor.of(new float[] {1, 10, 100}, 1, 3, 1)).mul(Tensor.of(new float[] {1, -1}, 2));
        assertArrayEquals(new int[] {2, 3, 2}, outer.shape());
        assertArrayEquals(new float[] {1, -1, 10, -10, 100, -100, 2, -2, 20, -20, 200, -200}, outer.data());
        assertArrayEquals(new float[] {0, 0, 1, 1, 1, 1}, a.gt(1f).data());
    }

    @Test
    void reductionsAndShapes() {
        Tensor a = Tensor.arange(24).reshape(2, 3, 4);
        assertEquals(276f, a.sum().item());
        // Long sums use several accumulators: check against a double reference on awkward lengths.
        for (int n : new int[] {1, 7, 8, 9, 1001}) {
            Tensor u = Tensor.uniform(new Rng(n), -1f, 1f, 3, n);
            double total = 0, row = 0;
            for (int i = 0; i < u.size(); i++) total += u.data()[i];
            for (int i = n; i < 2 * n; i++) row += u.data()[i];
            assertEquals(total, u.sum().item(), 1e-5 * n);
            assertEquals(row, u.sum(1).data()[1], 1e-5 * n);
            assertEquals(total, u.sumTo(1, 1).item(), 1e-5 * n);
        }
        Tensor s1 = a.sum(1, false);
        assertArrayEquals(new int[] {2, 4}, s1.shape());
        assertArrayEquals(new float[] {12, 15, 18, 21, 48, 51, 54, 57}, s1.data());
        assertArrayEquals(new int[] {2, 3, 1}, a.sum(-1, true).shape());
        assertArrayEquals(new float[] {1.5f, 5.5f, 9.5f, 13.5f, 17.5f, 21.5f}, a.mean(2, false).data());
        Tensor p = a.permute(2, 0, 1);
        assertArrayEquals(new int[] {4, 2, 3}, p.shape());
        assertEquals(a.get(1, 2, 3), p.get(3, 1, 2));
        assertEquals(a.get(1, 0, 2), a.transpose(0, 2).get(2, 0, 1));
        assertArrayEquals(new int[] {6, 4}, a.reshape(-1, 4).shape());
        assertSame(a, a.reshape(2, 3, 4));
    }

    @Test
    void matmulAndLinearValues() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        assertArrayEquals(new float[] {4, 5, 10, 11}, a.matmul(b).data());
        Tensor w = Tensor.of(new float[] {1, 0, 1, 0, 1, 1}, 2, 3); // [out=2, in=3]
        Tensor bias = Tensor.of(new float[] {0.5f, -1}, 2);
        assertArrayEquals(new float[] {4.5f, 4, 10.5f, 10}, Tensor.linear(a, w, bias).data());
        Tensor batched = Tensor.arange(12).reshape(2, 2, 3).matmul(b);
        assertArrayEquals(new int[] {2, 2, 2}, batched.shape());
        assertArrayEquals(new float[] {2, 3, 8, 9, 14, 15, 20, 21}, batched.data());
    }

    @Test
    void indexingAndJoiningValues() {
        Tensor a = Tensor.arange(6).reshape(2, 3);
        assertArrayEquals(new float[] {2, 0, 5, 3}, a.indexSelect(1, new int[] {2, 0}).data());
        assertArrayEquals(new float[] {1, 2, 4, 5}, a.narrow(1, 1, 2).data());
        assertArrayEquals(new float[] {0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}, Tensor.concat(1, a, a).data());
        assertArrayEquals(new int[] {2, 2, 3}, Tensor.stack(1, a, a).shape());
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 1, 1, 0, 0}, Tensor.oneHot(Tensor.of(new float[] {1, 2, 0}, 3), 3).data());
        assertArrayEquals(new float[] {2, 2}, a.argmax(1).data());
        assertArrayEquals(new float[] {2, 5}, a.chunk(3, 1).get(2).data());
        assertArrayEquals(new float[] {3, 12}, a.sum(1).data());
        assertArrayEquals(new float[] {1.5f, 2.5f, 3.5f}, a.mean(0).data());
        assertArrayEquals(new float[] {3, 4, 5}, Tensor.where(Tensor.of(new float[] {0, 1}, 2, 1), a, Tensor.scalar(-1)).narrow(0, 1, 1).data());
    }

    /** conv_transpose2d is the adjoint of conv2d: <convT(x, w), z> = <x, conv2d(z, w)>. */
    @Test
    void convTransposeIsTheAdjointOfConv() {
        Rng rng = new Rng(5);
        Tensor x = Tensor.randn(rng, 2, 3, 4, 5), w = Tensor.randn(rng, 3, 2, 3, 3);
        Tensor y = Tensor.convTranspose2d(x, w, null, 2, 1, 0);
        Tensor z = Tensor.randn(rng, y.shape());
        float lhs = y.mul(z).sum().item(), rhs = x.mul(Tensor.conv2d(z, w, null, 2, 1)).sum().item();
        assertEquals(lhs, rhs, 1e-4 * Math.abs(lhs));
    }

    @Test
    void badInputNamesTheShapes() {
        assertMessage(() -> Tensor.of(new float[5], 2, 3), "[2, 3]", "5");
        assertMessage(() -> Tensor.zeros(2, -1), "-1");
        assertMessage(() -> Tensor.zeros(2, 3).add(Tensor.zeros(4)), "[2, 3]", "[4]");
        assertMessage(() -> Tensor.zeros(3, 4).matmul(Tensor.zeros(5, 2)), "[3, 4]", "[5, 2]", "4 != 5");
        assertMessage(() -> Tensor.linear(Tensor.zeros(2, 3), Tensor.zeros(4, 5), null), "[2, 3]", "[4, 5]");
        assertMessage(() -> Tensor.zeros(2, 3).reshape(4, 2), "[2, 3]", "[4, 2]");
        assertMessage(() -> Tensor.zeros(2, 3).sum(2, false), "axis 2");
        assertMessage(() -> Tensor.zeros(2, 3).permute(0, 0), "[0, 0]");
        assertMessage(() -> Tensor.zeros(2, 3).item(), "[2, 3]");
        assertMessage(() -> Tensor.zeros(2, 3).get(2, 0), "[2, 0]");
        assertMessage(() -> Tensor.zeros(2, 3).gather(1, Tensor.of(new float[] {3, 0}, 2, 1)), "3.0", "[0, 3)");
        assertMessage(() -> Tensor.zeros(2, 3).gather(1, Tensor.zeros(3, 1)), "[3, 1]", "[2, 3]");
        assertMessage(() -> Tensor.concat(0, Tensor.zeros(2, 3), Tensor.zeros(2, 4)), "[2, 3]", "[2, 4]");
        assertMessage(() -> Tensor.zeros(2, 3).narrow(1, 2, 2), "[2, 4)", "[2, 3]");
        assertMessage(() -> Tensor.zeros(2, 3).split(1, 1, 1), "[1, 1]", "3");
        assertMessage(() -> Tensor.oneHot(Tensor.of(new float[] {1.5f}, 1), 3), "1.5");
        assertMessage(() -> Tensor.layerNorm(Tensor.zeros(2, 3), new int[] {4}, null, null, 1e-5f), "[2, 3]", "[4]");
        assertMessage(() -> Tensor.conv2d(Tensor.zeros(1, 2, 5, 5), Tensor.zeros(3, 4, 3, 3), null, 1, 0), "[1, 2, 5, 5]", "[3, 4, 3, 3]");
        assertMessage(() -> Tensor.convTranspose2d(Tensor.zeros(1, 2, 5, 5), Tensor.zeros(2, 4, 3, 3), null, 2, 0, 2), "outputPadding 2");
        assertMessage(() -> Tensor.zeros(2).clamp(1f, 0f), "min 1.0 > max 0.0");
        assertMessage(() -> Tensor.zeros(2, 3).chunk(2, 1), "[2, 3]", "2 equal pieces");
        assertMessage(() -> Tensor.custom(new float[3], new int[] {2, 2}, (g, out, need) -> new Tensor[] {g}, Tensor.zeros(3)), "[2, 2]", "3");
        assertMessage(() -> Tensor.where(Tensor.zeros(3), Tensor.zeros(2), Tensor.zeros(2)), "[3]", "[2]");
    }
}
