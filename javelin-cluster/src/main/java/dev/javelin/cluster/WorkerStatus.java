package dev.javelin.cluster;

/**
 * A worker's counters, in its status file and returned when it stops: env steps sent and confirmed (acknowledged
 * by the learner as inserted or already held), acknowledgements of redeliveries, batches still unacknowledged,
 * the policy version it acts with, how long after its start the first batch was confirmed, and the CPU time of
 * its process (milliseconds, all threads) per env step sent after its first batch (NaN before).
 */
public record WorkerStatus(String worker, long incarnation, long sentSteps, long confirmedSteps, long confirmedBatches,
                           long duplicateAcks, long unacknowledged, long actingVersion, double secondsToFirstConfirmed,
                           double cpuMillisPerStep) {
}
