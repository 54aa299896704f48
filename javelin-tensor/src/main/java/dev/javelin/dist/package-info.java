/**
 * Probability distributions for policies and world models, on batched {@link dev.javelin.tensor.Tensor}s.
 *
 * <p>Conventions: the event is the last axis where a distribution has one (the K classes of a
 * categorical, the action dimensions of a squashed Gaussian); leading axes are batch axes of any
 * rank. Sampling takes an explicit {@link dev.javelin.tensor.Rng}; {@code sample} never records a
 * graph, {@code rsample} is reparameterized so gradients reach the parameters. Class indices are
 * floats holding integers, as elsewhere in the engine. Bad shapes or values throw
 * IllegalArgumentException naming them. Semantics follow torch.distributions unless a class says
 * it follows DreamerV3.
 */
package dev.javelin.dist;
