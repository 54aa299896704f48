package dev.javelin.rl.preprocess;

import dev.javelin.env.wrappers.RunningMeanStd;
import dev.javelin.tensor.Tensor;
import dev.javelin.tensor.io.Float64Data;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * skrl's {@code RunningStandardScaler}: standardizes inputs by a running mean and variance,
 * {@code clip((x - mean) / (sqrt(var) + epsilon), -clip_threshold, clip_threshold)}.
 *
 * <p>Statistics are kept in double, as skrl keeps them in float64; an update merges a batch's mean and
 * unbiased variance (times the batch size, as skrl weighs it) into them with Chan et al.'s parallel algorithm
 * ({@link RunningMeanStd#combine(double[], double[], double)}, the one implementation shared with Gymnasium's
 * wrappers), starting from skrl's prior of mean 0, variance 1, count 1. Inputs are rows of {@code size} floats
 * (the feature axis is last).
 */
public final class RunningStandardScaler {
    /** skrl's default epsilon. */
    public static final double DEFAULT_EPSILON = 1e-8;
    /** skrl's default clip threshold. */
    public static final double DEFAULT_CLIP_THRESHOLD = 5.0;
    /** The keys of skrl's {@code *_preprocessor_kwargs} for this preprocessor. */
    public static final List<String> KWARGS = List.of("clip_threshold", "epsilon");

    private final int size;
    private final double epsilon;
    private final double clipThreshold;
    private final RunningMeanStd stats;

    /** A scaler of {@code size} features with skrl's defaults. */
    public RunningStandardScaler(int size) {
        this(size, DEFAULT_EPSILON, DEFAULT_CLIP_THRESHOLD);
    }

    /** A scaler of {@code size} features: (x - mean) / (sqrt(var) + epsilon), clipped to +-{@code clipThreshold}. */
    public RunningStandardScaler(int size, double epsilon, double clipThreshold) {
        if (size < 1) {
            throw new IllegalArgumentException("RunningStandardScaler: size must be >= 1, got " + size);
        }
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("RunningStandardScaler: epsilon must be >= 0, got " + epsilon);
        }
        if (!(clipThreshold > 0)) {
            throw new IllegalArgumentException("RunningStandardScaler: clip_threshold must be > 0, got " + clipThreshold);
        }
        this.size = size;
        this.epsilon = epsilon;
        this.clipThreshold = clipThreshold;
        this.stats = new RunningMeanStd(size, 1);
    }

    /**
     * A scaler from skrl's preprocessor kwargs ({@code epsilon}, {@code clip_threshold}), each a number; an absent
     * one takes its default.
     */
    public static RunningStandardScaler fromKwargs(int size, Map<String, ?> kwargs) {
        kwargs.forEach((key, value) -> {
            if (!KWARGS.contains(key)) {
                throw new IllegalArgumentException("RunningStandardScaler: unknown kwarg '" + key + "'; expected one of "
                        + KWARGS);
            }
            if (!(value instanceof Number)) {
                throw new IllegalArgumentException("RunningStandardScaler: kwarg '" + key + "' must be a number, got "
                        + (value == null ? "null" : "'" + value + "' (" + value.getClass().getSimpleName() + ")"));
            }
        });
        return new RunningStandardScaler(size, number(kwargs, "epsilon", DEFAULT_EPSILON),
                number(kwargs, "clip_threshold", DEFAULT_CLIP_THRESHOLD));
    }

    private static double number(Map<String, ?> kwargs, String key, double defaultValue) {
        Object v = kwargs.get(key);
        return v == null ? defaultValue : ((Number) v).doubleValue();
    }

    /** The number of features. */
    public int size() {
        return size;
    }

    /** The epsilon added to the standard deviation. */
    public double epsilon() {
        return epsilon;
    }

    /** The bound of scaled values. */
    public double clipThreshold() {
        return clipThreshold;
    }

    /** Merges the first {@code rows} rows of {@code x} into the statistics (needs 2 rows for a variance). */
    public void update(float[] x, int rows) {
        checkRows(x, rows, "update");
        if (rows < 2) {
            throw new IllegalArgumentException("RunningStandardScaler: update needs >= 2 rows for an unbiased variance, got "
                    + rows);
        }
        merge(x, rows, rows - 1);
    }

    /**
     * Merges the first {@code rows} rows of {@code x} with their biased variance, as SB3's VecNormalize updates its
     * RunningMeanStd from every env step (np.var): one row is enough.
     */
    public void absorb(float[] x, int rows) {
        checkRows(x, rows, "absorb");
        if (rows < 1) {
            throw new IllegalArgumentException("RunningStandardScaler: absorb needs >= 1 row, got " + rows);
        }
        merge(x, rows, rows);
    }

    /** Chan et al.'s parallel merge of a batch whose variance divides its squared deviations by {@code divisor}. */
    private void merge(float[] x, int rows, int divisor) {
        double[] mean = new double[size];
        double[] m2 = new double[size];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < size; j++) {
                mean[j] += x[r * size + j];
            }
        }
        for (int j = 0; j < size; j++) {
            mean[j] /= rows;
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < size; j++) {
                double d = x[r * size + j] - mean[j];
                m2[j] += d * d;
            }
        }
        for (int j = 0; j < size; j++) {
            // skrl merges the unbiased batch variance weighted by the batch size, VecNormalize the biased one
            double batchVariance = m2[j] / divisor;
            m2[j] = batchVariance * rows;
        }
        stats.combine(mean, m2, rows);
    }

    /** Standardizes the first {@code rows} rows of {@code x} into {@code out} (may be the same array). */
    public void standardize(float[] x, float[] out, int rows) {
        checkRows(x, rows, "standardize");
        checkRows(out, rows, "standardize (output)");
        float[] mean = floatMean();
        float[] scale = floatScale();
        float clip = (float) clipThreshold;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < size; j++) {
                float v = (x[r * size + j] - mean[j]) / scale[j];
                out[r * size + j] = Math.min(Math.max(v, -clip), clip);
            }
        }
    }

    /** The mean standardization subtracts: skrl standardizes in float32 with the float32 cast of its float64 statistics. */
    public float[] floatMean() {
        float[] mean = new float[size];
        for (int j = 0; j < size; j++) {
            mean[j] = (float) stats.mean(j);
        }
        return mean;
    }

    /** What standardization divides by, {@code sqrt(var) + epsilon} in float32 as skrl computes it. */
    public float[] floatScale() {
        float[] scale = new float[size];
        for (int j = 0; j < size; j++) {
            scale[j] = (float) Math.sqrt((float) stats.var(j)) + (float) epsilon;
        }
        return scale;
    }

    /** The inverse map, {@code sqrt(var) * clip(x) + mean}: a standardized prediction back in data units. */
    public void inverse(float[] x, float[] out, int rows) {
        checkRows(x, rows, "inverse");
        checkRows(out, rows, "inverse (output)");
        float clip = (float) clipThreshold;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < size; j++) {
                float v = Math.min(Math.max(x[r * size + j], -clip), clip);
                out[r * size + j] = (float) Math.sqrt((float) stats.var(j)) * v + (float) stats.mean(j);
            }
        }
    }

    /** skrl's {@code forward(x, train)}: with {@code train} the statistics absorb {@code x} first. Not differentiable. */
    public Tensor apply(Tensor x, boolean train) {
        int rows = rowsOf(x);
        float[] data = x.data();
        if (train) {
            update(data, rows);
        }
        float[] out = new float[data.length];
        standardize(data, out, rows);
        return Tensor.of(out, x.shape());
    }

    /** Undoes the scaling as skrl does: clip(x) * sqrt(var) + mean. */
    public Tensor inverse(Tensor x) {
        int rows = rowsOf(x);
        float[] out = new float[x.size()];
        inverse(x.data(), out, rows);
        return Tensor.of(out, x.shape());
    }

    /** The running mean of feature {@code j}. */
    public double mean(int j) {
        return stats.mean(j);
    }

    /** The running variance of feature {@code j}. */
    public double variance(int j) {
        return stats.var(j);
    }

    /** The number of samples seen, starting from skrl's count of 1. */
    public double count() {
        return stats.count();
    }

    /** skrl's buffer names, as float64 copies (a checkpoint stores them as F64, so a resume is bit for bit). */
    public Map<String, Float64Data> state() {
        Map<String, Float64Data> s = new LinkedHashMap<>();
        double[] mean = new double[size];
        double[] variance = new double[size];
        for (int j = 0; j < size; j++) {
            mean[j] = stats.mean(j);
            variance[j] = stats.var(j);
        }
        s.put("running_mean", new Float64Data(new int[] {size}, mean));
        s.put("running_variance", new Float64Data(new int[] {size}, variance));
        s.put("current_count", new Float64Data(new int[0], new double[] {stats.count()}));
        return s;
    }

    /** Restores {@link #state()}; names and shapes must match exactly. */
    public void load(Map<String, Float64Data> state) {
        Map<String, int[]> expected = new LinkedHashMap<>();
        expected.put("running_mean", new int[] {size});
        expected.put("running_variance", new int[] {size});
        expected.put("current_count", new int[0]);
        if (!state.keySet().equals(expected.keySet())) {
            throw new IllegalArgumentException("RunningStandardScaler: state has " + state.keySet() + ", expected "
                    + expected.keySet());
        }
        expected.forEach((name, shape) -> {
            if (!Arrays.equals(state.get(name).shape(), shape)) {
                throw new IllegalArgumentException("RunningStandardScaler: '" + name + "' has shape "
                        + Arrays.toString(state.get(name).shape()) + ", expected " + Arrays.toString(shape));
            }
        });
        double count = state.get("current_count").data()[0];
        if (!(count > 0)) {
            throw new IllegalArgumentException("RunningStandardScaler: current_count must be > 0, got " + count);
        }
        stats.restore(state.get("running_mean").data(), state.get("running_variance").data(), count);
    }

    private int rowsOf(Tensor x) {
        if (x.rank() < 1 || x.dim(x.rank() - 1) != size) {
            throw new IllegalArgumentException("RunningStandardScaler: expected shape [..., " + size + "], got "
                    + Arrays.toString(x.shape()));
        }
        return x.size() / size;
    }

    private void checkRows(float[] x, int rows, String op) {
        if (rows < 0 || (long) rows * size > x.length) {
            throw new IllegalArgumentException("RunningStandardScaler." + op + ": " + rows + " rows of " + size
                    + " need " + (long) rows * size + " floats, the array has " + x.length);
        }
    }
}
