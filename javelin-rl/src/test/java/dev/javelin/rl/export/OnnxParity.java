package dev.javelin.rl.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.javelin.env.Box;
import dev.javelin.env.Discrete;
import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.Space;
import dev.javelin.env.Step;
import dev.javelin.policy.OnnxPolicy;
import dev.javelin.policy.Policy;
import dev.javelin.policy.PolicySpec;
import dev.javelin.tensor.Rng;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Issue 18's check for an exported algorithm: on 1,000 observations from the env (a third as visited, a third
 * 100x as large, a third at +-1e4, far outside any scaler's range), ONNX Runtime's actions equal Javelin's
 * deterministic actions within 1e-5, and {@link Policy#load} of the run gives Javelin's actions bit for bit.
 */
public final class OnnxParity {
    public static final int OBSERVATIONS = 1000;

    private OnnxParity() {
    }

    /**
     * @param javelin the algorithm's own deterministic action for one observation, as the env receives it (a Discrete
     *                action as its value)
     * @return ONNX Runtime's largest absolute difference
     */
    public static double check(Path run, String envId, UnaryOperator<float[]> javelin, Path dir) throws Exception {
        PolicySpec spec = new RunPolicies().read(run);
        Path onnx = dir.resolve("policy.onnx");
        OnnxPolicy.write(spec, onnx);
        int d = spec.observationSize();
        float[] x = observations(envId, OBSERVATIONS, 17);
        float[] expected = new float[OBSERVATIONS * spec.actionSize()];
        for (int r = 0; r < OBSERVATIONS; r++) {
            float[] a = javelin.apply(Arrays.copyOfRange(x, r * d, r * d + d));
            System.arraycopy(a, 0, expected, r * a.length, a.length);
        }
        float[] ort = ort(onnx, x, OBSERVATIONS);
        double diff = maxAbsDiff(expected, ort);
        assertTrue(diff <= 1e-5, envId + ": ONNX Runtime differs from Javelin by " + diff);

        Policy loaded = Policy.load(run);
        for (int r = 0; r < OBSERVATIONS; r++) {
            float[] a = loaded.act(Arrays.copyOfRange(x, r * d, r * d + d));
            assertArrayEquals(Arrays.copyOfRange(expected, r * a.length, r * a.length + a.length), a,
                    "Policy.load(run) row " + r);
        }
        return diff;
    }

    /** The env's action for an agent's deterministic output: index + start, or the vector clipped into the box. */
    public static float[] envAction(Space<?> space, float[] action) {
        return switch (space) {
            case Discrete d -> new float[] {d.start() + (int) action[0]};
            case Box b -> {
                float[] clipped = new float[b.size()];
                for (int i = 0; i < clipped.length; i++) {
                    clipped[i] = Math.min(Math.max(action[i], b.low(i)), b.high(i));
                }
                yield clipped;
            }
            default -> throw new IllegalArgumentException("unexpected action space " + space);
        };
    }

    /** Observations of random-action episodes, every second and third row of three blown up (see the class doc). */
    public static float[] observations(String envId, int n, long seed) {
        Rng rng = new Rng(seed);
        try (Env<float[], Object> env = Envs.cast(Envs.make(envId))) {
            int d = ((Box) env.observationSpace()).size();
            float[] x = new float[n * d];
            float[] obs = env.reset(seed).observation();
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < d; j++) {
                    float v = obs[j];
                    x[r * d + j] = r % 3 == 0 ? v : r % 3 == 1 ? 100 * v : (v < 0 ? -1e4f : 1e4f);
                }
                Space<?> space = env.actionSpace();
                Step<float[]> s = env.step(space instanceof Discrete k ? (Object) (k.start() + rng.nextInt(k.n()))
                        : ((Box) space).sample(rng));
                obs = s.done() ? env.reset().observation() : s.observation();
            }
            return x;
        }
    }

    public static float[] ort(Path model, float[] observations, int n) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model.toString(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(observations),
                     new long[] {n, observations.length / n});
             OrtSession.Result result = session.run(Map.of(OnnxPolicy.INPUT, input))) {
            OnnxTensor out = (OnnxTensor) result.get(OnnxPolicy.OUTPUT).orElseThrow();
            if (out.getInfo().type == ai.onnxruntime.OnnxJavaType.INT64) {
                LongBuffer b = out.getLongBuffer();
                float[] a = new float[b.remaining()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = b.get(i);
                }
                return a;
            }
            FloatBuffer b = out.getFloatBuffer();
            float[] a = new float[b.remaining()];
            b.get(a);
            return a;
        }
    }

    public static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths " + a.length + " and " + b.length);
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }
}
