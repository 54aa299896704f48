package dev.javelin.rl.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorBoardWriterTest {
    @TempDir
    Path dir;

    /** An Event as TensorBoard reads it; summary values empty for the file_version event; SessionLog status or 0. */
    record Event(double wallTime, long step, String fileVersion, Map<String, Float> values, int sessionStatus) {
        Event(double wallTime, long step, String fileVersion, Map<String, Float> values) {
            this(wallTime, step, fileVersion, values, 0);
        }
    }

    @Test
    void eventFileDecodesToTheWrittenScalarsWithValidCrcs() throws Exception {
        Map<String, Double> first = new LinkedHashMap<>();
        first.put("Reward / Total reward (mean)", 21.5);
        first.put("Loss / Policy loss", -0.0125);
        Path file;
        try (TensorBoardWriter w = new TensorBoardWriter(dir)) {
            file = w.path();
            w.write(256, 1.7e9 + 0.25, first);
            w.write(1L << 40, 1.7e9 + 1.5, Map.of("Loss / Policy loss", 3.0));
        }
        String name = file.getFileName().toString();
        assertTrue(name.matches("events\\.out\\.tfevents\\.\\d{10}\\..+"), name);

        List<Event> events = decode(Files.readAllBytes(file));
        assertEquals(4, events.size());
        assertEquals("brain.Event:2", events.get(0).fileVersion());
        assertEquals(0, events.get(0).step());
        assertEquals(new Event(1.7e9 + 0.25, 256, null, Map.of("Reward / Total reward (mean)", 21.5f)), events.get(1));
        assertEquals(new Event(1.7e9 + 0.25, 256, null, Map.of("Loss / Policy loss", -0.0125f)), events.get(2));
        assertEquals(new Event(1.7e9 + 1.5, 1L << 40, null, Map.of("Loss / Policy loss", 3.0f)), events.get(3));
    }

    /** After a resume at step 500, TensorBoard must drop the older files' points from 501 on (PyTorch's purge_step). */
    @Test
    void aResumedWriterStartsWithASessionStartPastTheResumedStep() throws Exception {
        Path file;
        try (TensorBoardWriter w = TensorBoardWriter.resumed(dir, 500)) {
            file = w.path();
            w.write(600, 1.7e9, Map.of("Loss / Policy loss", 1.0));
        }
        List<Event> events = decode(Files.readAllBytes(file));
        assertEquals(3, events.size());
        assertEquals("brain.Event:2", events.get(0).fileVersion());
        assertEquals(501, events.get(1).step());
        assertEquals(1, events.get(1).sessionStatus(), "SessionLog.START");
        assertEquals(new Event(1.7e9, 600, null, Map.of("Loss / Policy loss", 1.0f)), events.get(2));
    }

    @Test
    void maskedCrcMatchesTheTfRecordReferenceValue() {
        // CRC-32C("123456789") = 0xE3069283 (RFC 3720); masked by TensorFlow's crc32c::Mask, computed in Python
        assertEquals(0xc78ab0e5, TensorBoardWriter.maskedCrc("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aSecondWriterInTheSameSecondDoesNotOverwriteTheFirst() {
        try (TensorBoardWriter a = new TensorBoardWriter(dir); TensorBoardWriter b = new TensorBoardWriter(dir)) {
            assertTrue(!a.path().equals(b.path()), a.path() + " " + b.path());
        }
    }

    static List<Event> decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] len = new byte[8];
            in.get(len);
            assertEquals(masked(len), in.getInt(), "length crc");
            byte[] data = new byte[(int) ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong()];
            in.get(data);
            assertEquals(masked(data), in.getInt(), "data crc");
            events.add(parseEvent(data));
        }
        return events;
    }

    private static int masked(byte[] data) {
        CRC32C c = new CRC32C();
        c.update(data);
        int crc = (int) c.getValue();
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }

    private static Event parseEvent(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        double wall = Double.NaN;
        long step = 0;
        String version = null;
        Map<String, Float> values = new LinkedHashMap<>();
        int status = 0;
        while (in.hasRemaining()) {
            long key = varint(in);
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            switch (field) {
                case 1 -> { assertEquals(1, wire); wall = in.getDouble(); }
                case 2 -> { assertEquals(0, wire); step = varint(in); }
                case 3 -> { assertEquals(2, wire); version = new String(bytes(in), StandardCharsets.UTF_8); }
                case 5 -> { assertEquals(2, wire); parseSummary(bytes(in), values); }
                case 7 -> {
                    assertEquals(2, wire);
                    ByteBuffer log = ByteBuffer.wrap(bytes(in));
                    assertEquals(1 << 3, varint(log), "SessionLog.status");
                    status = (int) varint(log);
                }
                default -> throw new AssertionError("unexpected Event field " + field);
            }
        }
        return new Event(wall, step, version, version == null ? values : Map.of(), status);
    }

    private static void parseSummary(byte[] data, Map<String, Float> values) {
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        while (in.hasRemaining()) {
            assertEquals((1 << 3) | 2, varint(in), "Summary.value");
            ByteBuffer v = ByteBuffer.wrap(bytes(in)).order(ByteOrder.LITTLE_ENDIAN);
            String tag = null;
            Float value = null;
            while (v.hasRemaining()) {
                long key = varint(v);
                if (key == ((1 << 3) | 2)) {
                    tag = new String(bytes(v), StandardCharsets.UTF_8);
                } else if (key == ((2 << 3) | 5)) {
                    value = v.getFloat();
                } else {
                    throw new AssertionError("unexpected Summary.Value key " + key);
                }
            }
            values.put(tag, value);
        }
    }

    private static byte[] bytes(ByteBuffer in) {
        byte[] b = new byte[(int) varint(in)];
        in.get(b);
        return b;
    }

    private static long varint(ByteBuffer in) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
    }

    @Test
    void decoderRejectsACorruptedRecord() throws Exception {
        Path file;
        try (TensorBoardWriter w = new TensorBoardWriter(dir)) {
            file = w.path();
            w.write(1, 1.0, Map.of("a", 1.0));
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] ^= 1;
        assertThrows(AssertionError.class, () -> decode(bytes));
    }
}
