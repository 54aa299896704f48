package dev.javelin.optim;

import java.util.OptionalDouble;

/** Chooses the next learning rate after each update, optionally from the update's KL divergence. */
public interface LrScheduler {
    /** The learning rate for the next update, given the current one and, where measured, the mean KL. */
    double step(double currentLr, OptionalDouble kl);

    /** Applies {@link #step(double, OptionalDouble)} to the optimizer's learning rate. */
    default void step(Optimizer optimizer, OptionalDouble kl) {
        optimizer.setLearningRate(step(optimizer.learningRate(), kl));
    }
}
