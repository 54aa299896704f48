package dev.javelin.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.javelin.nn.Activation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxPolicyTest {
    @TempDir
    Path dir;

    @Test
    void onnxRuntimeActsAsThePolicyForEveryActivationAndHead() throws Exception {
        for (PolicySpec spec : PolicyTest.every()) {
            Path file = dir.resolve("policy.onnx");
            OnnxPolicy.write(spec, file);
            float[] x = Specs.observations(1000, spec.observationSize(), 11);
            if (spec.scaler().isEmpty()) {
                for (int i = 0; i < x.length; i++) {
                    x[i] = Math.max(-3, Math.min(3, x[i]));
                }
            }
            float[] javelin = Policy.of(spec).act(x, 1000);
            float[] ort = Ort.actions(file, x, 1000);
            double diff = Ort.maxAbsDiff(javelin, ort);
            assertTrue(diff <= 1e-5, spec.head().name() + " " + spec.layers().getFirst().activation() + ": " + diff);
        }
    }

    @Test
    void theModelDeclaresItsNamesTypesAndMetadata() throws Exception {
        PolicySpec discrete = Specs.spec(4, List.of(64, 64), 2, Activation.TANH, new PolicySpec.Argmax(0), true, 1);
        PolicySpec box = Specs.spec(3, List.of(64, 64), 2, Activation.RELU,
                new PolicySpec.TanhRescale(PolicyTest.LOW, PolicyTest.HIGH), false, 2);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (PolicySpec spec : List.of(discrete, box)) {
            Path file = dir.resolve("policy.onnx");
            OnnxPolicy.write(spec, file);
            try (OrtSession s = env.createSession(file.toString(), new OrtSession.SessionOptions())) {
                NodeInfo in = s.getInputInfo().get(OnnxPolicy.INPUT);
                TensorInfo inInfo = (TensorInfo) in.getInfo();
                assertEquals(OnnxJavaType.FLOAT, inInfo.type);
                assertArrayEquals(new long[] {-1, spec.observationSize()}, inInfo.getShape());
                TensorInfo outInfo = (TensorInfo) s.getOutputInfo().get(OnnxPolicy.OUTPUT).getInfo();
                assertEquals(spec.head() instanceof PolicySpec.Argmax ? OnnxJavaType.INT64 : OnnxJavaType.FLOAT, outInfo.type);
                assertArrayEquals(new long[] {-1, spec.actionSize()}, outInfo.getShape());
                Map<String, String> meta = s.getMetadata().getCustomMetadata();
                assertEquals("Random-v0", meta.get(PolicySpec.ENV));
                assertEquals("test", meta.get(PolicySpec.ALGO));
                assertEquals(PolicyTensors.javelinVersion(), meta.get(PolicyTensors.VERSION));
                assertEquals("javelin", s.getMetadata().getProducerName());
            }
        }
    }

    @Test
    void anExportedFileLoadsBackAsAPolicyWithTheSameActions() {
        for (PolicySpec spec : PolicyTest.every()) {
            Path file = dir.resolve("policy.onnx");
            OnnxPolicy.write(spec, file);
            float[] x = Specs.observations(100, spec.observationSize(), 13);
            assertArrayEquals(Policy.of(spec).act(x, 100), Policy.load(file).act(x, 100));
        }
    }

    @Test
    void theSamePolicyExportsToTheSameBytes() throws Exception {
        PolicySpec spec = Specs.spec(4, List.of(8), 2, Activation.TANH, new PolicySpec.Clip(PolicyTest.LOW, PolicyTest.HIGH),
                true, 1);
        OnnxPolicy.write(spec, dir.resolve("a.onnx"));
        OnnxPolicy.write(Policy.load(dir.resolve("a.onnx")).spec(), dir.resolve("b.onnx"));
        assertEquals(-1, Files.mismatch(dir.resolve("a.onnx"), dir.resolve("b.onnx")));
    }

    @Test
    void anOnnxFileJavelinDidNotWriteIsRejectedByName() throws Exception {
        PolicySpec spec = Specs.spec(4, List.of(8), 2, Activation.TANH, new PolicySpec.Argmax(0), true, 1);
        Path foreign = dir.resolve("foreign.onnx");
        Files.write(foreign, OnnxPolicy.model(spec).toBuilder().clearMetadataProps().build().toByteArray());
        var e = assertThrows(IllegalArgumentException.class, () -> Policy.load(foreign));
        assertTrue(e.getMessage().contains("foreign.onnx is not a Javelin policy (no 'javelin.policy' metadata)"), e.getMessage());
        Path garbage = dir.resolve("garbage.onnx");
        Files.write(garbage, new byte[] {1, 2, 3, 4, 5});
        e = assertThrows(IllegalArgumentException.class, () -> Policy.load(garbage));
        assertTrue(e.getMessage().contains("garbage.onnx is not an ONNX model"), e.getMessage());
    }
}
