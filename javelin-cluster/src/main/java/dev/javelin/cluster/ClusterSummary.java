package dev.javelin.cluster;

import java.util.Map;

/**
 * The "cluster" section of a cluster run's summary.json: env steps inserted (in total and per worker id) and per
 * second (from the first insertion to the last), the rate and the learner's CPU time per env step (milliseconds,
 * all its threads) from the first insertion of the last worker to join on (all workers acting), policy lag (learner version at insertion minus the version that acted) as mean and p99, the p95 round
 * trip of a weight push (sent to acknowledged), redelivered batches dropped as duplicates, batches dropped
 * unused (stale incarnation, removed worker, late PPO fragment) and their env steps, worker joins and losses.
 */
public record ClusterSummary(long insertedSteps, Map<String, Long> stepsByWorker, double envStepsPerSecond,
                             Map<String, Double> envStepsPerSecondByWorker, double envStepsPerSecondAllWorkers,
                             double learnerCpuMillisPerStep, double policyLagMean, double policyLagP99,
                             double weightPushMillisP95, long duplicateBatches, long droppedBatches, long droppedSteps,
                             long workerJoins, long workerLosses) {
}
