package dev.javelin.tensor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.tensor.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> sample() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("actor.0.weight", Tensor.of(new float[] {1f, -2.5f, 3e-8f, Float.MAX_VALUE, -0f, 7f}, 2, 3));
        m.put("actor.0.bias", Tensor.of(new float[] {0.1f, Float.NaN}, 2));
        m.put("step", Tensor.scalar(42f));
        m.put("empty", Tensor.zeros(0, 3));
        m.put("naïve \"quoted\"\\name", Tensor.of(new float[] {Float.NEGATIVE_INFINITY}, 1, 1));
        return m;
    }

    @Test
    void roundTripKeepsNamesOrderShapesValuesAndMetadata() throws IOException {
        Path f = dir.resolve("a.safetensors");
        Map<String, String> meta = Map.of("format", "pt", "note", "line\nbreak \"q\"");
        SafeTensors.write(f, sample(), meta);
        SafeTensorsFile back = SafeTensors.readFile(f);
        assertEquals(List.copyOf(sample().keySet()), List.copyOf(back.tensors().keySet()));
        assertEquals(meta, back.metadata());
        Map<String, Tensor> tensors = SafeTensors.read(f);
        sample().forEach((name, t) -> {
            assertArrayEquals(t.shape(), tensors.get(name).shape(), name);
            assertArrayEquals(t.data(), tensors.get(name).data(), name);
        });
    }

    @Test
    void headerIsPaddedSoDataStartsOnAnEightByteBoundary() throws IOException {
        Path f = dir.resolve("a.safetensors");
        SafeTensors.write(f, Map.of("x", Tensor.of(new float[] {1, 2, 3}, 3)));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong();
        assertEquals(0, n % 8);
        assertEquals(8 + n + 12, Files.size(f));
        assertEquals(1f, b.getFloat((int) (8 + n)));
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("ckpt.safetensors");
        SafeTensors.write(f, sample());
        SafeTensors.write(f, Map.of("x", Tensor.scalar(1f)));
        assertEquals(List.of("x"), List.copyOf(SafeTensors.read(f).keySet()));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList());
        }
    }

    @Test
    void writtenFileHasTheUsualPermissionsNotATemporaryFilesOwnerOnlyOnes() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path f = dir.resolve("ckpt.safetensors");
        SafeTensors.write(f, Map.of("x", Tensor.scalar(1f)));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f));
    }

    @Test
    void writeRejectsTheReservedName() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(dir.resolve("a"), Map.of("__metadata__", Tensor.scalar(1f))));
        assertTrue(e.getMessage().contains("__metadata__"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("a")));
    }

    @Test
    void readsF64F16AndBf16IntoFloat32() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(8 * 2 + 2 * 3 + 2 * 3).order(ByteOrder.LITTLE_ENDIAN);
        data.putDouble(0.1).putDouble(-1e300);
        data.putShort(Float.floatToFloat16(1.5f)).putShort(Float.floatToFloat16(-65504f)).putShort((short) 0x0001);
        data.putShort((short) (Float.floatToIntBits(3.140625f) >>> 16)).putShort((short) 0xff80).putShort((short) 0x3f80);
        Path f = raw("{\"d\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[16,22]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1,3],\"data_offsets\":[22,28]}}", data.array());
        SafeTensorsFile r = SafeTensors.readFile(f);
        assertArrayEquals(new float[] {0.1f, Float.NEGATIVE_INFINITY}, r.get("d", 2).data());
        assertArrayEquals(new float[] {1.5f, -65504f, 0x1p-24f}, r.get("h", 3).data());
        assertArrayEquals(new float[] {3.140625f, Float.NEGATIVE_INFINITY, 1f}, r.get("b", 1, 3).data());
    }

    @Test
    void acceptsHeaderWhitespaceAndKeysInAnyOrder() throws IOException {
        Path f = raw(" { \"__metadata__\" : { } , \"x\" : { \"data_offsets\" : [ 0 , 4 ] , \"shape\" : [ ] , \"dtype\" : \"F32\" } }   ",
                floats(2.5f));
        assertArrayEquals(new float[] {2.5f}, SafeTensors.readFile(f).get("x").data());
    }

    // ---- corrupt files ----------------------------------------------------------------------------

    @Test
    void truncatedBeforeTheHeaderLength() throws IOException {
        Path f = dir.resolve("t");
        Files.write(f, new byte[] {1, 2, 3});
        assertCorrupt(f, "truncated: 3 bytes");
    }

    @Test
    void headerLengthLargerThanTheFile() throws IOException {
        Path f = dir.resolve("t");
        Files.write(f, ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array());
        assertCorrupt(f, "header length 1000 is larger than the 4 bytes");
    }

    @Test
    void absurdHeaderLength() throws IOException {
        Path f = dir.resolve("t");
        Files.write(f, ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(-5).array());
        assertCorrupt(f, "header length 18446744073709551611 is not plausible");
    }

    @Test
    void truncatedDataSection() throws IOException {
        Path good = dir.resolve("good");
        SafeTensors.write(good, Map.of("x", Tensor.zeros(4, 4)));
        byte[] all = Files.readAllBytes(good);
        Path f = dir.resolve("t");
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 5));
        assertCorrupt(f, "data_offsets [0, 64] run past the end of the data section (59 bytes");
    }

    @Test
    void badJson() throws IOException {
        assertCorrupt(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]", floats(1)), "bad JSON at character");
        assertCorrupt(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", floats(1)), "not a non-negative integer");
        assertCorrupt(raw("{\"x\":1,\"x\":2}", new byte[0]), "duplicate key \"x\"");
        assertCorrupt(raw("[1,2]", new byte[0]), "header is not a JSON object");
        assertCorrupt(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", floats(1)), "unexpected '-'");
        assertCorrupt(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[1]}}", floats(1)), "no integer array \"data_offsets\"");
        assertCorrupt(raw("{\"x\":{\"shape\":[1],\"data_offsets\":[0,4]}}", floats(1)), "no string \"dtype\"");
        assertCorrupt(raw("{\"__metadata__\":{\"k\":[1]}}", new byte[0]), "__metadata__ value for \"k\" is not a string");
    }

    @Test
    void invalidUtf8Header() throws IOException {
        byte[] h = "{\"\u00e9\":{}}  ".getBytes(StandardCharsets.UTF_8);
        h[3] = (byte) 0xff;
        assertCorrupt(rawBytes(h, new byte[0]), "header is not valid UTF-8");
    }

    @Test
    void offsetsOutOfRangeOverlappingOrWithGaps() throws IOException {
        assertCorrupt(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", floats(1)),
                "\"x\" data_offsets [0, 8] run past the end of the data section (4 bytes");
        assertCorrupt(raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", floats(1, 2, 3)),
                "tensor \"b\" data_offsets [4, 12] overlap tensor \"a\" which ends at 8");
        assertCorrupt(raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", floats(1, 2)),
                "starts at 4 but the previous tensor ends at 0");
        assertCorrupt(raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", floats(1, 2)),
                "data section has 8 bytes but the tensors cover 4");
        assertCorrupt(raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}", floats(1)),
                "data_offsets [4, 0] end before they begin");
    }

    @Test
    void shapeTimesDtypeSizeDisagreesWithTheByteLength() throws IOException {
        assertCorrupt(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,12]}}", floats(1, 2, 3)),
                "tensor \"x\" shape [2, 2] x F32 (4 bytes) needs 16 bytes but data_offsets [0, 12] span 12");
        assertCorrupt(raw("{\"x\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,4]}}", floats(1)),
                "shape [3] x F16 (2 bytes) needs 6 bytes");
        assertCorrupt(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[65536,65536,65536],\"data_offsets\":[0,4]}}", floats(1)),
                "more than 2^31-1 elements");
    }

    @Test
    void unknownAndUnsupportedDtypes() throws IOException {
        assertCorrupt(raw("{\"x\":{\"dtype\":\"F31\",\"shape\":[1],\"data_offsets\":[0,4]}}", floats(1)),
                "tensor \"x\" has unknown dtype \"F31\" (readable: [F32, F64, F16, BF16])");
        assertCorrupt(raw("{\"x\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", floats(1, 2)),
                "tensor \"x\" has unsupported dtype \"I64\"");
    }

    // ---- mismatches -------------------------------------------------------------------------------

    @Test
    void getNamesMissingKeyAndWrongShape() throws IOException {
        Path f = dir.resolve("a");
        SafeTensors.write(f, sample());
        SafeTensorsFile r = SafeTensors.readFile(f);
        var missing = assertThrows(IllegalArgumentException.class, () -> r.get("critic.weight"));
        assertTrue(missing.getMessage().contains("no tensor \"critic.weight\"; the file has [actor.0.weight"), missing.getMessage());
        var shape = assertThrows(IllegalArgumentException.class, () -> r.get("actor.0.weight", 3, 2));
        assertEquals("safetensors: tensor \"actor.0.weight\" has shape [2, 3] but [3, 2] was expected", shape.getMessage());
    }

    @Test
    void loadCopiesIntoTargetsOnlyWhenKeysAndShapesAllMatch() throws IOException {
        Path f = dir.resolve("a");
        SafeTensors.write(f, Map.of("w", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2), "b", Tensor.of(new float[] {5, 6}, 2)));

        Tensor w = Tensor.zeros(2, 2), b = Tensor.zeros(2);
        SafeTensors.load(f, Map.of("w", w, "b", b));
        assertArrayEquals(new float[] {1, 2, 3, 4}, w.data());
        assertArrayEquals(new float[] {5, 6}, b.data());

        Tensor w2 = Tensor.zeros(2, 2);
        var keys = assertThrows(IllegalArgumentException.class, () -> SafeTensors.load(f, Map.of("w", w2, "c", Tensor.zeros(2))));
        assertTrue(keys.getMessage().endsWith("tensors do not match: missing [c], unexpected [b]"), keys.getMessage());
        assertArrayEquals(new float[4], w2.data());

        Tensor b3 = Tensor.zeros(2);
        var shape = assertThrows(IllegalArgumentException.class, () -> SafeTensors.load(f, Map.of("w", Tensor.zeros(4), "b", b3)));
        assertTrue(shape.getMessage().endsWith("tensor \"w\" has shape [2, 2] in the file but [4] is expected"), shape.getMessage());
        assertArrayEquals(new float[2], b3.data());
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private void assertCorrupt(Path f, String expected) {
        var e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.readFile(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "message \"" + e.getMessage() + "\" lacks \"" + expected + "\"");
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) b.putFloat(x);
        return b.array();
    }

    private Path raw(String header, byte[] data) throws IOException {
        return rawBytes(header.getBytes(StandardCharsets.UTF_8), data);
    }

    private Path rawBytes(byte[] header, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header).put(data);
        Path f = Files.createTempFile(dir, "raw", ".safetensors");
        Files.write(f, b.array());
        return f;
    }
}
