package dev.javelin.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.javelin.cli.Benchmark;
import dev.javelin.nn.Activation;
import dev.javelin.policy.OnnxPolicy;
import dev.javelin.policy.Policy;
import dev.javelin.policy.PolicySpec;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.io.TensorData;
import java.io.PrintWriter;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Acting latency of an exported policy, one observation per call, median microseconds (EngineBench's harness):
 * {@code Policy.act} beside an ONNX Runtime session (1 intra-op thread) running the same policy's ONNX export, per
 * call input tensor, run and output read included. Two policies of a 64-64 tanh MLP with a state scaler: CartPole's
 * (4 inputs, 2 logits, argmax) and Pendulum's SAC (3 inputs, 1 tanh-rescaled action). {@code javelin bench policy}.
 */
public final class PolicyBench implements Benchmark {
    record Result(String policy, double javelinMicros, double onnxRuntimeMicros) {
    }

    @Override
    public String name() {
        return "policy";
    }

    @Override
    public String description() {
        return "acting latency of Policy.act and of ONNX Runtime on the same exported 64-64 MLP, one observation";
    }

    static PolicySpec spec(int in, int out, PolicySpec.Head head, long seed) {
        Rng rng = new Rng(seed);
        List<PolicySpec.Layer> layers = new ArrayList<>();
        int[] sizes = {in, 64, 64, out};
        for (int i = 0; i + 1 < sizes.length; i++) {
            float bound = (float) (1 / Math.sqrt(sizes[i]));
            float[] w = new float[sizes[i + 1] * sizes[i]];
            float[] b = new float[sizes[i + 1]];
            for (int k = 0; k < w.length; k++) {
                w[k] = (2 * rng.nextFloat() - 1) * bound;
            }
            for (int k = 0; k < b.length; k++) {
                b[k] = (2 * rng.nextFloat() - 1) * bound;
            }
            layers.add(new PolicySpec.Layer(new TensorData(new int[] {sizes[i + 1], sizes[i]}, w), b,
                    i + 2 < sizes.length ? Activation.TANH : Activation.IDENTITY));
        }
        float[] mean = new float[in];
        float[] scale = new float[in];
        java.util.Arrays.fill(scale, 1.5f);
        return new PolicySpec(Optional.of(new PolicySpec.Scaler(mean, scale, 5f)), layers, head, Map.of());
    }

    static Result measure(String name, PolicySpec spec) throws OrtException {
        Policy policy = Policy.of(spec);
        float[] observation = new float[spec.observationSize()];
        for (int j = 0; j < observation.length; j++) {
            observation[j] = 0.1f * (j + 1);
        }
        float[] sink = new float[1];
        double javelin = EngineBench.measure(() -> sink[0] += policy.act(observation)[0]);

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(OnnxPolicy.model(spec).toByteArray(), options)) {
                long[] shape = {1, observation.length};
                double ort = EngineBench.measure(() -> {
                    try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(observation), shape);
                         OrtSession.Result r = session.run(Map.of(OnnxPolicy.INPUT, input))) {
                        sink[0] += ((OnnxTensor) r.get(0)).getByteBuffer().get(0);
                    } catch (OrtException e) {
                        throw new IllegalStateException(e);
                    }
                });
                return new Result(name, javelin, ort);
            }
        }
    }

    /** Two passes, the second reported: the first warms up the JIT for every path (measured alone, the first is ~10x slow). */
    static List<Result> measureAll() throws OrtException {
        once();
        return once();
    }

    private static List<Result> once() throws OrtException {
        return List.of(
                measure("CartPole PPO 4-64-64-2 argmax", spec(4, 2, new PolicySpec.Argmax(0), 1)),
                measure("Pendulum SAC 3-64-64-1 tanh rescale", spec(3, 1,
                        new PolicySpec.TanhRescale(new float[] {-2}, new float[] {2}), 2)));
    }

    @Override
    public void run(boolean json, PrintWriter out) throws Exception {
        List<Result> results = measureAll();
        if (json) {
            StringBuilder sb = new StringBuilder("{\"results\": [");
            for (int i = 0; i < results.size(); i++) {
                Result r = results.get(i);
                sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                        "{\"policy\": \"%s\", \"javelin_us\": %.3f, \"onnxruntime_us\": %.3f}", r.policy(),
                        r.javelinMicros(), r.onnxRuntimeMicros()));
            }
            out.println(sb.append("]}"));
            return;
        }
        out.println("| policy, one observation | Policy.act µs | ONNX Runtime µs |");
        out.println("|---|---|---|");
        for (Result r : results) {
            out.println(String.format(Locale.ROOT, "| %s | %.2f | %.2f |", r.policy(), r.javelinMicros(),
                    r.onnxRuntimeMicros()));
        }
    }
}
