package dev.javelin.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.javelin.nn.Activation;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policies of a Dict observation: per-key ONNX inputs, Policy.act on a Map, the keys in the files, bad keys named. */
class DictPolicyTest {
    static final List<PolicySpec.ObservationKey> KEYS = List.of(new PolicySpec.ObservationKey("achieved_goal", 3),
            new PolicySpec.ObservationKey("desired_goal", 3), new PolicySpec.ObservationKey("observation", 10));

    @TempDir
    Path dir;

    /** A random 16-input SAC-like policy with a scaler whose info names the keys. */
    static PolicySpec spec() {
        PolicySpec flat = Specs.spec(16, List.of(32, 32), 4, Activation.RELU, new PolicySpec.TanhRescale(
                new float[] {-1, -1, -1, -1}, new float[] {1, 1, 1, 1}), true, 5);
        Map<String, String> info = new LinkedHashMap<>(flat.info());
        info.put(PolicySpec.OBSERVATION_KEYS, PolicySpec.ObservationKey.encode(KEYS));
        return new PolicySpec(flat.scaler(), flat.layers(), flat.head(), info);
    }

    /** Row r of key k: the columns of the flat rows where k's entry sits (offsets 0, 3, 6). */
    static Map<String, float[]> split(float[] flat, int n) {
        Map<String, float[]> out = new LinkedHashMap<>();
        int offset = 0;
        for (PolicySpec.ObservationKey k : KEYS) {
            float[] v = new float[n * k.size()];
            for (int r = 0; r < n; r++) {
                System.arraycopy(flat, r * 16 + offset, v, r * k.size(), k.size());
            }
            out.put(k.name(), v);
            offset += k.size();
        }
        return out;
    }

    @Test
    void actOnAMapEqualsActOnTheKeysConcatenatedInOrder() {
        Policy policy = Policy.of(spec());
        float[] x = Specs.observations(300, 16, 3);
        Map<String, float[]> dict = split(x, 300);
        assertArrayEquals(policy.act(x, 300), policy.act(dict, 300));
        // one observation, in a map ordered otherwise and typed as an env's Map<String, Object>
        Map<String, Object> one = new HashMap<>();
        dict.forEach((k, v) -> one.put(k, Arrays.copyOfRange(v, 0, v.length / 300)));
        assertArrayEquals(policy.act(Arrays.copyOfRange(x, 0, 16)), policy.act(one));
    }

