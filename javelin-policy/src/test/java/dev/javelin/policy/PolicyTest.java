package dev.javelin.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.nn.Activation;
import dev.javelin.tensor.io.SafeTensors;
import dev.javelin.tensor.io.TensorData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTest {
    @TempDir
    Path dir;

    static final float[] LOW = {-2f, -0.5f};
    static final float[] HIGH = {2f, 1.5f};

    /** The spec's meaning written out in double with java.lang.Math, independently of the engine. */
    static float[] reference(PolicySpec spec, float[] x, int n) {
        int d = spec.observationSize();
        float[] out = new float[n * spec.actionSize()];
        for (int r = 0; r < n; r++) {
            double[] h = new double[d];
            for (int j = 0; j < d; j++) {
                h[j] = x[r * d + j];
                if (spec.scaler().isPresent()) {
                    PolicySpec.Scaler s = spec.scaler().get();
                    h[j] = Math.min(Math.max((h[j] - s.mean()[j]) / s.scale()[j], -s.clip()), s.clip());
                }
            }
            for (PolicySpec.Layer l : spec.layers()) {
                double[] next = new double[l.out()];
                float[] w = l.weight().data();
                for (int o = 0; o < l.out(); o++) {
                    double z = l.bias()[o];
                    for (int i = 0; i < l.in(); i++) {
                        z += w[o * l.in() + i] * h[i];
                    }
                    next[o] = switch (l.activation()) {
                        case IDENTITY -> z;
                        case TANH -> Math.tanh(z);
                        case RELU -> Math.max(z, 0);
                        case ELU -> z > 0 ? z : Math.expm1(z);
                        case SIGMOID -> 1 / (1 + Math.exp(-z));
                        case SILU -> z / (1 + Math.exp(-z));
                        case SOFTPLUS -> z > 20 ? z : Math.log1p(Math.exp(z));
                    };
                }
                h = next;
            }
            switch (spec.head()) {
                case PolicySpec.Argmax a -> {
                    int best = 0;
                    for (int k = 1; k < h.length; k++) {
                        best = h[k] > h[best] ? k : best;
                    }
                    out[r] = a.start() + best;
                }
                case PolicySpec.Clip c -> {
                    for (int k = 0; k < h.length; k++) {
                        out[r * h.length + k] = (float) Math.min(Math.max(h[k], c.low()[k]), c.high()[k]);
                    }
                }
                case PolicySpec.TanhRescale t -> {
                    for (int k = 0; k < h.length; k++) {
                        out[r * h.length + k] = (float) (t.low()[k] + (t.high()[k] - t.low()[k]) * (Math.tanh(h[k]) + 1) / 2);
                    }
                }
            }
        }
        return out;
    }

    static List<PolicySpec> every() {
        List<PolicySpec> specs = new ArrayList<>();
        long seed = 1;
        for (Activation a : Activation.values()) {
            specs.add(Specs.spec(4, List.of(64, 64), 3, a, new PolicySpec.Argmax(0), true, seed++));
            specs.add(Specs.spec(4, List.of(32), 2, a, new PolicySpec.Clip(LOW, HIGH), true, seed++));
            specs.add(Specs.spec(4, List.of(32, 16), 2, a, new PolicySpec.TanhRescale(LOW, HIGH), true, seed++));
        }
        specs.add(Specs.spec(3, List.of(), 5, Activation.TANH, new PolicySpec.Argmax(-2), false, seed++));
        specs.add(Specs.spec(3, List.of(8), 2, Activation.RELU, new PolicySpec.TanhRescale(LOW, HIGH), false, seed));
        return specs;
    }

    @Test
    void actsAsTheSpecSaysForEveryActivationAndHead() {
        for (PolicySpec spec : every()) {
            Policy p = Policy.of(spec);
            int n = 300;
            // without a scaler the huge rows would make float and double disagree by more than rounding
            float[] x = spec.scaler().isPresent() ? Specs.observations(n, spec.observationSize(), 7)
                    : Specs.observations(n, spec.observationSize(), 7).clone();
            if (spec.scaler().isEmpty()) {
                for (int i = 0; i < x.length; i++) {
                    x[i] = Math.max(-3, Math.min(3, x[i]));
                }
            }
            float[] expected = reference(spec, x, n);
            float[] actual = p.act(x, n);
            int mismatched = 0;
            for (int i = 0; i < actual.length; i++) {
                mismatched += Math.abs(actual[i] - expected[i]) <= 1e-5 * Math.max(1, Math.abs(expected[i])) ? 0 : 1;
            }
            assertEquals(0, mismatched, spec.head() + " " + spec.layers().getFirst().activation() + ": "
                    + Ort.maxAbsDiff(actual, expected));
        }
    }

    @Test
    void oneObservationAtATimeGivesTheBatchsRows() {
        PolicySpec spec = Specs.spec(4, List.of(64, 64), 2, Activation.TANH, new PolicySpec.TanhRescale(LOW, HIGH), true, 3);
        Policy p = Policy.of(spec);
        float[] x = Specs.observations(50, 4, 1);
        float[] batch = p.act(x, 50);
        for (int r = 0; r < 50; r++) {
            float[] one = p.act(Arrays.copyOfRange(x, r * 4, r * 4 + 4));
            assertArrayEquals(Arrays.copyOfRange(batch, r * 2, r * 2 + 2), one, 1e-6f, "row " + r);
        }
    }

    @Test
    void threadsSharingOnePolicyGetWhatOneThreadGets() throws Exception {
        Policy p = Policy.of(Specs.spec(4, List.of(64, 64), 3, Activation.TANH, new PolicySpec.Argmax(0), true, 5));
        float[] x = Specs.observations(400, 4, 2);
        float[] expected = new float[400];
        for (int r = 0; r < 400; r++) {
            expected[r] = p.act(Arrays.copyOfRange(x, r * 4, r * 4 + 4))[0];
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    float[] got = new float[400];
                    for (int rep = 0; rep < 20; rep++) {
                        for (int r = 0; r < 400; r++) {
                            got[r] = p.act(Arrays.copyOfRange(x, r * 4, r * 4 + 4))[0];
                        }
                    }
                    return got;
                }));
            }
            for (Future<float[]> f : results) {
                assertArrayEquals(expected, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aPolicyFileReadsBackToTheSameActions() {
        for (PolicySpec spec : every()) {
            Path file = dir.resolve("policy.safetensors");
            PolicyFile.write(spec, file);
            Policy back = Policy.load(file);
            float[] x = Specs.observations(100, spec.observationSize(), 9);
            assertArrayEquals(Policy.of(spec).act(x, 100), back.act(x, 100));
            assertEquals(spec.info().get(PolicySpec.ENV), back.spec().info().get(PolicySpec.ENV));
            assertEquals(PolicyTensors.javelinVersion(), back.spec().info().get(PolicyTensors.VERSION));
        }
    }

    @Test
    void thePolicyFileHoldsTheMlpUnderSequentialNames() throws Exception {
        PolicySpec spec = Specs.spec(4, List.of(64, 64), 2, Activation.TANH, new PolicySpec.Clip(LOW, HIGH), true, 3);
        Path file = dir.resolve("policy.safetensors");
        PolicyFile.write(spec, file);
        Map<String, TensorData> t = SafeTensors.readFile(file).tensors();
        assertEquals(List.of("observation_mean", "observation_scale", "net.0.weight", "net.0.bias", "net.2.weight",
                "net.2.bias", "net.4.weight", "net.4.bias", "action_low", "action_high"), List.copyOf(t.keySet()));
        assertArrayEquals(new int[] {64, 4}, t.get("net.0.weight").shape());
        assertEquals("tanh,tanh,identity", SafeTensors.readFile(file).metadata().get("activations"));
    }

    @Test
    void badInputIsNamed() throws Exception {
        Policy p = Policy.of(Specs.spec(4, List.of(8), 2, Activation.TANH, new PolicySpec.Clip(LOW, HIGH), true, 3));
        var e = assertThrows(IllegalArgumentException.class, () -> p.act(new float[3]));
        assertTrue(e.getMessage().contains("3 floats for 1 observations") && e.getMessage().contains("4 per observation"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Policy.load(dir.resolve("missing.onnx")));
        assertTrue(e.getMessage().contains("missing.onnx does not exist"), e.getMessage());
        Path text = dir.resolve("policy.txt");
        java.nio.file.Files.writeString(text, "x");
        e = assertThrows(IllegalArgumentException.class, () -> Policy.load(text));
        assertTrue(e.getMessage().contains("expected a .onnx file"), e.getMessage());
        // a safetensors file without the policy marker is a training checkpoint: javelin-rl reads those, absent here
        Path checkpoint = dir.resolve("agent_100.safetensors");
        SafeTensors.writeArrays(checkpoint, Map.of("policy.0.weight", new TensorData(new int[] {1}, new float[1])),
                Map.of("javelin.groups", "policy"));
        e = assertThrows(IllegalArgumentException.class, () -> Policy.load(checkpoint));
        assertTrue(e.getMessage().contains("needs javelin-rl on the class path"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PolicySpec.Clip(new float[] {1}, new float[] {0}));
        assertTrue(e.getMessage().contains("bound 0 is [1.0, 0.0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Specs.spec(4, List.of(8), 3, Activation.TANH,
                new PolicySpec.Clip(LOW, HIGH), true, 3));
        assertTrue(e.getMessage().contains("clip head has 2 bounds, the last layer gives 3"), e.getMessage());
    }
}
