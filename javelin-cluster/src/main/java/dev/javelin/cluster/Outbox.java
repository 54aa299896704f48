package dev.javelin.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A worker's sent experience until the learner acknowledges it: numbered 1, 2, ... within this incarnation, kept
 * until acknowledged and sent again (in order) to a learner that welcomes the worker anew, minus what its welcome
 * says it holds. Counts what was sent and what was confirmed.
 */
final class Outbox {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final String worker;
    private final long incarnation;
    private final Optional<Path> statusFile;
    private final TreeMap<Long, Experience> unacked = new TreeMap<>();
    private final long started = System.nanoTime();
    private long nextSequence = 1;
    private long sentSteps;
    private long confirmedSteps;
    private long confirmedBatches;
    private long duplicateAcks;
    private double firstConfirmed = Double.NaN;
    private long lastStatus;
    private long actingVersion = -1;
    /** This process's CPU time and the steps sent when the first batch went out (-1 before). */
    private long cpuAtFirst = -1;
    private long stepsAtFirst;

    Outbox(String worker, long incarnation, Optional<Path> statusFile) {
        this.worker = worker;
        this.incarnation = incarnation;
        this.statusFile = statusFile;
    }

    long nextSequence() {
        return nextSequence++;
    }

    void send(ActorRef<LearnerMessage> learner, Experience e) {
        unacked.put(e.sequence(), e);
        sentSteps += e.steps();
        if (cpuAtFirst < 0) {
            cpuAtFirst = ProcessCpu.nanos();
            stepsAtFirst = sentSteps;
        }
        learner.tell(e);
    }

    void acked(WorkerMessage.Ack ack) {
        if (ack.incarnation() != incarnation) {
            return;
        }
        Experience e = unacked.remove(ack.sequence());
        if (e != null) {
            confirm(e);
            if (!ack.inserted()) {
                duplicateAcks++;
            }
        }
    }

    private void confirm(Experience e) {
        confirmedSteps += e.steps();
        confirmedBatches++;
        if (Double.isNaN(firstConfirmed)) {
            firstConfirmed = (System.nanoTime() - started) / 1e9;
        }
    }

    /** A learner welcomed this worker: what it holds is confirmed, the rest goes to it again. */
    void welcomed(WorkerMessage.Welcome w, ActorRef<LearnerMessage> learner) {
        Map<Long, Experience> held = unacked.headMap(w.lastSequence(), true);
        held.values().forEach(this::confirm);
        held.clear();
        unacked.values().forEach(learner::tell);
    }

    long unacknowledged() {
        return unacked.size();
    }

    /** Rewrites the status file at most every 100 ms (always when {@code force}). */
    void status(long actingVersion, boolean force) {
        this.actingVersion = actingVersion;
        long now = System.nanoTime();
        if (statusFile.isEmpty() || !force && now - lastStatus < 100_000_000L) {
            return;
        }
        lastStatus = now;
        try {
            // renamed into place, not forced to disk: a monitor's view, rewritten often on the acting thread
            Path file = statusFile.get().toAbsolutePath();
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.write(tmp, JSON.writeValueAsBytes(status()));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write worker status " + statusFile.get() + ": " + e.getMessage(), e);
        }
    }

    WorkerStatus status() {
        long steps = sentSteps - stepsAtFirst;
        return new WorkerStatus(worker, incarnation, sentSteps, confirmedSteps, confirmedBatches, duplicateAcks, unacked.size(),
                actingVersion, firstConfirmed,
                cpuAtFirst >= 0 && steps > 0 ? (ProcessCpu.nanos() - cpuAtFirst) / 1e6 / steps : Double.NaN);
    }
}
