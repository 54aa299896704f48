/**
 * Optimizers with PyTorch's exact updates ({@link dev.javelin.optim.Adam}, {@link dev.javelin.optim.AdamW},
 * {@link dev.javelin.optim.Sgd}), {@link dev.javelin.optim.GradClip}, {@link dev.javelin.optim.Polyak}
 * target updates and learning-rate schedulers ({@link dev.javelin.optim.LinearLr},
 * {@link dev.javelin.optim.KLAdaptiveLr}). Updates write the parameters' live storage in place.
 */
package dev.javelin.optim;
