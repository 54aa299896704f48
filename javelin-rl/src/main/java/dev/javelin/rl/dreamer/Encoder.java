package dev.javelin.rl.dreamer;

import dev.javelin.dist.Symlog;
import dev.javelin.nn.Activation;
import dev.javelin.nn.Conv2d;
import dev.javelin.nn.LayerNorm;
import dev.javelin.nn.Module;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Observation to embedding. Vectors: symlog, then {@code mlp_layers} Dense layers (symlog squashes large inputs
 * without knowing their scale). Images [3, S, S] in [0, 1]: centered at 0, then stride-2 4x4 convolutions with
 * channel LayerNorm and SiLU from S down to {@code minres}, doubling the channels from {@code cnn_depth}.
 */
final class Encoder extends Module {
    private final List<Dense> mlp = new ArrayList<>();
    private final List<Conv2d> convs = new ArrayList<>();
    private final List<LayerNorm> norms = new ArrayList<>();
    private final boolean image;
    private final boolean symlog;
    private final int obsSize;
    private final int imageSize;
    private final int outSize;

    /** A vector encoder for observations of {@code obsSize} floats. */
    static Encoder vector(int obsSize, DreamerConfig.Encoder c, Rng rng) {
        return new Encoder(false, obsSize, 0, c, rng);
    }

    /** An image encoder for [3, size, size] observations. */
    static Encoder image(int size, DreamerConfig.Encoder c, Rng rng) {
        return new Encoder(true, 3 * size * size, size, c, rng);
    }

    private Encoder(boolean image, int obsSize, int imageSize, DreamerConfig.Encoder c, Rng rng) {
        this.image = image;
        this.symlog = c.symlogInputs();
        this.obsSize = obsSize;
        this.imageSize = imageSize;
        if (image) {
            int stages = ConvStages.count(imageSize, c.minres());
            int in = 3;
            int depth = c.cnnDepth();
            for (int i = 0; i < stages; i++) {
                convs.add(child("conv" + i, new Conv2d(in, depth, 4, 2, 1, false, rng)));
                norms.add(child("norm" + i, new LayerNorm(new int[] {depth}, Dense.EPS)));
                in = depth;
                depth *= 2;
            }
            outSize = in * c.minres() * c.minres();
        } else {
            int in = obsSize;
            for (int i = 0; i < c.mlpLayers(); i++) {
                mlp.add(child("mlp" + i, new Dense(in, c.mlpUnits(), Activation.SILU, rng)));
                in = c.mlpUnits();
            }
            outSize = in;
        }
    }

    int outSize() {
        return outSize;
    }

    /** obs [N, obsSize] (images flattened channel-first) to [N, outSize]. */
    Tensor forward(Tensor obs) {
        int n = obs.dim(0);
        if (obs.rank() != 2 || obs.dim(1) != obsSize) {
            throw new IllegalArgumentException("Encoder: expected observations [N, " + obsSize + "], got "
                    + java.util.Arrays.toString(obs.shape()));
        }
        if (!image) {
            Tensor x = symlog ? Symlog.symlog(obs) : obs;
            for (Dense d : mlp) {
                x = d.forward(x);
            }
            return x;
        }
        Tensor x = obs.sub(0.5f).reshape(n, 3, imageSize, imageSize);
        for (int i = 0; i < convs.size(); i++) {
            x = ConvStages.channelNorm(convs.get(i).forward(x), norms.get(i)).silu();
        }
        return x.reshape(n, outSize);
    }
}
