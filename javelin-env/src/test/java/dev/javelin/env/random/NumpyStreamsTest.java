package dev.javelin.env.random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Replays {@code numpy-random/streams.json}, recorded from NumPy by {@code tools/record_numpy_random.py}:
 * every word, integer and double must equal NumPy's bit for bit (doubles compared by their raw bits).
 */
class NumpyStreamsTest {
    private static JsonNode seeds;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = NumpyStreamsTest.class.getResourceAsStream("/numpy-random/streams.json")) {
            assertTrue(in != null, "numpy-random/streams.json missing; run tools/record_numpy_random.py");
            seeds = new ObjectMapper().readTree(in).get("seeds");
        }
        assertEquals(7, seeds.size(), "recorded seeds");
    }

    private static BigInteger seedOf(JsonNode entry) {
        return entry.get("seed").bigIntegerValue();
    }

    private static NumpyGenerator generator(JsonNode entry) {
        return NumpyGenerator.defaultRng(seedOf(entry));
    }

    @Test
    void seedSequenceWordsPoolAndGeneratedState() {
        for (JsonNode entry : seeds) {
            BigInteger seed = seedOf(entry);
            SeedSequence ss = new SeedSequence(seed);
            assertEquals(List.of(ints(SeedSequence.words(seed))), List.of(unsignedInts(entry.get("entropy_words"))),
                    "entropy words of " + seed);
            assertEquals(List.of(ints(ss.pool())), List.of(unsignedInts(entry.get("pool"))), "pool of " + seed);
            for (JsonNode g : entry.get("generate_state")) {
                int n = g.get("n_words").asInt();
                String where = "generate_state(" + n + ", " + g.get("dtype").asText() + ") of seed " + seed;
                long[] expected = unsignedLongs(g.get("out"));
                long[] actual;
                if (g.get("dtype").asText().equals("uint32")) {
                    int[] words = ss.generateStateUint32(n);
                    actual = new long[words.length];
                    for (int i = 0; i < words.length; i++) {
                        actual[i] = Integer.toUnsignedLong(words[i]);
                    }
                } else {
                    actual = ss.generateStateUint64(n);
                }
                assertEquals(hex(expected), hex(actual), where);
            }
            if (seed.bitLength() < 64) {
                // The long constructor and the BigInteger one are the same sequence.
                assertEquals(List.of(ints(ss.pool())), List.of(ints(new SeedSequence(seed.longValue()).pool())));
            }
        }
    }

    @Test
    void pcg64StateAfterSeeding() {
        for (JsonNode entry : seeds) {
            Pcg64.State state = new Pcg64(new SeedSequence(seedOf(entry))).state();
            assertEquals(entry.get("pcg64_state").get("state").bigIntegerValue(), state.state(), "state, seed " + seedOf(entry));
            assertEquals(entry.get("pcg64_state").get("inc").bigIntegerValue(), state.inc(), "inc, seed " + seedOf(entry));
            assertEquals(false, state.hasUint32());
        }
    }

    /** Each recorded call from a fresh np_random(seed), after skipping {@code skip} calls to random(). */
    @Test
    void gymnasiumCallsFromAFreshGenerator() {
        int checked = 0;
        for (JsonNode entry : seeds) {
            for (JsonNode op : entry.get("fixed")) {
                NumpyGenerator g = generator(entry);
                for (int i = 0; i < op.get("skip").asInt(); i++) {
                    g.random();
                }
                checked += replay(g, op, "seed " + seedOf(entry) + " " + op);
            }
        }
        assertTrue(checked > 500, "values compared: " + checked);
    }

    /** One generator through a recorded interleaving of every call, so buffered 32-bit halves meet 64-bit draws. */
    @Test
    void interleavedCallsOnOneGenerator() {
        for (JsonNode entry : seeds) {
            NumpyGenerator g = generator(entry);
            int k = 0;
            for (JsonNode op : entry.get("mixed")) {
                replay(g, op, "seed " + seedOf(entry) + " mixed op " + k++ + " " + op);
            }
        }
    }

    /** 100,000 standard normals per seed: every layer, the wedges and the tail, by chunked SHA-256 of the bits. */
    @Test
    void longStandardNormalRunsReachEveryPath() throws NoSuchAlgorithmException {
        int tails = 0;
        for (JsonNode entry : seeds) {
            JsonNode run = entry.get("normal_run");
            int count = run.get("count").asInt(), chunk = run.get("chunk").asInt();
            NumpyGenerator g = generator(entry);
            double[] draws = g.standardNormal(count);
            for (int i = 0; i < run.get("first").size(); i++) {
                assertBits(run.get("first").get(i).asDouble(), draws[i], "seed " + seedOf(entry) + " normal " + i);
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int c = 0; c < count / chunk; c++) {
                ByteBuffer bytes = ByteBuffer.allocate(8 * chunk).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = c * chunk; i < (c + 1) * chunk; i++) {
                    bytes.putDouble(draws[i]);
                }
                String digest = HexFormat.of().formatHex(sha.digest(bytes.array()));
                assertEquals(run.get("sha256").get(c).asText(), digest,
                        "seed " + seedOf(entry) + ": standard normals " + c * chunk + ".." + ((c + 1) * chunk - 1));
            }
            int tail = 0;
            for (double x : draws) {
                tail += Math.abs(x) > Ziggurat.R ? 1 : 0;
            }
            assertEquals(run.get("tail_draws").asInt(), tail, "tail draws, seed " + seedOf(entry));
            tails += tail;
        }
        assertTrue(tails > 50, "the recorded runs must reach the ziggurat's tail; they reach it " + tails + " times");
    }

    /** Performs one recorded call and compares its output; returns how many values were compared. */
    private static int replay(NumpyGenerator g, JsonNode op, String where) {
        JsonNode out = op.get("out");
        boolean sized = op.has("size");
        int size = sized ? op.get("size").asInt() : 1;
        switch (op.get("op").asText()) {
            case "random_raw" -> assertEquals(Long.toUnsignedString(out.bigIntegerValue().longValue()),
                    Long.toUnsignedString(g.bitGenerator().next64()), where);
            case "random" -> assertBits(out.asDouble(), g.random(), where);
            case "uniform" -> {
                double low = op.get("low").asDouble(), high = op.get("high").asDouble();
                compare(out, sized ? g.uniform(low, high, size) : new double[] {g.uniform(low, high)}, sized, where);
            }
            case "uniform_array" -> compare(out, g.uniform(doubles(op.get("low")), doubles(op.get("high"))), true, where);
            case "standard_normal" -> compare(out, sized ? g.standardNormal(size) : new double[] {g.standardNormal()}, sized, where);
            case "normal" -> {
                double loc = op.get("loc").asDouble(), scale = op.get("scale").asDouble();
                compare(out, sized ? g.normal(loc, scale, size) : new double[] {g.normal(loc, scale)}, sized, where);
            }
            case "integers" -> {
                long low = op.get("low").longValue(), high = op.get("high").longValue();
                long[] actual = sized ? g.integers(low, high, size) : new long[] {g.integers(low, high)};
                long[] expected = sized ? signedLongs(out) : new long[] {out.longValue()};
                assertEquals(List.of(boxed(expected)), List.of(boxed(actual)), where);
            }
            default -> fail("unknown op " + op);
        }
        return out.isArray() ? out.size() : 1;
    }

    private static void compare(JsonNode expected, double[] actual, boolean array, String where) {
        if (!array) {
            assertBits(expected.asDouble(), actual[0], where);
            return;
        }
        assertEquals(expected.size(), actual.length, where + ": size");
        for (int i = 0; i < actual.length; i++) {
            assertBits(expected.get(i).asDouble(), actual[i], where + " [" + i + "]");
        }
    }

    static void assertBits(double expected, double actual, String where) {
        if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
            fail(where + ": " + actual + " (0x" + Long.toHexString(Double.doubleToRawLongBits(actual)) + "), NumPy "
                    + expected + " (0x" + Long.toHexString(Double.doubleToRawLongBits(expected)) + ")");
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static long[] unsignedLongs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).bigIntegerValue().longValue();
        }
        return out;
    }

    private static long[] signedLongs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).longValue();
        }
        return out;
    }

    private static Integer[] unsignedInts(JsonNode array) {
        Integer[] out = new Integer[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) array.get(i).asLong();
        }
        return out;
    }

    private static Integer[] ints(int[] a) {
        Integer[] out = new Integer[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    private static Long[] boxed(long[] a) {
        Long[] out = new Long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    private static List<String> hex(long[] a) {
        List<String> out = new ArrayList<>();
        for (long v : a) {
            out.add(Long.toHexString(v));
        }
        return out;
    }
}
