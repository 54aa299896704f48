package dev.javelin.nn;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

/** y = x W^T + b as torch.nn.Linear: weight [out, in], bias [out], both U(-1/sqrt(in), 1/sqrt(in)) at init. */
public final class Linear extends Module {
    private final Tensor weight;
    private final Tensor bias;

    /** A linear layer with bias, PyTorch's default initialization. */
    public Linear(int in, int out, Rng rng) {
        this(in, out, true, rng);
    }

    /** y = x W^T + b from {@code in} to {@code out} features, PyTorch's default initialization. */
    public Linear(int in, int out, boolean bias, Rng rng) {
        if (in < 1 || out < 1) throw new IllegalArgumentException("Linear: in " + in + " and out " + out + " must be >= 1");
        // torch's kaiming_uniform_(a = sqrt 5) gives the weight the same bound 1/sqrt(fan_in) as the bias.
        float bound = (float) (1 / Math.sqrt(in));
        weight = param("weight", Tensor.uniform(rng, -bound, bound, out, in));
        this.bias = bias ? param("bias", Tensor.uniform(rng, -bound, bound, out)) : null;
    }

    /** x [..., in] -> [..., out]. */
    public Tensor forward(Tensor x) {
        return Tensor.linear(x, weight, bias);
    }

    /**
     * act(x W^T + b) for an activation that follows the layer: ReLU fused into the product
     * ({@link Tensor#linearRelu}, same bits as applying it after), any other applied to {@link #forward}'s result.
     */
    public Tensor forward(Tensor x, Activation act) {
        return act == Activation.RELU ? Tensor.linearRelu(x, weight, bias) : act.apply(forward(x));
    }

    /** The weight [out, in]. */
    public Tensor weight() {
        return weight;
    }

    /** The bias, or null for a layer built without one. */
    public Tensor bias() {
        return bias;
    }

    /** Whether the layer adds a bias. */
    public boolean hasBias() {
        return bias != null;
    }

    /** The number of input features. */
    public int inFeatures() {
        return weight.dim(1);
    }

    /** The number of output features. */
    public int outFeatures() {
        return weight.dim(0);
    }
}
