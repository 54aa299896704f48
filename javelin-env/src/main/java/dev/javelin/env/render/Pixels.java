package dev.javelin.env.render;

import java.awt.image.BufferedImage;

/** Conversion of rendered frames to float arrays for image-based agents. */
public final class Pixels {
    private Pixels() {
    }

    /** Memory order of an image observation: height-width-channel (DreamerV3, Gymnasium) or channel-first (PyTorch conv). */
    public enum Layout {
        /** [height, width, 3]. */
        HWC,
        /** [3, height, width]. */
        CHW
    }

    /**
     * RGB values scaled to [0, 1] in the given layout, written into {@code out} (length {@code 3 * w * h}).
     */
    public static void toFloats(BufferedImage image, Layout layout, float[] out) {
        int w = image.getWidth(), h = image.getHeight();
        if (out.length != 3 * w * h) {
            throw new IllegalArgumentException("Pixels: output of length " + out.length + ", expected 3 * " + w + " * " + h);
        }
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        int plane = w * h;
        for (int p = 0; p < plane; p++) {
            int c = rgb[p];
            float r = ((c >> 16) & 0xff) / 255f, g = ((c >> 8) & 0xff) / 255f, b = (c & 0xff) / 255f;
            if (layout == Layout.HWC) {
                out[3 * p] = r;
                out[3 * p + 1] = g;
                out[3 * p + 2] = b;
            } else {
                out[p] = r;
                out[plane + p] = g;
                out[2 * plane + p] = b;
            }
        }
    }
}
