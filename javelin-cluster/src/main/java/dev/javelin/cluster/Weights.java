package dev.javelin.cluster;

/**
 * The acting policy's parameters (and preprocessor statistics) after gradient step {@code version}, flattened in
 * the order both sides build them ({@link Flat}). Sent to each worker's "weights" actor over Artery's
 * large-message channel.
 */
public record Weights(long version, float[] values) implements FloatsMessage {
    public Weights {
        if (version < 0) {
            throw new IllegalArgumentException("Weights: version must be >= 0, got " + version);
        }
    }
}
