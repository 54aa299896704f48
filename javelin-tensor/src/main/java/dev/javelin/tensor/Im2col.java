package dev.javelin.tensor;

/**
 * The im2col lowering of convolution: each output position's receptive field becomes a column, so
 * the convolution is one GEMM. Row (c, i, j) of the columns holds input pixel
 * (c, y * stride - pad + i, x * stride - pad + j) for output position (y, x), zero outside the image.
 * col2im is its adjoint (overlapping fields add up), used by the gradient and by transposed convolution.
 */
final class Im2col {
    private Im2col() {}

    static void im2col(float[] x, int xo, int c, int h, int w, int kh, int kw, int stride, int pad,
                       int oh, int ow, float[] cols, int co) {
        int l = oh * ow;
        for (int ci = 0; ci < c; ci++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int row = co + ((ci * kh + i) * kw + j) * l;
                    for (int y = 0; y < oh; y++) {
                        int iy = y * stride - pad + i;
                        int dst = row + y * ow;
                        // The column buffer is reused across images, so padding positions are written too.
                        if (iy < 0 || iy >= h) {
                            java.util.Arrays.fill(cols, dst, dst + ow, 0f);
                            continue;
                        }
                        int src = xo + (ci * h + iy) * w;
                        for (int xx = 0; xx < ow; xx++) {
                            int ix = xx * stride - pad + j;
                            cols[dst + xx] = ix >= 0 && ix < w ? x[src + ix] : 0f;
                        }
                    }
                }
            }
        }
    }

    static void col2im(float[] cols, int co, int c, int h, int w, int kh, int kw, int stride, int pad,
                       int oh, int ow, float[] x, int xo) {
        int l = oh * ow;
        for (int ci = 0; ci < c; ci++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int row = co + ((ci * kh + i) * kw + j) * l;
                    for (int y = 0; y < oh; y++) {
                        int iy = y * stride - pad + i;
                        if (iy < 0 || iy >= h) continue;
                        int src = row + y * ow, dst = xo + (ci * h + iy) * w;
                        for (int xx = 0; xx < ow; xx++) {
                            int ix = xx * stride - pad + j;
                            if (ix >= 0 && ix < w) x[dst + ix] += cols[src + xx];
                        }
                    }
                }
            }
        }
    }
}
