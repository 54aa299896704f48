package dev.javelin.rl.dreamer;

import dev.javelin.dist.Symlog;
import dev.javelin.nn.Activation;
import dev.javelin.nn.ConvTranspose2d;
import dev.javelin.nn.LayerNorm;
import dev.javelin.nn.Linear;
import dev.javelin.nn.Mlp;
import dev.javelin.nn.Module;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Model state to reconstruction, and its loss. Vectors: an MLP predicting symlog(obs), loss the squared error
 * summed over dimensions (symlog MSE). Images: a Linear to [C, minres, minres], then stride-2 transposed
 * convolutions doubling the resolution (channel LayerNorm and SiLU except on the last), output + 0.5, loss the
 * squared error summed over pixels (MSE).
 */
final class Decoder extends Module {
    private final Mlp mlp;
    private final Linear in;
    private final List<ConvTranspose2d> deconvs = new ArrayList<>();
    private final List<LayerNorm> norms = new ArrayList<>();
    private final boolean image;
    private final int obsSize;
    private final int minres;
    private final int inChannels;

    static Decoder vector(int featSize, int obsSize, DreamerConfig.Decoder c, Rng rng) {
        return new Decoder(false, featSize, obsSize, 0, c, rng);
    }

    static Decoder image(int featSize, int size, DreamerConfig.Decoder c, Rng rng) {
        return new Decoder(true, featSize, 3 * size * size, size, c, rng);
    }

    private Decoder(boolean image, int featSize, int obsSize, int size, DreamerConfig.Decoder c, Rng rng) {
        this.image = image;
        this.obsSize = obsSize;
        this.minres = c.minres();
        if (image) {
            int stages = ConvStages.count(size, minres);
            int depth = c.cnnDepth() << (stages - 1);
            inChannels = depth;
            mlp = null;
            in = child("in", new Linear(featSize, depth * minres * minres, rng));
            for (int i = 0; i < stages; i++) {
                boolean last = i == stages - 1;
                int out = last ? 3 : depth / 2;
                deconvs.add(child("deconv" + i, new ConvTranspose2d(depth, out, 4, 2, 1, 0, last, rng)));
                if (!last) {
                    norms.add(child("norm" + i, new LayerNorm(new int[] {out}, Dense.EPS)));
                }
                depth = out;
            }
        } else {
            inChannels = 0;
            in = null;
            mlp = child("mlp", Mlp.withLayerNorm(featSize, Collections.nCopies(c.mlpLayers(), c.mlpUnits()), obsSize,
                    Activation.SILU, Dense.EPS, rng));
        }
    }

    /** The reconstruction of feat [N, F]: symlog(obs) for vectors, the image [N, 3*S*S] for images. */
    Tensor forward(Tensor feat) {
        if (!image) {
            return mlp.forward(feat);
        }
        int n = feat.dim(0);
        Tensor x = in.forward(feat).reshape(n, inChannels, minres, minres);
        for (int i = 0; i < deconvs.size(); i++) {
            x = deconvs.get(i).forward(x);
            if (i < norms.size()) {
                x = ConvStages.channelNorm(x, norms.get(i)).silu();
            }
        }
        return x.reshape(n, obsSize).add(0.5f);
    }

    /** -log p(obs | feat) up to a constant: the squared error summed over each observation, [N]. */
    Tensor loss(Tensor feat, Tensor obs) {
        Tensor target = image ? obs : Symlog.symlog(obs);
        return forward(feat).sub(target).square().sum(-1, false);
    }
}
