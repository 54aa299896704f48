package dev.javelin.nn;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

import java.util.Arrays;

/**
 * torch.nn.GRUCell (Cho et al. 2014) with torch's names and gate order r, z, n:
 * r = sigmoid(W_ir x + b_ir + W_hr h + b_hr), z = sigmoid(W_iz x + b_iz + W_hz h + b_hz),
 * n = tanh(W_in x + b_in + r (W_hn h + b_hn)), h' = (1 - z) n + z h.
 * weight_ih [3H, in], weight_hh [3H, H], bias_ih and bias_hh [3H], all U(-1/sqrt(H), 1/sqrt(H)) at init.
 */
public final class GRUCell extends Module {
    private final int inputSize, hiddenSize;
    private final Tensor weightIh, weightHh, biasIh, biasHh;

    /** A GRU cell with PyTorch's gates, names and uniform initialization. */
    public GRUCell(int inputSize, int hiddenSize, Rng rng) {
        if (inputSize < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException("GRUCell: input size " + inputSize + " and hidden size " + hiddenSize + " must be >= 1");
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        float bound = (float) (1 / Math.sqrt(hiddenSize));
        weightIh = param("weight_ih", Tensor.uniform(rng, -bound, bound, 3 * hiddenSize, inputSize));
        weightHh = param("weight_hh", Tensor.uniform(rng, -bound, bound, 3 * hiddenSize, hiddenSize));
        biasIh = param("bias_ih", Tensor.uniform(rng, -bound, bound, 3 * hiddenSize));
        biasHh = param("bias_hh", Tensor.uniform(rng, -bound, bound, 3 * hiddenSize));
    }

    /** x [B, in], h [B, H] -> h' [B, H]. */
    public Tensor forward(Tensor x, Tensor h) {
        if (x.rank() != 2 || h.rank() != 2 || x.dim(1) != inputSize || h.dim(1) != hiddenSize || x.dim(0) != h.dim(0)) {
            throw new IllegalArgumentException("GRUCell.forward: input " + Arrays.toString(x.shape()) + " and hidden "
                    + Arrays.toString(h.shape()) + " must be [B, " + inputSize + "] and [B, " + hiddenSize + "]");
        }
        return cell(x, h, weightIh, weightHh, biasIh, biasHh);
    }

    /**
     * The GRU cell function on given weights, as torch's gru_cell: two fused linears (all three gates
     * of x, then of h) and elementwise work on their [B, H] slices.
     */
    public static Tensor cell(Tensor x, Tensor h, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {
        int hid = h.dim(-1);
        Tensor gi = Tensor.linear(x, weightIh, biasIh), gh = Tensor.linear(h, weightHh, biasHh);
        var i = gi.split(-1, hid, hid, hid);
        var g = gh.split(-1, hid, hid, hid);
        Tensor r = i.get(0).add(g.get(0)).sigmoid();
        Tensor z = i.get(1).add(g.get(1)).sigmoid();
        Tensor n = i.get(2).add(r.mul(g.get(2))).tanh();
        // (1 - z) n + z h written as n + z (h - n): one op fewer, same value
        return n.add(z.mul(h.sub(n)));
    }

    /** The input size. */
    public int inputSize() {
        return inputSize;
    }

    /** The hidden state size. */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** The input weights [3 * hidden, input] (reset, update, new gates). */
    public Tensor weightIh() {
        return weightIh;
    }

    /** The hidden weights [3 * hidden, hidden]. */
    public Tensor weightHh() {
        return weightHh;
    }

    /** The input bias [3 * hidden]. */
    public Tensor biasIh() {
        return biasIh;
    }

    /** The hidden bias [3 * hidden]. */
    public Tensor biasHh() {
        return biasHh;
    }
}
