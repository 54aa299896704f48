package dev.javelin.policy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;

/** ONNX Runtime's answer for an exported policy: actions as floats (an int64 output converted). */
final class Ort {
    private Ort() {
    }

    static float[] actions(Path model, float[] observations, int n) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model.toString(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(observations),
                     new long[] {n, observations.length / n});
             OrtSession.Result result = session.run(Map.of(OnnxPolicy.INPUT, input))) {
            OnnxTensor out = (OnnxTensor) result.get(OnnxPolicy.OUTPUT).orElseThrow();
            return switch (out.getInfo().type) {
                case FLOAT -> {
                    FloatBuffer b = out.getFloatBuffer();
                    float[] a = new float[b.remaining()];
                    b.get(a);
                    yield a;
                }
                case INT64 -> {
                    LongBuffer b = out.getLongBuffer();
                    float[] a = new float[b.remaining()];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = b.get(i);
                    }
                    yield a;
                }
                default -> throw new AssertionError("unexpected output type " + out.getInfo().type);
            };
        }
    }

    static double maxAbsDiff(float[] a, float[] b) {
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
