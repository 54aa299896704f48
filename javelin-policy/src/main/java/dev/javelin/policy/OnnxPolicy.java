package dev.javelin.policy;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.javelin.tensor.io.TensorData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link PolicySpec} as an ONNX model (opset {@value #OPSET}, IR version {@value #IR_VERSION}), written with
 * ONNX's protobuf classes. One input, {@value #INPUT} float32 {@code [batch, observation_size]} (raw observations),
 * or for a policy of a Dict observation one float32 input per key, named by the key ({@code [batch, size]}),
 * concatenated in the graph in {@link PolicySpec#observationKeys()} order (the env's FlattenDictObservation's); one
 * output, {@value #OUTPUT}: int64 {@code [batch, 1]} for a Discrete action (its value, start included), else
 * float32 {@code [batch, action_size]} within the env's bounds. The graph:
 * <pre>
 *   Concat(achieved_goal, desired_goal, observation; axis=1)        for a Dict observation
 *   Sub(observation_mean) Div(observation_scale) Clip(-c, c)        the scaler, when the policy has one
 *   Gemm(net.2i.weight, net.2i.bias, transB=1) activation            each layer (Tanh, Relu, Elu, Sigmoid, x*Sigmoid(x), Softplus)
 *   ArgMax(axis=1) [Add(start)]  |  Max(action_low) Min(action_high)  |  Tanh, Add(1) Mul((high-low)/2) Add(low) Max Min
 * </pre>
 * The initializers are named as in a policy .safetensors ({@link PolicyFile}); {@code metadata_props} hold the
 * spec's info (algo, env, spaces), the Javelin version and the structure, from which {@link #read} rebuilds the spec.
 */
public final class OnnxPolicy {
    public static final int OPSET = 17;
    public static final int IR_VERSION = 8;
    public static final String INPUT = "observation";
    public static final String OUTPUT = "action";

    private OnnxPolicy() {
    }

    /** Writes atomically (a temporary file in the same directory renamed over {@code file}). */
    public static void write(PolicySpec spec, Path file) {
        byte[] bytes = model(spec).toByteArray();
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            // not Files.createTempFile: its owner-only permissions would carry over to the file
            Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
            try {
                Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The model proto of {@link #write}. */
    public static ModelProto model(PolicySpec spec) {
        Graph g = new Graph();
        Map<String, TensorData> tensors = PolicyTensors.tensors(spec);
        tensors.forEach(g::initializer);
        List<PolicySpec.ObservationKey> keys = spec.observationKeys();
        String h = INPUT;
        if (!keys.isEmpty()) {
            h = g.node("Concat", keys.stream().map(PolicySpec.ObservationKey::name).toList(),
                    List.of(intAttribute("axis", 1)));
        }
        if (spec.scaler().isPresent()) {
            float clip = spec.scaler().get().clip();
            g.initializer("observation_clip_min", new TensorData(new int[0], new float[] {-clip}));
            g.initializer("observation_clip_max", new TensorData(new int[0], new float[] {clip}));
            h = g.node("Sub", h, PolicyTensors.OBSERVATION_MEAN);
            h = g.node("Div", h, PolicyTensors.OBSERVATION_SCALE);
            h = g.node("Clip", h, "observation_clip_min", "observation_clip_max");
        }
        List<PolicySpec.Layer> layers = spec.layers();
        for (int i = 0; i < layers.size(); i++) {
            h = g.node("Gemm", List.of(h, PolicyTensors.weight(i), PolicyTensors.bias(i)), List.of(intAttribute("transB", 1)));
            h = switch (layers.get(i).activation()) {
                case IDENTITY -> h;
                case TANH -> g.node("Tanh", h);
                case RELU -> g.node("Relu", h);
                case ELU -> g.node("Elu", List.of(h), List.of(floatAttribute("alpha", 1f)));
                case SIGMOID -> g.node("Sigmoid", h);
                case SILU -> g.node("Mul", h, g.node("Sigmoid", h));
                // Javelin's softplus returns x itself past x = 20, where the two differ by < 2e-9
                case SOFTPLUS -> g.node("Softplus", h);
            };
        }
        int actionSize = spec.actionSize();
        int elementType;
        switch (spec.head()) {
            case PolicySpec.Argmax a -> {
                h = g.node("ArgMax", List.of(h), List.of(intAttribute("axis", 1), intAttribute("keepdims", 1)));
                if (a.start() != 0) {
                    g.graph.addInitializer(TensorProto.newBuilder().setName("action_start")
                            .setDataType(TensorProto.DataType.INT64_VALUE).addInt64Data(a.start()));
                    h = g.node("Add", h, "action_start");
                }
                elementType = TensorProto.DataType.INT64_VALUE;
            }
            case PolicySpec.Clip c -> {
                h = g.node("Max", h, PolicyTensors.ACTION_LOW);
                h = g.node("Min", h, PolicyTensors.ACTION_HIGH);
                elementType = TensorProto.DataType.FLOAT_VALUE;
            }
            case PolicySpec.TanhRescale t -> {
                float[] low = t.low();
                float[] high = t.high();
                float[] halfRange = new float[low.length];
                for (int j = 0; j < low.length; j++) {
                    halfRange[j] = (float) (((double) high[j] - low[j]) / 2);
                }
                g.initializer("one", new TensorData(new int[0], new float[] {1f}));
                g.initializer("action_half_range", new TensorData(new int[] {halfRange.length}, halfRange));
                if (t.meanClip() > 0) {
                    g.initializer("mean_clip_low", new TensorData(new int[0], new float[] {-t.meanClip()}));
                    g.initializer("mean_clip_high", new TensorData(new int[0], new float[] {t.meanClip()}));
                    h = g.node("Min", g.node("Max", h, "mean_clip_low"), "mean_clip_high");
                }
                h = g.node("Tanh", h);
                h = g.node("Add", h, "one");
                h = g.node("Mul", h, "action_half_range");
                h = g.node("Add", h, PolicyTensors.ACTION_LOW);
                // against rounding, as RescaleAction clips
                h = g.node("Max", h, PolicyTensors.ACTION_LOW);
                h = g.node("Min", h, PolicyTensors.ACTION_HIGH);
                elementType = TensorProto.DataType.FLOAT_VALUE;
            }
        }
        // the last node (every spec has a layer, so there is one) writes the output by name
        g.graph.getNodeBuilder(g.graph.getNodeCount() - 1).setOutput(0, OUTPUT);
        if (keys.isEmpty()) {
            g.graph.addInput(value(INPUT, TensorProto.DataType.FLOAT_VALUE, spec.observationSize()));
        } else {
            checkInputNames(g.graph, keys);
            keys.forEach(k -> g.graph.addInput(value(k.name(), TensorProto.DataType.FLOAT_VALUE, k.size())));
        }
        g.graph.setName("javelin_policy").addOutput(value(OUTPUT, elementType, actionSize));
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("javelin").setProducerVersion(PolicyTensors.javelinVersion())
                .setDocString("Deterministic policy: raw observation in, env action out (scaler and action bounds in the graph)")
                .setGraph(g.graph);
        PolicyTensors.metadata(spec).forEach((k, v) -> model.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.build();
    }

    /** A policy from an ONNX file that Javelin wrote: its initializers and metadata; other ONNX files are rejected. */
    public static PolicySpec read(Path file) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("policy " + file + " does not exist");
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("policy " + file + " is not an ONNX model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        model.getMetadataPropsList().forEach(p -> metadata.put(p.getKey(), p.getValue()));
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (TensorProto t : model.getGraph().getInitializerList()) {
            if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
                tensors.put(t.getName(), floats(t));
            }
        }
        return PolicyTensors.read(tensors, metadata, "ONNX file " + file);
    }

    /** A Dict key names an input, so it must not also name an initializer or a node's output. */
    private static void checkInputNames(GraphProto.Builder graph, List<PolicySpec.ObservationKey> keys) {
        Set<String> taken = new HashSet<>();
        graph.getInitializerList().forEach(t -> taken.add(t.getName()));
        graph.getNodeList().forEach(n -> taken.addAll(n.getOutputList()));
        for (PolicySpec.ObservationKey k : keys) {
            if (taken.contains(k.name())) {
                throw new IllegalArgumentException("ONNX export: observation key '" + k.name() + "' would name an input "
                        + "the same as a tensor of the graph; keys must differ from " + new TreeSet<>(taken));
            }
        }
    }

    private static TensorData floats(TensorProto t) {
        int[] shape = t.getDimsList().stream().mapToInt(Long::intValue).toArray();
        float[] data;
        if (t.hasRawData()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            data = new float[b.remaining() / 4];
            b.asFloatBuffer().get(data);
        } else {
            data = new float[t.getFloatDataCount()];
            for (int i = 0; i < data.length; i++) {
                data[i] = t.getFloatData(i);
            }
        }
        return new TensorData(shape, data);
    }

    private static ValueInfoProto value(String name, int elementType, int size) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(size)).build();
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(elementType).setShape(shape)))
                .build();
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static AttributeProto floatAttribute(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    /** A graph under construction: nodes get the names of their op and a counter; each returns its output's name. */
    private static final class Graph {
        final GraphProto.Builder graph = GraphProto.newBuilder();
        private int count;

        void initializer(String name, TensorData t) {
            ByteBuffer b = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(t.data());
            TensorProto.Builder p = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                    .setRawData(ByteString.copyFrom(b.array()));
            for (int d : t.shape()) {
                p.addDims(d);
            }
            graph.addInitializer(p);
        }

        String node(String op, String... inputs) {
            return node(op, List.of(inputs), List.of());
        }

        String node(String op, List<String> inputs, List<AttributeProto> attributes) {
            String name = op.toLowerCase(Locale.ROOT) + "_" + count++;
            graph.addNode(NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(name)
                    .addAllAttribute(attributes));
            return name;
        }
    }
}
