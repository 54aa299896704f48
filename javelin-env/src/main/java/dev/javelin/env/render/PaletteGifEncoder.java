package dev.javelin.env.render;

import com.madgag.gif.fmsware.AnimatedGifEncoder;

import java.util.Arrays;

/**
 * An {@link AnimatedGifEncoder} whose palette comes from the frame's own colors: rendered frames hold a
 * few hundred to a few thousand distinct colors (flat fills, shading, antialiased edges). Up to 256 are all kept
 * exactly; beyond that the {@value #POPULAR} most frequent are kept, and the other palette entries go to the colors
 * farthest from every entry chosen so far (greedy max-min), so a small object of its own hue (Fetch's red target,
 * a few dozen pixels) keeps its color instead of turning into the nearest grey; every other shade goes to its
 * nearest kept color. That is one hash lookup per
 * pixel instead of NeuQuant's per-pixel network search (~10x faster on a 600x400 frame). Frames with
 * more than {@link #MAX_DISTINCT} colors (photographs) fall back to NeuQuant.
 */
final class PaletteGifEncoder extends AnimatedGifEncoder {
    static final int MAX_DISTINCT = 4096;
    /** Palette entries given to the most frequent colors when a frame has more than 256. */
    static final int POPULAR = 192;
    private static final int TABLE = 8192; // power of two, at most half full
    private final int[] keys = new int[TABLE];
    private final int[] counts = new int[TABLE];
    private final int[] slots = new int[MAX_DISTINCT];

    @Override
    protected void analyzePixels() {
        int nPix = pixels.length / 3;
        Arrays.fill(keys, -1);
        Arrays.fill(counts, 0);
        int distinct = 0;
        for (int i = 0, k = 0; i < nPix; i++, k += 3) {
            int slot = slot(rgb(k));
            if (counts[slot]++ == 0) {
                if (distinct == MAX_DISTINCT) {
                    super.analyzePixels();
                    return;
                }
                slots[distinct++] = slot;
            }
        }
        Integer[] order = new Integer[distinct];
        for (int d = 0; d < distinct; d++) {
            order[d] = slots[d];
        }
        Arrays.sort(order, (a, b) -> Integer.compare(counts[b], counts[a]));
        int paletteSize = Math.min(256, distinct);
        colorTab = new byte[3 * 256];
        int[] palette = new int[paletteSize];
        if (distinct > 256) {
            spread(order, distinct);
        }
        for (int p = 0; p < paletteSize; p++) {
            palette[p] = keys[order[p]];
            colorTab[3 * p] = (byte) (palette[p] >> 16);
            colorTab[3 * p + 1] = (byte) (palette[p] >> 8);
            colorTab[3 * p + 2] = (byte) palette[p];
            usedEntry[p] = true;
        }
        // Reuse counts[] as the palette index of each distinct color.
        for (int d = 0; d < distinct; d++) {
            counts[order[d]] = d < paletteSize ? d : nearest(keys[order[d]], palette);
        }
        indexedPixels = new byte[nPix];
        for (int i = 0, k = 0; i < nPix; i++, k += 3) {
            indexedPixels[i] = (byte) counts[slot(rgb(k))];
        }
        pixels = null;
        colorDepth = 8;
        palSize = 7;
    }

    /**
     * Reorders {@code order[POPULAR..distinct)} so that its first {@code 256 - POPULAR} entries are, one after the
     * other, the color farthest from the palette so far ({@code order[0..POPULAR)} and those already picked).
     */
    private void spread(Integer[] order, int distinct) {
        long[] nearest = new long[distinct];
        for (int d = POPULAR; d < distinct; d++) {
            long best = Long.MAX_VALUE;
            for (int p = 0; p < POPULAR; p++) {
                best = Math.min(best, distance(keys[order[d]], keys[order[p]]));
            }
            nearest[d] = best;
        }
        for (int p = POPULAR; p < 256; p++) {
            int far = p;
            for (int d = p + 1; d < distinct; d++) {
                if (nearest[d] > nearest[far]) {
                    far = d;
                }
            }
            Integer picked = order[far];
            order[far] = order[p];
            order[p] = picked;
            long swapped = nearest[far];
            nearest[far] = nearest[p];
            nearest[p] = swapped;
            for (int d = p + 1; d < distinct; d++) {
                nearest[d] = Math.min(nearest[d], distance(keys[order[d]], keys[picked]));
            }
        }
    }

    private static long distance(int a, int b) {
        int dr = (a >> 16 & 0xff) - (b >> 16 & 0xff);
        int dg = (a >> 8 & 0xff) - (b >> 8 & 0xff);
        int db = (a & 0xff) - (b & 0xff);
        return (long) dr * dr + (long) dg * dg + (long) db * db;
    }

    /** The encoder's raster is BGR bytes. */
    private int rgb(int k) {
        return (pixels[k + 2] & 0xff) << 16 | (pixels[k + 1] & 0xff) << 8 | (pixels[k] & 0xff);
    }

    private int slot(int rgb) {
        int h = (rgb * 0x9E3779B1) >>> 19; // 13 bits: TABLE = 8192
        while (keys[h] != -1 && keys[h] != rgb) {
            h = (h + 1) & (TABLE - 1);
        }
        keys[h] = rgb;
        return h;
    }

    private static int nearest(int rgb, int[] palette) {
        int best = 0;
        long bestDistance = Long.MAX_VALUE;
        for (int p = 0; p < palette.length; p++) {
            long distance = distance(rgb, palette[p]);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = p;
            }
        }
        return best;
    }
}
