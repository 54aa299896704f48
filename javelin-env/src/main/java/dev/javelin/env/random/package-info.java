/**
 * NumPy's random numbers on the JVM, bit for bit: {@link dev.javelin.env.random.SeedSequence},
 * {@link dev.javelin.env.random.Pcg64} and the {@link dev.javelin.env.random.NumpyGenerator} draws that
 * Gymnasium's envs make, so that {@code reset(seed)} gives Gymnasium's episode for the same seed.
 * {@code NumpyStreamsTest} replays streams recorded from NumPy by {@code tools/record_numpy_random.py}.
 */
package dev.javelin.env.random;
