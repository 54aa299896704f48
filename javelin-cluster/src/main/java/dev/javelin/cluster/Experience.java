package dev.javelin.cluster;

/** Experience a worker sends, named once for all its redeliveries by worker id, incarnation and sequence number. */
interface Experience extends LearnerMessage {
    String worker();

    long incarnation();

    long sequence();

    /** Env steps it holds. */
    int steps();
}
