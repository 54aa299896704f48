package dev.javelin.nn;

import dev.javelin.tensor.Tensor;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** Elementwise nonlinearities by the names configs use ("tanh", "relu", ...). */
public enum Activation {
    /** x. */
    IDENTITY(x -> x),
    /** tanh(x). */
    TANH(Tensor::tanh),
    /** max(x, 0). */
    RELU(Tensor::relu),
    /** ELU with alpha 1. */
    ELU(Tensor::elu),
    /** x sigmoid(x) (SiLU, swish). */
    SILU(Tensor::silu),
    /** 1 / (1 + e^-x). */
    SIGMOID(Tensor::sigmoid),
    /** ln(1 + e^x). */
    SOFTPLUS(Tensor::softplus);

    private final UnaryOperator<Tensor> f;

    Activation(UnaryOperator<Tensor> f) {
        this.f = f;
    }

    /** The activation applied to {@code x}, elementwise. */
    public Tensor apply(Tensor x) {
        return f.apply(x);
    }

    /** The lower-case name, as configs write it. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** By name in any case ("Tanh", "relu"); an unknown name throws listing the allowed ones. */
    public static Activation parse(String name) {
        for (Activation a : values()) {
            if (a.name().equalsIgnoreCase(name.strip())) return a;
        }
        throw new IllegalArgumentException("unknown activation '" + name + "': expected one of "
                + Arrays.stream(values()).map(Activation::configName).toList());
    }
}
