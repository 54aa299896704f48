package dev.javelin.policy;

import dev.javelin.tensor.io.SafeTensors;
import dev.javelin.tensor.io.SafeTensorsFile;
import dev.javelin.tensor.io.SafeTensorsFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A policy alone in one safetensors file ({@code javelin export --format safetensors}): the MLP as
 * {@code net.0.weight}, {@code net.0.bias}, {@code net.2.weight}, ... (a torch.nn.Sequential's names), the
 * scaler's {@code observation_mean} and {@code observation_scale}, the head's {@code action_low} and
 * {@code action_high}, and the structure and info as metadata ({@code javelin.policy}, {@code activations},
 * {@code head}, {@code algo}, {@code env}, ...). No critic, optimizer or training state.
 */
public final class PolicyFile {
    private PolicyFile() {
    }

    /** Writes atomically (a temporary file renamed over {@code file}). */
    public static void write(PolicySpec spec, Path file) {
        try {
            SafeTensors.writeArrays(file, PolicyTensors.tensors(spec), PolicyTensors.metadata(spec));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write policy " + file + ": " + e.getMessage(), e);
        }
    }

    public static PolicySpec read(Path file) {
        SafeTensorsFile f;
        try {
            f = SafeTensors.readFile(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("policy " + file + " does not exist");
        } catch (SafeTensorsFormatException e) {
            throw new IllegalArgumentException("policy " + file + " is not a valid safetensors file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy " + file + ": " + e.getMessage(), e);
        }
        return PolicyTensors.read(f.tensors(), f.metadata(), "policy " + file);
    }
}
