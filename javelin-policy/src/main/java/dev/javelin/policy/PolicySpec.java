package dev.javelin.policy;

import dev.javelin.nn.Activation;
import dev.javelin.tensor.io.TensorData;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deterministic policy as data, from a raw observation to the action the env takes: the observation scaler,
 * the MLP that computes the deterministic action (argmax logits, Gaussian mean or pre-tanh mean), and the head
 * that turns its output into an env action. Every algorithm's exporter produces one; {@link Policy} runs it, and
 * {@link PolicyFile} and {@link OnnxPolicy} store it.
 *
 * @param info what the policy is, as strings: {@link #ALGO}, {@link #ENV}, {@link #OBSERVATION_SPACE},
 *             {@link #ACTION_SPACE} (more keys are kept as they are)
 */
public record PolicySpec(Optional<Scaler> scaler, List<Layer> layers, Head head, Map<String, String> info) {
    public static final String ALGO = "algo";
    public static final String ENV = "env";
    public static final String OBSERVATION_SPACE = "observation_space";
    public static final String ACTION_SPACE = "action_space";

    public PolicySpec {
        layers = List.copyOf(layers);
        // insertion order kept, so exported files are the same bytes run after run
        info = Collections.unmodifiableMap(new LinkedHashMap<>(info));
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("PolicySpec: needs at least one layer, got none");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).in() != layers.get(i - 1).out()) {
                throw new IllegalArgumentException("PolicySpec: layer " + i + " takes " + layers.get(i).in()
                        + " inputs but layer " + (i - 1) + " gives " + layers.get(i - 1).out());
            }
        }
        int in = layers.getFirst().in();
        scaler.ifPresent(s -> {
            if (s.size() != in) {
                throw new IllegalArgumentException("PolicySpec: the scaler has " + s.size()
                        + " features, the first layer takes " + in);
            }
        });
        int out = layers.getLast().out();
        int bounds = switch (head) {
            case Argmax a -> out;
            case Clip c -> c.low.length;
            case TanhRescale t -> t.low.length;
        };
        if (bounds != out) {
            throw new IllegalArgumentException("PolicySpec: the " + head.name() + " head has " + bounds
                    + " bounds, the last layer gives " + out + " outputs");
        }
    }

    public int observationSize() {
        return layers.getFirst().in();
    }

    /** Floats per action: 1 for a discrete action (its value), else the Box's size. */
    public int actionSize() {
        return head instanceof Argmax ? 1 : layers.getLast().out();
    }

    /**
     * skrl's RunningStandardScaler at inference, {@code clip((x - mean) / scale, -clip, clip)}, with the scale
     * {@code sqrt(running_variance) + epsilon} already rounded to float as the scaler computes it.
     */
    public record Scaler(float[] mean, float[] scale, float clip) {
        public Scaler {
            mean = mean.clone();
            scale = scale.clone();
            if (mean.length == 0 || mean.length != scale.length) {
                throw new IllegalArgumentException("Scaler: mean has " + mean.length + " features, scale "
                        + scale.length + "; expected the same number >= 1");
            }
            for (float s : scale) {
                if (!(s > 0) || Float.isInfinite(s)) {
                    throw new IllegalArgumentException("Scaler: scales must be finite and > 0, got " + Arrays.toString(scale));
                }
            }
            if (!(clip > 0)) {
                throw new IllegalArgumentException("Scaler: clip must be > 0, got " + clip);
            }
        }

        public int size() {
            return mean.length;
        }

        @Override
        public float[] mean() {
            return mean.clone();
        }

        @Override
        public float[] scale() {
            return scale.clone();
        }
    }

    /** {@code activation(x W^T + b)} as torch.nn.Linear then the activation; weight {@code [out, in]}. */
    public record Layer(TensorData weight, float[] bias, Activation activation) {
        public Layer {
            bias = bias.clone();
            if (weight.shape().length != 2 || weight.shape()[0] != bias.length || bias.length == 0 || weight.shape()[1] == 0) {
                throw new IllegalArgumentException("Layer: weight " + Arrays.toString(weight.shape()) + " and bias ["
                        + bias.length + "], expected [out, in] and [out] with out, in >= 1");
            }
        }

        public int in() {
            return weight.shape()[1];
        }

        public int out() {
            return bias.length;
        }

        @Override
        public float[] bias() {
            return bias.clone();
        }
    }

    /** What turns the last layer's output into the env's action. */
    public sealed interface Head permits Argmax, Clip, TanhRescale {
        /** As stored in files: "argmax", "clip", "tanh_rescale". */
        String name();
    }

    /** A Discrete action: the index of the largest logit (the first of equal ones), plus the space's start. */
    public record Argmax(int start) implements Head {
        @Override
        public String name() {
            return "argmax";
        }

    }

    /** A Box action taken as it is (a Gaussian's mean), clipped into {@code [low, high]} as evaluation does. */
    public record Clip(float[] low, float[] high) implements Head {
        public Clip {
            low = low.clone();
            high = high.clone();
            checkBounds("Clip", low, high, false);
        }

        @Override
        public String name() {
            return "clip";
        }

        @Override
        public float[] low() {
            return low.clone();
        }

        @Override
        public float[] high() {
            return high.clone();
        }
    }

    /**
     * A tanh-squashed Box action (SAC, TD3): {@code tanh(x)} in [-1, 1] mapped affinely onto the bounded
     * {@code [low, high]}, as Gymnasium's RescaleAction; with {@code meanClip > 0}, x is first clipped to
     * [-meanClip, meanClip] (SAC with gSDE: SB3's Hardtanh on the mean).
     */
    public record TanhRescale(float[] low, float[] high, float meanClip) implements Head {
        public TanhRescale {
            low = low.clone();
            high = high.clone();
            checkBounds("TanhRescale", low, high, true);
            if (!(meanClip >= 0 && meanClip < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("TanhRescale: mean clip " + meanClip + " must be finite and >= 0 (0: none)");
            }
        }

        /** No clip before the tanh. */
        public TanhRescale(float[] low, float[] high) {
            this(low, high, 0);
        }

        @Override
        public String name() {
            return "tanh_rescale";
        }

        @Override
        public float[] low() {
            return low.clone();
        }

        @Override
        public float[] high() {
            return high.clone();
        }
    }

    private static void checkBounds(String head, float[] low, float[] high, boolean finite) {
        if (low.length == 0 || low.length != high.length) {
            throw new IllegalArgumentException(head + ": low has " + low.length + " bounds, high " + high.length
                    + "; expected the same number >= 1");
        }
        for (int i = 0; i < low.length; i++) {
            if (!(low[i] <= high[i]) || finite && (Float.isInfinite(low[i]) || Float.isInfinite(high[i]))) {
                throw new IllegalArgumentException(head + ": bound " + i + " is [" + low[i] + ", " + high[i]
                        + "], expected low <= high" + (finite ? ", both finite" : ""));
            }
        }
    }
}
