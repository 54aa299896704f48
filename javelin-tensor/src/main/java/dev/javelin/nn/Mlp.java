package dev.javelin.nn;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A multilayer perceptron laid out as torch.nn.Sequential(Linear, act, Linear, act, ..., Linear[, outputAct]),
 * so its parameters are named "0.weight", "0.bias", "2.weight", ... as PyTorch names them. The
 * {@link #withLayerNorm} variant is Sequential(Linear, LayerNorm, act, ..., Linear) as in DreamerV3.
 */
public final class Mlp extends Module {
    private final List<Linear> layers = new ArrayList<>();
    private final List<LayerNorm> norms = new ArrayList<>();
    private final Activation act;
    private final Activation outputAct;

    /** Linear layers with {@code act} between them and none after the last. */
    public Mlp(int in, List<Integer> hidden, int out, Activation act, Rng rng) {
        this(in, hidden, out, act, Activation.IDENTITY, rng);
    }

    /** Linear layers with {@code act} between them and {@code outputAct} after the last. */
    public Mlp(int in, List<Integer> hidden, int out, Activation act, Activation outputAct, Rng rng) {
        this(in, hidden, out, act, outputAct, Float.NaN, rng);
    }

    /**
     * Sequential(Linear(bias=False), LayerNorm(eps), act, ..., Linear): each hidden layer is normalized
     * before its activation, as DreamerV3's MLPs; the hidden Linears have no bias since LayerNorm's
     * own bias follows (the DreamerV3 PyTorch ports do the same). DreamerV3 uses eps 1e-3.
     */
    public static Mlp withLayerNorm(int in, List<Integer> hidden, int out, Activation act, float eps, Rng rng) {
        if (!(eps > 0)) throw new IllegalArgumentException("Mlp.withLayerNorm: eps " + eps + " must be > 0");
        return new Mlp(in, hidden, out, act, Activation.IDENTITY, eps, rng);
    }

    private Mlp(int in, List<Integer> hidden, int out, Activation act, Activation outputAct, float layerNormEps, Rng rng) {
        if (in < 1 || out < 1) throw new IllegalArgumentException("Mlp: in " + in + " and out " + out + " must be >= 1");
        for (int h : hidden) {
            if (h < 1) throw new IllegalArgumentException("Mlp: hidden sizes " + hidden + " must all be >= 1");
        }
        this.act = act;
        this.outputAct = outputAct;
        boolean normed = !Float.isNaN(layerNormEps);
        int index = 0, width = in;
        for (int h : hidden) {
            layers.add(child(Integer.toString(index++), new Linear(width, h, !normed, rng)));
            if (normed) norms.add(child(Integer.toString(index++), new LayerNorm(new int[] {h}, layerNormEps)));
            index++; // the activation holds a Sequential slot but no parameters
            width = h;
        }
        layers.add(child(Integer.toString(index), new Linear(width, out, rng)));
    }

    /** x [..., in] -> [..., out]. */
    public Tensor forward(Tensor x) {
        Tensor h = x;
        int hidden = layers.size() - 1;
        for (int i = 0; i < hidden; i++) {
            Linear layer = layers.get(i);
            h = norms.isEmpty() ? layer.forward(h, act) : act.apply(norms.get(i).forward(layer.forward(h)));
        }
        return layers.get(hidden).forward(h, outputAct);
    }

    /** The Linear layers in order, the output layer last. */
    public List<Linear> layers() {
        return List.copyOf(layers);
    }

    /** The LayerNorms of the hidden layers (empty unless built {@link #withLayerNorm}). */
    public List<LayerNorm> norms() {
        return List.copyOf(norms);
    }

    /** The activation between layers. */
    public Activation activation() {
        return act;
    }

    /** The activation after the last layer. */
    public Activation outputActivation() {
        return outputAct;
    }
}
