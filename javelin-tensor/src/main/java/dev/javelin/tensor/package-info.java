/**
 * The JVM-native tensor engine: {@link dev.javelin.tensor.Tensor} (float32, row-major, contiguous)
 * with define-by-run reverse-mode autodiff, and {@link dev.javelin.tensor.Grad} (backward, gradients
 * of gradients, the thread-local no-grad scope).
 *
 * <p>Conventions, as in PyTorch: broadcasting is numpy's; axes may be negative; linear weights are
 * [out, in]; convolutions are NCHW with weights [out, in, kh, kw] (transposed: [in, out, kh, kw]);
 * index tensors hold integer values as floats. Ops never modify their inputs; results that share
 * storage with an input (reshape, view, detach) say so. Bad shapes or arguments throw
 * IllegalArgumentException naming them.
 */
package dev.javelin.tensor;
