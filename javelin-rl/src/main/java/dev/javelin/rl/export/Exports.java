package dev.javelin.rl.export;

import dev.javelin.env.Box;
import dev.javelin.env.Dict;
import dev.javelin.env.Discrete;
import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.Space;
import dev.javelin.env.wrappers.FlattenDictObservation;
import dev.javelin.nn.Activation;
import dev.javelin.policy.PolicySpec;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.preprocess.RunningStandardScaler;
import dev.javelin.tensor.Tensor;
import dev.javelin.tensor.io.TensorData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the exporters share: reading layers and a scaler from a checkpoint, the env's spaces, the info. */
public final class Exports {
    private Exports() {
    }

    /**
     * The spaces of {@code envId}, built once with the run's env options.
     *
     * @param observations     what the networks take: the env's Box, or its Dict of Boxes flattened as
     *                         {@link FlattenDictObservation} flattens it for training and evaluation
     * @param actions          the env's action space
     * @param envObservations  the env's own observation space (the Dict, for a goal env)
     * @param observationKeys  a Dict's keys and sizes in concatenation order; empty for a Box
     */
    public record Spaces(Box observations, Space<?> actions, Space<?> envObservations,
            List<PolicySpec.ObservationKey> observationKeys) {
        public Spaces {
            observationKeys = List.copyOf(observationKeys);
        }
    }

    /** The spaces, a Dict observation of Box entries flattened as the algorithms see it (see {@link Spaces}). */
    public static Spaces spaces(String envId, Map<String, Object> envKwargs) {
        try (Env<?, ?> env = Envs.make(envId, envKwargs)) {
            return switch (env.observationSpace()) {
                case Box box -> new Spaces(box, env.actionSpace(), box, List.of());
                case Dict dict -> {
                    // the wrapper is a view of env, closed with it; its constructor rejects a non-Box entry by key
                    FlattenDictObservation<?> flat = new FlattenDictObservation<>(Envs.cast(env));
                    yield new Spaces(flat.observationSpace(), env.actionSpace(), dict, flat.keys().stream()
                            .map(k -> new PolicySpec.ObservationKey(k, flat.size(k))).toList());
                }
                default -> throw new IllegalArgumentException("export needs a Box observation space or a Dict of Box "
                        + "spaces; " + envId + " has " + env.observationSpace());
            };
        }
    }

    /**
     * The linear layers {@code <prefix>.weight} / {@code <prefix>.bias} of {@code group} in order, each followed by
     * its activation; {@code outputs} keeps the first rows of the last layer (a Gaussian head whose second half is
     * the log-std), or all of them when it equals the layer's size.
     */
    public static List<PolicySpec.Layer> layers(Checkpoint checkpoint, String group, List<String> prefixes,
            List<Activation> activations, int outputs) {
        Map<String, Tensor> tensors = checkpoint.group(group);
        List<PolicySpec.Layer> layers = new ArrayList<>();
        for (int i = 0; i < prefixes.size(); i++) {
            Tensor w = tensor(tensors, group, prefixes.get(i) + ".weight");
            Tensor b = tensor(tensors, group, prefixes.get(i) + ".bias");
            if (w.rank() != 2 || b.rank() != 1 || b.dim(0) != w.dim(0)) {
                throw new IllegalArgumentException("checkpoint group '" + group + "': " + prefixes.get(i) + " has weight "
                        + Arrays.toString(w.shape()) + " and bias " + Arrays.toString(b.shape()) + ", expected [out, in] and [out]");
            }
            int rows = w.dim(0);
            if (i == prefixes.size() - 1 && outputs != rows) {
                if (outputs > rows) {
                    throw new IllegalArgumentException("checkpoint group '" + group + "': " + prefixes.get(i) + " has "
                            + rows + " outputs, the policy needs " + outputs);
                }
                rows = outputs;
            }
            float[] weight = Arrays.copyOf(w.data(), rows * w.dim(1));
            layers.add(new PolicySpec.Layer(new TensorData(new int[] {rows, w.dim(1)}, weight),
                    Arrays.copyOf(b.data(), rows), activations.get(i)));
        }
        return layers;
    }

    /** Sequential indexes {@code <prefix>.0, <prefix>.2, ...} of an Mlp with {@code count} linear layers. */
    public static List<String> mlp(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + "." + 2 * i);
        }
        return names;
    }

    /** {@code count} layers: the activation after each but the last. */
    public static List<Activation> hiddenThenLinear(Activation activation, int count) {
        List<Activation> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(i < count - 1 ? activation : Activation.IDENTITY);
        }
        return out;
    }

    /** The checkpoint's scaler statistics as evaluation applies them, when the run has a state preprocessor. */
    public static Optional<PolicySpec.Scaler> scaler(Checkpoint checkpoint, Optional<RunningStandardScaler> configured) {
        return configured.map(s -> {
            s.load(checkpoint.float64Group("state_preprocessor"));
            return new PolicySpec.Scaler(s.floatMean(), s.floatScale(), (float) s.clipThreshold());
        });
    }

    /** Argmax for a Discrete space, the box's clip for a Box (as evaluation clips a Gaussian's mean). */
    public static PolicySpec.Head head(Space<?> actions, String envId) {
        return switch (actions) {
            case Discrete d -> new PolicySpec.Argmax(d.start());
            case Box b -> new PolicySpec.Clip(bounds(b, true), bounds(b, false));
            default -> throw new IllegalArgumentException("export supports Discrete and Box action spaces; " + envId
                    + " has " + actions);
        };
    }

    /** A bounded box's tanh squashing and rescaling (SAC, TD3). */
    public static PolicySpec.Head squashed(Space<?> actions, String envId) {
        if (!(actions instanceof Box b) || !b.isBounded()) {
            throw new IllegalArgumentException("a tanh-squashed policy needs a bounded Box action space; " + envId
                    + " has " + actions);
        }
        return new PolicySpec.TanhRescale(bounds(b, true), bounds(b, false));
    }

    /**
     * The policy's info: algorithm, env, the env's spaces and, for a Dict observation, its keys and sizes
     * ({@link PolicySpec#OBSERVATION_KEYS}), which give the exported files their per-key inputs.
     */
    public static Map<String, String> info(String algo, String envId, Spaces spaces) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put(PolicySpec.ALGO, algo);
        info.put(PolicySpec.ENV, envId);
        info.put(PolicySpec.OBSERVATION_SPACE, spaces.envObservations().toString());
        info.put(PolicySpec.ACTION_SPACE, spaces.actions().toString());
        if (!spaces.observationKeys().isEmpty()) {
            info.put(PolicySpec.OBSERVATION_KEYS, PolicySpec.ObservationKey.encode(spaces.observationKeys()));
        }
        return info;
    }

    private static float[] bounds(Box b, boolean low) {
        float[] out = new float[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = low ? b.low(i) : b.high(i);
        }
        return out;
    }

    private static Tensor tensor(Map<String, Tensor> tensors, String group, String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("checkpoint group '" + group + "' has no '" + name + "'; it has "
                    + tensors.keySet());
        }
        return t;
    }
}
