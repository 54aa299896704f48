package dev.javelin.optim;

import dev.javelin.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Updates parameters in place from their accumulated gradients. Parameters without a gradient since
 * the last {@link #zeroGrad()} are skipped, as torch skips those whose .grad is None.
 */
public interface Optimizer {
    /** Updates every parameter from its gradient. */
    void step();

    /** Clears the gradients of every parameter. */
    void zeroGrad();

    /** The current learning rate. */
    double learningRate();

    /** Sets the learning rate (a scheduler's step). */
    void setLearningRate(double lr);

    /** The optimizer's state as named tensors ("exp_avg.3", "lr"), copies, for a safetensors checkpoint. */
    Map<String, Tensor> state();

    /** Restores {@link #state()}; names or shapes that do not match throw and change nothing. */
    void load(Map<String, Tensor> state);

    /** The live parameters, in the order given at construction (state index i is parameter i). */
    List<Tensor> parameters();
}
