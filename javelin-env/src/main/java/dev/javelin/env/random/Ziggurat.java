package dev.javelin.env.random;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * NumPy's {@code random_standard_normal} (distributions.c): Marsaglia and Tsang's ziggurat with 256 layers
 * on 64-bit draws (8 bits of layer, 1 of sign, 52 of magnitude), tail beyond {@link #R} by Marsaglia's
 * exponential method.
 *
 * <p>The layer tables are NumPy's own, read from {@code ziggurat-normal.txt}, which
 * {@code tools/record_numpy_random.py} extracts from NumPy's compiled library. They are not recomputed:
 * NumPy built them in float64 with a libm whose {@code exp} is off by an ulp at a few steps of the layer
 * recursion, and the recursion amplifies that to tens of ulps in the top layers, so no portable
 * computation gives NumPy's bits (ZigguratTest checks the file is the construction up to that).
 */
final class Ziggurat {
    /** Where the tail begins (NumPy's {@code ziggurat_nor_r}); the layers have area {@link #V}. */
    static final double R = 3.6541528853610087963519472518;
    static final double INV_R = 0.27366123732975827203338247596;
    static final double V = 0.0049286732339746519;
    static final int LAYERS = 256;

    /** ki: acceptance thresholds on the 52-bit magnitude; wi: layer widths / 2^52; fi: exp(-x_i^2 / 2). */
    static final long[] KI = new long[LAYERS];
    static final double[] WI = new double[LAYERS];
    static final double[] FI = new double[LAYERS];

    static {
        String name = "ziggurat-normal.txt";
        try (InputStream in = Ziggurat.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Ziggurat: resource " + name + " missing from the class path"
                        + " (regenerate it with tools/record_numpy_random.py)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            int row = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.trim().split("\\s+");
                if (cols.length != 3 || row >= LAYERS) {
                    throw new IllegalStateException("Ziggurat: " + name + " row " + row + " is '" + line
                            + "', expected 256 rows of three 64-bit hex numbers");
                }
                KI[row] = Long.parseUnsignedLong(cols[0], 16);
                WI[row] = Double.longBitsToDouble(Long.parseUnsignedLong(cols[1], 16));
                FI[row] = Double.longBitsToDouble(Long.parseUnsignedLong(cols[2], 16));
                row++;
            }
            if (row != LAYERS) {
                throw new IllegalStateException("Ziggurat: " + name + " has " + row + " rows, expected " + LAYERS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Ziggurat() {
    }

    static double standardNormal(Pcg64 bitgen) {
        for (;;) {
            long r = bitgen.next64();
            int idx = (int) (r & 0xff);
            r >>>= 8;
            boolean negative = (r & 1) != 0;
            long rabs = (r >>> 1) & 0x000fffffffffffffL;
            double x = rabs * WI[idx];
            if (negative) {
                x = -x;
            }
            if (rabs < KI[idx]) {
                return x; // inside the layer's rectangle: 99.3% of draws
            }
            if (idx == 0) {
                // The tail: 1 - U, not U, so log1p never sees -1 (NumPy GH 13361). StrictMath's log1p is
                // fdlibm's, the algorithm glibc's log1p also is, so the tail matches NumPy on glibc.
                for (;;) {
                    double xx = -INV_R * StrictMath.log1p(-bitgen.nextDouble());
                    double yy = -StrictMath.log1p(-bitgen.nextDouble());
                    if (yy + yy > xx * xx) {
                        return ((rabs >>> 8) & 1) != 0 ? -(R + xx) : R + xx;
                    }
                }
            }
            // The wedge. A last-ulp difference between this exp and the C library's could only flip a
            // comparison whose two sides agree to 1e-16: too rare to see, unlike in the tables above.
            if ((FI[idx - 1] - FI[idx]) * bitgen.nextDouble() + FI[idx] < StrictMath.exp(-0.5 * x * x)) {
                return x;
            }
        }
    }
}
