package dev.javelin.rl.memory;

import dev.javelin.rl.run.AtomicFiles;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import dev.javelin.tensor.io.SafeTensors;
import dev.javelin.tensor.io.SafeTensorsFile;
import dev.javelin.tensor.io.TensorData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Transitions recorded elsewhere (an expert, a scripted controller, {@code javelin eval --record-demos})
 * that an off-policy learner mixes into every batch, as in SAC from demonstrations (Vecerik et al. 2017's
 * DDPGfD, Nair et al. 2018): a fixed fraction {@code ratio} of each batch comes from here, the rest from
 * the replay buffer.
 *
 * <p>Files: safetensors with tensors {@code state [N, S]}, {@code action [N, A]}, {@code reward [N]},
 * {@code next_state [N, S]}, {@code done [N]}; or CSV with a header
 * {@code state_0..state_{S-1}, action_0..action_{A-1}, reward, next_state_0..next_state_{S-1}, done}.
 * Actions are in the policy's range ([-1, 1] for SAC, before RescaleAction); {@code done} is 1 only
 * when the episode terminated (a time limit is 0, so it bootstraps).
 */
public final class Demonstrations {
    private final Transitions transitions;
    private final double ratio;

    /** Mixes {@code transitions} into each batch at the fraction {@code ratio}; an empty set is rejected. */
    public Demonstrations(Transitions transitions, double ratio) {
        if (transitions.size() == 0) {
            throw new IllegalArgumentException("Demonstrations: no transitions");
        }
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("Demonstrations: ratio must be in [0, 1], got " + ratio);
        }
        this.transitions = transitions;
        this.ratio = ratio;
    }

    /** The transitions. */
    public Transitions transitions() {
        return transitions;
    }

    /** The fraction of each batch drawn from them. */
    public double ratio() {
        return ratio;
    }

    /** The number of transitions. */
    public int size() {
        return transitions.size();
    }

    /** Demonstration rows in a batch of {@code batchSize}: round(ratio * batchSize). */
    public int rowsIn(int batchSize) {
        return (int) Math.round(ratio * batchSize);
    }

    /** A batch of {@code batchSize}: {@link #rowsIn} uniform demonstration rows after the replay rows. */
    public Transitions mix(ReplayBuffer replay, int batchSize, Rng rng) {
        int k = rowsIn(batchSize);
        return Transitions.concat(replay.sample(batchSize - k, rng), sample(k, rng));
    }

    /** {@code n} rows drawn uniformly with replacement. */
    public Transitions sample(int n, Rng rng) {
        Transitions t = transitions;
        int s = t.stateDim();
        int a = t.actionDim();
        float[] st = new float[n * s];
        float[] ac = new float[n * a];
        float[] r = new float[n];
        float[] s2 = new float[n * s];
        float[] d = new float[n];
        for (int k = 0; k < n; k++) {
            int i = rng.nextInt(t.size());
            System.arraycopy(t.states(), i * s, st, k * s, s);
            System.arraycopy(t.actions(), i * a, ac, k * a, a);
            r[k] = t.rewards()[i];
            System.arraycopy(t.nextStates(), i * s, s2, k * s, s);
            d[k] = t.dones()[i];
        }
        return new Transitions(n, s, a, st, ac, r, s2, d);
    }

    /** Reads a {@code .safetensors} or {@code .csv} file (by extension). */
    public static Transitions read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".safetensors")) {
                return readSafeTensors(file);
            }
            if (name.endsWith(".csv")) {
                return readCsv(file);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("demonstrations file " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demonstrations " + file + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("demonstrations file " + file + ": expected a .safetensors or .csv file");
    }

    /** Writes atomically as {@code .safetensors} or {@code .csv} (by extension). */
    public static void write(Path file, Transitions t) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".safetensors")) {
            Map<String, TensorData> tensors = new LinkedHashMap<>();
            tensors.put("state", new TensorData(new int[] {t.size(), t.stateDim()}, t.states()));
            tensors.put("action", new TensorData(new int[] {t.size(), t.actionDim()}, t.actions()));
            tensors.put("reward", new TensorData(new int[] {t.size()}, t.rewards()));
            tensors.put("next_state", new TensorData(new int[] {t.size(), t.stateDim()}, t.nextStates()));
            tensors.put("done", new TensorData(new int[] {t.size()}, t.dones()));
            try {
                SafeTensors.writeArrays(file, tensors, Map.of("format", "javelin-demonstrations"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write demonstrations " + file + ": " + e.getMessage(), e);
            }
        } else if (name.endsWith(".csv")) {
            AtomicFiles.write(file, w -> {
                w.write(String.join(",", header(t.stateDim(), t.actionDim())));
                w.write('\n');
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < t.size(); i++) {
                    line.setLength(0);
                    append(line, t.states(), i * t.stateDim(), t.stateDim());
                    append(line, t.actions(), i * t.actionDim(), t.actionDim());
                    append(line, t.rewards(), i, 1);
                    append(line, t.nextStates(), i * t.stateDim(), t.stateDim());
                    append(line, t.dones(), i, 1);
                    line.setCharAt(line.length() - 1, '\n');
                    w.write(line.toString());
                }
            });
        } else {
            throw new IllegalArgumentException("demonstrations file " + file + ": expected a .safetensors or .csv file");
        }
    }

    // Float.toString is the shortest text that reads back to the same float
    private static void append(StringBuilder line, float[] values, int from, int count) {
        for (int j = 0; j < count; j++) {
            line.append(values[from + j]).append(',');
        }
    }

    private static List<String> header(int stateDim, int actionDim) {
        List<String> h = new ArrayList<>();
        for (int j = 0; j < stateDim; j++) {
            h.add("state_" + j);
        }
        for (int j = 0; j < actionDim; j++) {
            h.add("action_" + j);
        }
        h.add("reward");
        for (int j = 0; j < stateDim; j++) {
            h.add("next_state_" + j);
        }
        h.add("done");
        return h;
    }

    private static Transitions readSafeTensors(Path file) throws IOException {
        SafeTensorsFile f = SafeTensors.readFile(file);
        for (String key : new String[] {"state", "action", "reward", "next_state", "done"}) {
            if (!f.tensors().containsKey(key)) {
                throw new IllegalArgumentException("demonstrations " + file + ": missing tensor '" + key
                        + "'; expected state, action, reward, next_state, done; has " + f.tensors().keySet());
            }
        }
        int[] s = f.tensors().get("state").shape();
        int[] a = f.tensors().get("action").shape();
        if (s.length != 2 || a.length != 2) {
            throw new IllegalArgumentException("demonstrations " + file + ": state " + java.util.Arrays.toString(s)
                    + " and action " + java.util.Arrays.toString(a) + " must be [N, dim]");
        }
        int n = s[0];
        try {
            return new Transitions(n, s[1], a[1], f.tensors().get("state").data(), f.tensors().get("action").data(),
                    f.tensors().get("reward").data(), f.tensors().get("next_state").data(),
                    f.tensors().get("done").data());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("demonstrations " + file + ": " + e.getMessage(), e);
        }
    }

    private static Transitions readCsv(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) {
                throw new IllegalArgumentException("demonstrations " + file + " is empty: expected a header line");
            }
            String[] cols = first.strip().split(",", -1);
            int stateDim = count(cols, "state_");
            int actionDim = count(cols, "action_");
            List<String> expected = header(stateDim, actionDim);
            if (stateDim == 0 || actionDim == 0 || !expected.equals(List.of(cols).stream().map(String::strip).toList())) {
                throw new IllegalArgumentException("demonstrations " + file + ": header '" + first
                        + "', expected state_0.., action_0.., reward, next_state_0.., done");
            }
            List<float[]> rows = new ArrayList<>();
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != cols.length) {
                    throw new IllegalArgumentException("demonstrations " + file + " line " + lineNo + ": " + f.length
                            + " values, expected " + cols.length);
                }
                float[] row = new float[f.length];
                for (int j = 0; j < f.length; j++) {
                    try {
                        row[j] = Float.parseFloat(f[j].strip());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("demonstrations " + file + " line " + lineNo + ", column "
                                + cols[j] + ": '" + f[j] + "' is not a number");
                    }
                }
                rows.add(row);
            }
            int n = rows.size();
            float[] st = new float[n * stateDim];
            float[] ac = new float[n * actionDim];
            float[] r = new float[n];
            float[] s2 = new float[n * stateDim];
            float[] d = new float[n];
            for (int i = 0; i < n; i++) {
                float[] row = rows.get(i);
                System.arraycopy(row, 0, st, i * stateDim, stateDim);
                System.arraycopy(row, stateDim, ac, i * actionDim, actionDim);
                r[i] = row[stateDim + actionDim];
                System.arraycopy(row, stateDim + actionDim + 1, s2, i * stateDim, stateDim);
                d[i] = row[2 * stateDim + actionDim + 1];
            }
            return new Transitions(n, stateDim, actionDim, st, ac, r, s2, d);
        }
    }

    private static int count(String[] cols, String prefix) {
        int n = 0;
        for (String c : cols) {
            if (c.strip().startsWith(prefix)) {
                n++;
            }
        }
        return n;
    }
}
