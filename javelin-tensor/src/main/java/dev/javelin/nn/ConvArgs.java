package dev.javelin.nn;

/** Argument checks shared by the convolution layers. */
final class ConvArgs {
    private ConvArgs() {}

    static void check(String layer, int inC, int outC, int kernel, int stride, int padding) {
        if (inC < 1 || outC < 1) throw new IllegalArgumentException(layer + ": channels in " + inC + " and out " + outC + " must be >= 1");
        if (kernel < 1) throw new IllegalArgumentException(layer + ": kernel " + kernel + " must be >= 1");
        if (stride < 1) throw new IllegalArgumentException(layer + ": stride " + stride + " must be >= 1");
        if (padding < 0) throw new IllegalArgumentException(layer + ": padding " + padding + " must be >= 0");
    }
}
