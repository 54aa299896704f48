package dev.javelin.cluster;

/** A message that is mostly float arrays, serialized as raw little-endian bytes by {@link FloatsSerializer}. */
public interface FloatsMessage {
}
