/**
 * Network building blocks over {@link dev.javelin.tensor.Tensor}: {@link dev.javelin.nn.Module} with
 * PyTorch-named parameters and state()/load(), {@link dev.javelin.nn.Linear}, {@link dev.javelin.nn.Mlp},
 * {@link dev.javelin.nn.LayerNorm}, {@link dev.javelin.nn.Conv2d}, {@link dev.javelin.nn.ConvTranspose2d},
 * {@link dev.javelin.nn.GRUCell}, {@link dev.javelin.nn.Activation} and {@link dev.javelin.nn.Init}.
 *
 * <p>Layouts, names and default initializers are PyTorch's, so published hyperparameters carry over and a
 * state saved here loads into the torch.nn twin (and back) through safetensors.
 */
package dev.javelin.nn;
