package dev.javelin.mujoco.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.Reset;
import dev.javelin.env.Step;
import dev.javelin.mujoco.MuJoCoAssumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Replays trajectories recorded from Gymnasium 1.3.0 + MuJoCo 3.14 (tools/record_mujoco_trajectories.py):
 * same seed and actions must give the same reset observations, observations, rewards, info terms,
 * terminations and truncations, bit for bit (observations compared after the float32 cast Javelin's
 * observations carry; everything else as float64).
 */
class GymnasiumTrajectoriesTest {
    /** Python's json writes inf as Infinity (healthy_z_range=(0.7, inf)), which JSON proper has no word for. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    @TestFactory
    Stream<DynamicTest> everyRecordedCase() throws IOException, URISyntaxException {
        Path dir = Path.of(GymnasiumTrajectoriesTest.class.getResource("/gymnasium").toURI());
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> p.toString().endsWith(".json.gz")).sorted().forEach(files::add);
        }
        for (var spec : new MujocoTasks().specs()) {
            assertTrue(files.contains(dir.resolve(spec.id() + ".json.gz")), spec.id() + " has no default-options fixture in " + files);
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> replay(f)));
    }

    private static void replay(Path file) throws IOException {
        MuJoCoAssumptions.assumeMuJoCo();
        JsonNode doc;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            doc = JSON.readTree(in);
        }
        String id = doc.get("id").asText();
        Map<String, Object> options = new HashMap<>();
        doc.get("kwargs").properties().forEach(e -> options.put(e.getKey(), option(e.getValue())));
        options.put("max_episode_steps", doc.get("max_episode_steps").asInt());
        for (JsonNode run : doc.get("runs")) {
            long seed = run.get("seed").asLong();
            try (Env<float[], float[]> env = Envs.cast(Envs.make(id, options))) {
                boolean first = true;
                int t = 0;
                for (JsonNode event : run.get("events")) {
                    String where = id + " seed " + seed + " event " + t++;
                    if (event.has("reset")) {
                        Reset<float[]> r = first ? env.reset(seed) : env.reset();
                        first = false;
                        assertObservation(event.get("reset"), r.observation(), where + " (reset)");
                        assertInfo(event.get("info"), r.info(), where + " (reset)");
                    } else {
                        JsonNode a = event.get("action");
                        float[] action = new float[a.size()];
                        for (int i = 0; i < action.length; i++) {
                            action[i] = (float) a.get(i).asDouble();
                        }
                        Step<float[]> s = env.step(action);
                        assertObservation(event.get("obs"), s.observation(), where);
                        assertBits(event.get("reward").asDouble(), s.reward(), where + " reward");
                        assertEquals(event.get("terminated").asBoolean(), s.terminated(), where + " terminated");
                        assertEquals(event.get("truncated").asBoolean(), s.truncated(), where + " truncated");
                        assertInfo(event.get("info"), s.info(), where);
                    }
                }
            }
        }
    }

    /** A keyword argument as a command line or config would pass it: a range, a flag, a name or a number. */
    private static Object option(JsonNode v) {
        if (v.isArray()) {
            return List.of(v.get(0).asDouble(), v.get(1).asDouble());
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return v.isTextual() ? v.asText() : v.asDouble();
    }

    private static void assertObservation(JsonNode expected, float[] actual, String where) {
        assertEquals(expected.size(), actual.length, where + ": observation size");
        for (int i = 0; i < actual.length; i++) {
            float want = (float) expected.get(i).asDouble();
            if (Float.floatToRawIntBits(want) != Float.floatToRawIntBits(actual[i])) {
                fail(where + ": observation[" + i + "] = " + actual[i] + ", Gymnasium " + want);
            }
        }
    }

    private static void assertInfo(JsonNode expected, Map<String, Object> actual, String where) {
        List<String> keys = new ArrayList<>();
        expected.fieldNames().forEachRemaining(keys::add);
        assertEquals(new java.util.TreeSet<>(keys), new java.util.TreeSet<>(actual.keySet()), where + ": info keys");
        for (var e : expected.properties()) {
            Object got = actual.get(e.getKey());
            if (got == null) {
                fail(where + ": info has no '" + e.getKey() + "'; has " + actual.keySet());
            }
            if (e.getValue().isArray()) {
                double[] g = (double[]) got;
                assertEquals(e.getValue().size(), g.length, where + " info " + e.getKey());
                for (int i = 0; i < g.length; i++) {
                    assertBits(e.getValue().get(i).asDouble(), g[i], where + " info " + e.getKey() + "[" + i + "]");
                }
            } else if (e.getValue().isBoolean()) {
                assertEquals(e.getValue().asBoolean(), got, where + " info " + e.getKey());
            } else {
                assertBits(e.getValue().asDouble(), ((Number) got).doubleValue(), where + " info " + e.getKey());
            }
        }
    }

    private static void assertBits(double expected, double actual, String where) {
        if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)
                && !(expected == 0 && actual == 0)) {
            fail(where + " = " + actual + ", Gymnasium " + expected + " (differs by " + (actual - expected) + ")");
        }
    }
}