    @Test
    void onnxTakesOneInputPerKeyAndActsAsThePolicy() throws Exception {
        PolicySpec spec = spec();
        Path file = dir.resolve("dict.onnx");
        OnnxPolicy.write(spec, file);
        int n = 300;
        float[] x = Specs.observations(n, 16, 4);
        Map<String, float[]> dict = split(x, n);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(file.toString(), new OrtSession.SessionOptions())) {
            assertEquals(List.of("achieved_goal", "desired_goal", "observation"), new ArrayList<>(s.getInputNames()));
            for (PolicySpec.ObservationKey k : KEYS) {
                TensorInfo info = (TensorInfo) s.getInputInfo().get(k.name()).getInfo();
                assertEquals(OnnxJavaType.FLOAT, info.type);
                assertArrayEquals(new long[] {-1, k.size()}, info.getShape());
            }
            Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
            try {
                for (PolicySpec.ObservationKey k : KEYS) {
                    inputs.put(k.name(), OnnxTensor.createTensor(env, FloatBuffer.wrap(dict.get(k.name())),
                            new long[] {n, k.size()}));
                }
                try (OrtSession.Result result = s.run(inputs)) {
                    FloatBuffer b = ((OnnxTensor) result.get(OnnxPolicy.OUTPUT).orElseThrow()).getFloatBuffer();
                    float[] ort = new float[b.remaining()];
                    b.get(ort);
                    double diff = Ort.maxAbsDiff(Policy.of(spec).act(x, n), ort);
                    assertTrue(diff <= 1e-5, "ONNX Runtime differs by " + diff);
                }
                assertEquals(PolicySpec.ObservationKey.encode(KEYS),
                        s.getMetadata().getCustomMetadata().get(PolicySpec.OBSERVATION_KEYS));
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }

    @Test
    void bothFilesKeepTheKeys() {
        PolicySpec spec = spec();
        Path onnx = dir.resolve("p.onnx");
        Path st = dir.resolve("p.safetensors");
        OnnxPolicy.write(spec, onnx);
        PolicyFile.write(spec, st);
        float[] x = Specs.observations(30, 16, 6);
        for (Path p : List.of(onnx, st)) {
            Policy loaded = Policy.load(p);
            assertEquals(KEYS, loaded.spec().observationKeys(), p.toString());
            assertArrayEquals(Policy.of(spec).act(x, 30), loaded.act(split(x, 30), 30), p.toString());
        }
    }

    @Test
    void badDictObservationsAreRejectedNamingTheKey() {
        Policy policy = Policy.of(spec());
        Map<String, Object> ok = new HashMap<>(Map.of("achieved_goal", new float[3], "desired_goal", new float[3],
                "observation", new float[10]));

        Map<String, Object> missing = new HashMap<>(ok);
        missing.remove("desired_goal");
        String m = assertThrows(IllegalArgumentException.class, () -> policy.act(missing)).getMessage();
        assertTrue(m.contains("no key 'desired_goal'") && m.contains("achieved_goal[3], desired_goal[3], observation[10]"), m);

        Map<String, Object> wrongSize = new HashMap<>(ok);
        wrongSize.put("observation", new float[9]);
        m = assertThrows(IllegalArgumentException.class, () -> policy.act(wrongSize)).getMessage();
        assertTrue(m.contains("key 'observation' is 9 floats") && m.contains("expected float[10]"), m);

        Map<String, Object> wrongType = new HashMap<>(ok);
        wrongType.put("achieved_goal", new double[3]);
        m = assertThrows(IllegalArgumentException.class, () -> policy.act(wrongType)).getMessage();
        assertTrue(m.contains("key 'achieved_goal' is a double[]") && m.contains("expected float[3]"), m);

        Map<String, Object> extra = new HashMap<>(ok);
        extra.put("goal", new float[3]);
        m = assertThrows(IllegalArgumentException.class, () -> policy.act(extra)).getMessage();
        assertTrue(m.contains("unexpected key 'goal'"), m);

        m = assertThrows(IllegalArgumentException.class, () -> policy.act(ok, 2)).getMessage();
        assertTrue(m.contains("key 'achieved_goal' is 3 floats for 2 observations, expected float[6]"), m);

        Policy flat = Policy.of(Specs.spec(16, List.of(8), 4, Activation.TANH, new PolicySpec.Clip(
                new float[] {-1, -1, -1, -1}, new float[] {1, 1, 1, 1}), false, 1));
        m = assertThrows(IllegalArgumentException.class, () -> flat.act(ok)).getMessage();
        assertTrue(m.contains("flat observation of 16 floats, not a Dict"), m);
    }

    @Test
    void badObservationKeysAreRejected() {
        PolicySpec good = spec();
        Map<String, String> info = new LinkedHashMap<>(good.info());
        info.put(PolicySpec.OBSERVATION_KEYS, "achieved_goal:3,desired_goal:3,observation:9");
        String m = assertThrows(IllegalArgumentException.class,
                () -> new PolicySpec(good.scaler(), good.layers(), good.head(), info)).getMessage();
        assertTrue(m.contains("add up to 15 floats, the first layer takes 16"), m);
        for (String bad : List.of("a:3,a:13", "a:3,b", "a:0,b:16", "a:x,b:13")) {
            info.put(PolicySpec.OBSERVATION_KEYS, bad);
            m = assertThrows(IllegalArgumentException.class,
                    () -> new PolicySpec(good.scaler(), good.layers(), good.head(), info)).getMessage();
            assertTrue(m.contains("'" + bad + "'"), m);
        }
        m = assertThrows(IllegalArgumentException.class, () -> new PolicySpec.ObservationKey("a,b", 3)).getMessage();
        assertTrue(m.contains("key 'a,b'"), m);
        // a key may not name an input the same as one of the graph's tensors
        info.put(PolicySpec.OBSERVATION_KEYS, "net.0.weight:3,desired_goal:3,observation:10");
        PolicySpec clash = new PolicySpec(good.scaler(), good.layers(), good.head(), info);
        m = assertThrows(IllegalArgumentException.class, () -> OnnxPolicy.model(clash)).getMessage();
        assertTrue(m.contains("observation key 'net.0.weight'"), m);
    }
}
