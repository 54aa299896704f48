package dev.javelin.cluster;

/** A small message between learner and workers, serialized as JSON by pekko-serialization-jackson. */
public interface ControlMessage {
}
