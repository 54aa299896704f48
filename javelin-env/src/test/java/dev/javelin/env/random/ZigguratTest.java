package dev.javelin.env.random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recorded tables are Marsaglia and Tsang's 256-layer ziggurat for NumPy's r and v, built here in
 * float64: x_255 = r, x_{i-1} = f^-1(f(x_i) + v / x_i) with f(x) = exp(-x^2 / 2), x_0 = 0, and
 * wi = x_i / 2^52, ki = round(2^52 x_{i-1} / x_i), fi = f(x_i), layer 0 being the base strip with the tail.
 *
 * <p>They agree only up to rounding: the recursion amplifies a one-ulp difference of {@code exp} at one
 * step into tens of ulps at the top layers, and NumPy's tables were computed with a libm whose exp
 * differs from both StrictMath's and the correctly rounded one at a few steps. So the bits come from
 * NumPy's library (NumpyStreamsTest proves them by NumPy's own draws) and this test bounds the distance.
 */
class ZigguratTest {
    private static final double TWO_52 = 0x1p52;

    @Test
    void recordedTablesAreTheZigguratForNumpysRAndV() {
        double[] x = new double[Ziggurat.LAYERS];
        x[Ziggurat.LAYERS - 1] = Ziggurat.R;
        for (int i = Ziggurat.LAYERS - 2; i >= 1; i--) {
            x[i] = Math.sqrt(-2 * StrictMath.log(f(x[i + 1]) + Ziggurat.V / x[i + 1]));
        }
        x[0] = 0;
        // The recursion closes: the top layer has area v too, so the ziggurat's x_0 lands on 0.
        double topF = f(x[1]) + Ziggurat.V / x[1];
        assertTrue(Math.abs(1 - topF) < 1e-10, "the top layer reaches f = " + topF + ", expected 1");

        double worstW = 0, worstF = 0, worstK = 0;
        for (int i = 0; i < Ziggurat.LAYERS; i++) {
            double w = i == 0 ? Ziggurat.V / f(Ziggurat.R) / TWO_52 : x[i] / TWO_52;
            double k = i == 0 ? Math.rint(Ziggurat.R * f(Ziggurat.R) / Ziggurat.V * TWO_52)
                    : Math.rint(x[i - 1] / x[i] * TWO_52);
            worstW = Math.max(worstW, relative(Ziggurat.WI[i], w));
            worstF = Math.max(worstF, relative(Ziggurat.FI[i], f(x[i])));
            worstK = Math.max(worstK, Math.abs(Ziggurat.KI[i] - k) / TWO_52);
        }
        System.out.printf("ziggurat tables vs StrictMath construction: wi %.3g, fi %.3g relative; ki %.3g of 2^52%n",
                worstW, worstF, worstK);
        assertTrue(worstW < 1e-13, "wi differs by " + worstW + " relative");
        assertTrue(worstF < 1e-13, "fi differs by " + worstF + " relative");
        assertTrue(worstK < 1e-13, "ki differs by " + worstK + " * 2^52");
        assertEquals(0, Ziggurat.KI[1], "the top layer has no rectangle to accept from");
        assertEquals(1.0, Ziggurat.FI[0]);
    }

    @Test
    void inverseOfRIsNumpysConstant() {
        assertEquals(1.0 / Ziggurat.R, Ziggurat.INV_R, Math.ulp(Ziggurat.INV_R));
    }

    private static double f(double x) {
        return StrictMath.exp(-0.5 * x * x);
    }

    private static double relative(double a, double b) {
        return a == b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    }
}
