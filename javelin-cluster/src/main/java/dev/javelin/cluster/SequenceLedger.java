package dev.javelin.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which batches the learner holds, per worker: the worker's incarnation and the sequence numbers taken from it
 * (all up to {@code contiguous}, plus any taken above it out of order). A batch is inserted only when this says
 * {@link Verdict#NEW}, so a redelivered batch is never inserted twice; one from an older incarnation of the worker
 * (a process that was replaced) is stale. Saved in checkpoints, so a resumed learner still drops what it holds.
 */
final class SequenceLedger {
    enum Verdict { NEW, DUPLICATE, STALE }

    /** One worker's incarnation and taken sequence numbers. */
    record Entry(long incarnation, long contiguous, TreeSet<Long> above) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** Records {@code (worker, incarnation, sequence)} when new; says what it was. */
    Verdict take(String worker, long incarnation, long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1, got " + sequence + " from " + worker);
        }
        Entry e = entries.get(worker);
        if (e == null || incarnation > e.incarnation()) {
            e = new Entry(incarnation, 0, new TreeSet<>());
        } else if (incarnation < e.incarnation()) {
            return Verdict.STALE;
        }
        if (sequence <= e.contiguous() || e.above().contains(sequence)) {
            return Verdict.DUPLICATE;
        }
        long contiguous = e.contiguous();
        TreeSet<Long> above = e.above();
        if (sequence == contiguous + 1) {
            contiguous++;
            while (!above.isEmpty() && above.first() == contiguous + 1) {
                contiguous = above.pollFirst();
            }
        } else {
            above.add(sequence);
        }
        entries.put(worker, new Entry(incarnation, contiguous, above));
        return Verdict.NEW;
    }

    /** The highest sequence number up to which every batch of this incarnation is held (0 for none). */
    long contiguous(String worker, long incarnation) {
        Entry e = entries.get(worker);
        return e != null && e.incarnation() == incarnation ? e.contiguous() : 0;
    }

    /** For a checkpoint: worker -> [incarnation, contiguous, taken above...]. */
    Map<String, long[]> state() {
        Map<String, long[]> out = new LinkedHashMap<>();
        entries.forEach((w, e) -> {
            long[] row = new long[2 + e.above().size()];
            row[0] = e.incarnation();
            row[1] = e.contiguous();
            int i = 2;
            for (long s : e.above()) {
                row[i++] = s;
            }
            out.put(w, row);
        });
        return out;
    }

    /** Replaces the contents with a {@link #state()}. */
    void load(Map<String, long[]> state) {
        entries.clear();
        state.forEach((w, row) -> {
            if (row.length < 2 || row[1] < 0) {
                throw new IllegalArgumentException("sequence ledger row of worker " + w + " is " + Arrays.toString(row)
                        + "; expected [incarnation, contiguous >= 0, above...]");
            }
            TreeSet<Long> above = new TreeSet<>();
            for (int i = 2; i < row.length; i++) {
                above.add(row[i]);
            }
            entries.put(w, new Entry(row[0], row[1], above));
        });
    }

    /** {@link #state()} as JSON, for checkpoint metadata. */
    String json() {
        try {
            return JSON.writeValueAsString(state());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the sequence ledger: " + e.getMessage(), e);
        }
    }

    /** Replaces the contents with what {@link #json()} wrote. */
    void loadJson(String json) {
        try {
            load(JSON.readValue(json, new TypeReference<LinkedHashMap<String, long[]>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("sequence ledger is not the expected JSON {worker: [incarnation, "
                    + "contiguous, ...]}: " + e.getOriginalMessage(), e);
        }
    }
}
