package dev.javelin.tensor.io;

import dev.javelin.tensor.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads and writes the safetensors format (https://github.com/huggingface/safetensors): an 8-byte
 * little-endian header length N, N bytes of JSON header
 * {@code {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}},
 * then the little-endian data, offsets relative to its start. Javelin writes F32 and reads F32, F64,
 * F16 and BF16 into float32. Reading validates the file as the reference Rust reader does (tensors tile
 * the data section with no gap or overlap), so a file Javelin accepts is one PyTorch accepts too.
 */
public final class SafeTensors {
    private SafeTensors() {}

    static final String METADATA_KEY = "__metadata__";
    /** The reference reader's limit; a larger length is certainly a corrupt file, not a real header. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    // ---- writing --------------------------------------------------------------------------------

    /**
     * Writes the tensors' values (not their gradients) as F32, in the map's iteration order.
     *
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Map<String, TensorData> arrays = new LinkedHashMap<>();
        tensors.forEach((name, t) -> arrays.put(name, new TensorData(t.shape(), t.data())));
        writeArrays(file, arrays, metadata);
    }

    /**
     * Writes {@code tensors} as F32 with no metadata, atomically.
     *
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /**
     * Writes atomically: a temporary file in the same directory is renamed over {@code file} once complete.
     *
     * @throws IOException when the file cannot be written
     */
    public static void writeArrays(Path file, Map<String, TensorData> tensors, Map<String, String> metadata) throws IOException {
        writeArrays(file, tensors, Map.of(), metadata);
    }

    /** As {@link #writeArrays(Path, Map, Map)}, with F64 arrays after the F32 ones; names must differ. */
    public static void writeArrays(Path file, Map<String, TensorData> tensors, Map<String, Float64Data> float64,
            Map<String, String> metadata) throws IOException {
        for (String name : float64.keySet()) {
            if (tensors.containsKey(name)) {
                throw new IllegalArgumentException("safetensors: \"" + name + "\" is both an F32 and an F64 tensor");
            }
        }
        byte[] header = header(tensors, float64, metadata);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: its owner-only permissions would carry over to the checkpoint.
        Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        Files.createFile(tmp);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip();
                writeFully(ch, len);
                writeFully(ch, ByteBuffer.wrap(header));
                ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
                for (TensorData t : tensors.values()) {
                    float[] d = t.data();
                    for (int off = 0; off < d.length; off += buf.capacity() / 4) {
                        int count = Math.min(d.length - off, buf.capacity() / 4);
                        buf.clear().asFloatBuffer().put(d, off, count);
                        writeFully(ch, buf.limit(4 * count));
                    }
                }
                for (Float64Data t : float64.values()) {
                    double[] d = t.data();
                    for (int off = 0; off < d.length; off += buf.capacity() / 8) {
                        int count = Math.min(d.length - off, buf.capacity() / 8);
                        buf.clear().asDoubleBuffer().put(d, off, count);
                        writeFully(ch, buf.limit(8 * count));
                    }
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }

    /** The JSON header, padded with spaces to a multiple of 8 bytes so the data starts aligned (as the Python writer does). */
    static byte[] header(Map<String, TensorData> tensors, Map<String, String> metadata) {
        return header(tensors, Map.of(), metadata);
    }

    static byte[] header(Map<String, TensorData> tensors, Map<String, Float64Data> float64, Map<String, String> metadata) {
        StringBuilder b = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            HeaderJson.quote(b, METADATA_KEY);
            b.append(":{");
            boolean first = true;
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (!first) b.append(',');
                first = false;
                HeaderJson.quote(b, e.getKey());
                b.append(':');
                HeaderJson.quote(b, e.getValue());
            }
            b.append('}');
        }
        long offset = 0;
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name.isEmpty() || name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("safetensors: tensor name \"" + name + "\" is reserved or empty");
            }
            if (b.length() > 1) b.append(',');
            HeaderJson.quote(b, name);
            b.append(":{\"dtype\":\"F32\",\"shape\":[");
            int[] shape = e.getValue().shape();
            for (int i = 0; i < shape.length; i++) b.append(i == 0 ? "" : ",").append(shape[i]);
            long end = offset + 4L * e.getValue().data().length;
            b.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        for (Map.Entry<String, Float64Data> e : float64.entrySet()) {
            String name = e.getKey();
            if (name.isEmpty() || name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("safetensors: tensor \"" + name + "\" is reserved or empty");
            }
            if (b.length() > 1) b.append(',');
            HeaderJson.quote(b, name);
            b.append(":{\"dtype\":\"F64\",\"shape\":[");
            int[] shape = e.getValue().shape();
            for (int i = 0; i < shape.length; i++) b.append(i == 0 ? "" : ",").append(shape[i]);
            long end = offset + 8L * e.getValue().data().length;
            b.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        b.append('}');
        byte[] json = b.toString().getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
        Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        return padded;
    }

    // ---- reading --------------------------------------------------------------------------------

    /**
     * All tensors of the file as untracked float32 tensors, in data order.
     *
     * @throws IOException when the file cannot be read or is not valid safetensors
     */
    public static Map<String, Tensor> read(Path file) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        readFile(file).tensors().forEach((name, t) -> out.put(name, Tensor.of(t.data(), t.shape())));
        return out;
    }

    /**
     * Copies the file's tensors into {@code targets}' storage (e.g. a module's parameters). Keys must
     * match exactly in both directions and every shape must agree; nothing is written unless all do.
     *
     * @throws IOException when the file cannot be read or is not valid safetensors
     */
    public static SafeTensorsFile load(Path file, Map<String, Tensor> targets) throws IOException {
        SafeTensorsFile f = readFile(file);
        Set<String> missing = new LinkedHashSet<>(targets.keySet());
        missing.removeAll(f.tensors().keySet());
        Set<String> unexpected = new LinkedHashSet<>(f.tensors().keySet());
        unexpected.removeAll(targets.keySet());
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException(file + ": tensors do not match: missing " + missing + ", unexpected " + unexpected);
        }
        for (Map.Entry<String, Tensor> e : targets.entrySet()) {
            int[] have = f.tensors().get(e.getKey()).shape(), want = e.getValue().shape();
            if (!Arrays.equals(have, want)) {
                throw new IllegalArgumentException(file + ": tensor \"" + e.getKey() + "\" has shape " + Arrays.toString(have)
                        + " in the file but " + Arrays.toString(want) + " is expected");
            }
        }
        targets.forEach((name, t) -> {
            float[] src = f.tensors().get(name).data();
            System.arraycopy(src, 0, t.data(), 0, src.length);
        });
        return f;
    }

    private record Entry(String name, Dtype dtype, int[] shape, long begin, long end) {}

    /**
     * Only the string metadata, from the header alone (the data is not read): enough to sort many large
     * checkpoints by their step without loading any.
     */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Object value = header(file, ch).top().get(METADATA_KEY);
            return value == null ? Map.of() : metadata(file, value);
        }
    }

    private record Header(long length, Map<?, ?> top) {}

    private static Header header(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) throw new SafeTensorsFormatException(file, "truncated: " + size + " bytes, fewer than the 8-byte header length");
        ByteBuffer lenBuf = readAt(ch, 0, 8);
        long n = lenBuf.getLong();
        if (n < 2 || n > MAX_HEADER_BYTES) {
            throw new SafeTensorsFormatException(file, "header length " + Long.toUnsignedString(n) + " is not plausible (2.."
                    + MAX_HEADER_BYTES + " bytes expected)");
        }
        if (n > size - 8) {
            throw new SafeTensorsFormatException(file, "header length " + n + " is larger than the " + (size - 8)
                    + " bytes that follow it (truncated file?)");
        }
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(readAt(ch, 8, (int) n)).toString();
        } catch (CharacterCodingException e) {
            throw new SafeTensorsFormatException(file, "header is not valid UTF-8", e);
        }
        Object parsed;
        try {
            parsed = HeaderJson.parse(json);
        } catch (IllegalArgumentException e) {
            throw new SafeTensorsFormatException(file, "header: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> top)) throw new SafeTensorsFormatException(file, "header is not a JSON object");
        return new Header(n, top);
    }

    /**
     * Reads and validates the whole file.
     *
     * @throws IOException when the file cannot be read or is not valid safetensors
     */
    public static SafeTensorsFile readFile(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            Header h = header(file, ch);
            long n = h.length();
            Map<?, ?> top = h.top();

            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (Map.Entry<?, ?> e : top.entrySet()) {
                String name = (String) e.getKey();
                if (name.equals(METADATA_KEY)) metadata = metadata(file, e.getValue());
                else entries.add(entry(file, name, e.getValue()));
            }

            long dataBytes = size - 8 - n;
            entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
            long covered = 0;
            String previous = null;
            for (Entry en : entries) {
                if (en.begin < covered) {
                    throw new SafeTensorsFormatException(file, "tensor \"" + en.name + "\" data_offsets [" + en.begin + ", " + en.end
                            + "] overlap tensor \"" + previous + "\" which ends at " + covered);
                }
                if (en.begin > covered) {
                    throw new SafeTensorsFormatException(file, "tensor \"" + en.name + "\" starts at " + en.begin
                            + " but the previous tensor ends at " + covered + " (gap in the data section)");
                }
                if (en.end > dataBytes) {
                    throw new SafeTensorsFormatException(file, "tensor \"" + en.name + "\" data_offsets [" + en.begin + ", " + en.end
                            + "] run past the end of the data section (" + dataBytes + " bytes; truncated file?)");
                }
                covered = en.end;
                previous = en.name;
            }
            if (covered != dataBytes) {
                throw new SafeTensorsFormatException(file, "data section has " + dataBytes + " bytes but the tensors cover " + covered);
            }

            Map<String, TensorData> tensors = new LinkedHashMap<>();
            Map<String, Float64Data> float64 = new LinkedHashMap<>();
            for (Entry en : entries) {
                if (en.dtype == Dtype.F64) {
                    double[] exact = new double[(int) ((en.end - en.begin) / 8)];
                    readAt(ch, 8 + n + en.begin, exact.length * 8).asDoubleBuffer().get(exact);
                    float64.put(en.name, new Float64Data(en.shape, exact));
                }
                float[] data = new float[(int) ((en.end - en.begin) / en.dtype.bytes)];
                long at = 8 + n + en.begin;
                int perChunk = (1 << 20) / en.dtype.bytes;
                for (int done = 0; done < data.length; done += perChunk) {
                    int count = Math.min(data.length - done, perChunk);
                    en.dtype.decode(readAt(ch, at + (long) done * en.dtype.bytes, count * en.dtype.bytes), data, done, count);
                }
                tensors.put(en.name, new TensorData(en.shape, data));
            }
            return new SafeTensorsFile(tensors, float64, metadata);
        }
    }

    private static Map<String, String> metadata(Path file, Object value) throws SafeTensorsFormatException {
        if (!(value instanceof Map<?, ?> m)) throw new SafeTensorsFormatException(file, METADATA_KEY + " is not an object");
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String v)) {
                throw new SafeTensorsFormatException(file, METADATA_KEY + " value for \"" + e.getKey() + "\" is not a string");
            }
            out.put((String) e.getKey(), v);
        }
        return out;
    }

    private static Entry entry(Path file, String name, Object value) throws SafeTensorsFormatException {
        String where = "tensor \"" + name + "\"";
        if (!(value instanceof Map<?, ?> m)) throw new SafeTensorsFormatException(file, where + " is not an object");
        if (!(m.get("dtype") instanceof String dt)) throw new SafeTensorsFormatException(file, where + " has no string \"dtype\"");
        Dtype dtype;
        try {
            dtype = Dtype.valueOf(dt);
        } catch (IllegalArgumentException e) {
            throw new SafeTensorsFormatException(file, where + " has " + (Dtype.KNOWN_UNSUPPORTED.contains(dt) ? "unsupported" : "unknown")
                    + " dtype \"" + dt + "\" (readable: " + Arrays.toString(Dtype.values()) + ")");
        }
        long[] shapeL = longs(file, where, "shape", m.get("shape"));
        long[] offsets = longs(file, where, "data_offsets", m.get("data_offsets"));
        if (offsets.length != 2) {
            throw new SafeTensorsFormatException(file, where + " has " + offsets.length + " data_offsets, expected [begin, end]");
        }
        if (offsets[1] < offsets[0]) {
            throw new SafeTensorsFormatException(file, where + " data_offsets [" + offsets[0] + ", " + offsets[1] + "] end before they begin");
        }
        int[] shape = new int[shapeL.length];
        long count = 1;
        for (int i = 0; i < shapeL.length; i++) {
            if (shapeL[i] > Integer.MAX_VALUE) throw new SafeTensorsFormatException(file, where + " dimension " + shapeL[i] + " is too large");
            shape[i] = (int) shapeL[i];
            // Saturate just above the int range so a product of many large dims cannot overflow a long.
            count = Math.min(count * shapeL[i], Integer.MAX_VALUE + 1L);
        }
        if (count > Integer.MAX_VALUE) {
            throw new SafeTensorsFormatException(file, where + " shape " + Arrays.toString(shape) + " has more than 2^31-1 elements");
        }
        long bytes = offsets[1] - offsets[0];
        if (count * dtype.bytes != bytes) {
            throw new SafeTensorsFormatException(file, where + " shape " + Arrays.toString(shape) + " x " + dtype + " (" + dtype.bytes
                    + " bytes) needs " + count * dtype.bytes + " bytes but data_offsets [" + offsets[0] + ", " + offsets[1]
                    + "] span " + bytes);
        }
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] longs(Path file, String where, String key, Object v) throws SafeTensorsFormatException {
        if (!(v instanceof List<?> list)) throw new SafeTensorsFormatException(file, where + " has no integer array \"" + key + "\"");
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long l)) {
                throw new SafeTensorsFormatException(file, where + " \"" + key + "\" holds " + list.get(i) + ", not an integer");
            }
            out[i] = l;
        }
        return out;
    }

    private static ByteBuffer readAt(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) throw new IOException("unexpected end of file at byte " + (position + b.position()));
        }
        return b.flip();
    }
}
