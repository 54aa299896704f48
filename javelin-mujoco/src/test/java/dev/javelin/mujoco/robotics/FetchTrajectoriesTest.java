package dev.javelin.mujoco.robotics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.GoalEnv;
import dev.javelin.env.Reset;
import dev.javelin.env.Step;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays trajectories recorded from Gymnasium-Robotics' Fetch v4 envs on MuJoCo 3.14
 * (tools/record_fetch_trajectories.py): the same seed and actions give the same reset and step observations,
 * rewards, is_success, compute_reward, terminated and truncated.
 *
 * <p>Observations bit for bit after the float32 cast Javelin's observations carry; rewards and is_success bit for
 * bit as float64. The velocity entries are {@code jacobian @ qvel}, which the reference sums through NumPy's BLAS
 * (dgemv, whose order depends on the BLAS build) and Javelin in index order: their float64 values may differ in the
 * last bits, which the float32 cast hid in every recorded step. compute_reward is recomputed from the float32 goals
 * (what hindsight replay stores), so it is compared within 1e-6 (dense) and equal (sparse) away from the threshold.
 */
class FetchTrajectoriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyRecordedTask() throws IOException, URISyntaxException {
        Path dir = Path.of(FetchTrajectoriesTest.class.getResource("/fetch").toURI());
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> p.toString().endsWith(".json.gz")).sorted().forEach(files::add);
        }
        assertTrue(files.size() >= 6, "recorded tasks: " + files);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> replay(f)));
    }

    private static void replay(Path file) throws IOException {
        FetchAssumptions.assumeFetch();
        JsonNode doc;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            doc = JSON.readTree(in);
        }
        String id = doc.get("id").asText();
        for (JsonNode run : doc.get("runs")) {
            long seed = run.get("seed").asLong();
            try (Env<Map<String, Object>, float[]> env = Envs.cast(Envs.make(id, Map.of()))) {
                GoalEnv goalEnv = (GoalEnv) env.unwrapped();
                boolean first = true;
                int t = 0;
                for (JsonNode event : run.get("events")) {
                    String where = id + " seed " + seed + " event " + t++;
                    if (event.has("reset")) {
                        Reset<Map<String, Object>> r = first ? env.reset(seed) : env.reset();
                        first = false;
                        assertObservation(event.get("reset"), r.observation(), where + " (reset)");
                    } else {
                        JsonNode a = event.get("action");
                        float[] action = new float[a.size()];
                        for (int i = 0; i < action.length; i++) {
                            action[i] = (float) a.get(i).asDouble();
                        }
                        Step<Map<String, Object>> s = env.step(action);
                        assertObservation(event.get("obs"), s.observation(), where);
                        assertBits(event.get("reward").asDouble(), s.reward(), where + " reward");
                        assertEquals(event.get("terminated").asBoolean(), s.terminated(), where + " terminated");
                        assertEquals(event.get("truncated").asBoolean(), s.truncated(), where + " truncated");
                        assertBits(event.get("is_success").asDouble(), (Double) s.info().get("is_success"), where + " is_success");
                        double[] recomputed = goalEnv.computeReward((float[]) s.observation().get(GoalEnv.ACHIEVED_GOAL),
                                (float[]) s.observation().get(GoalEnv.DESIRED_GOAL), 1);
                        // From the float32 goals: equal to the reference's except within float32 rounding of the threshold.
                        assertEquals(event.get("compute_reward").asDouble(), recomputed[0], 1e-6, where + " compute_reward");
                    }
                }
            }
        }
    }

    private static void assertObservation(JsonNode expected, Map<String, Object> actual, String where) {
        assertEquals(List.of(GoalEnv.OBSERVATION, GoalEnv.ACHIEVED_GOAL, GoalEnv.DESIRED_GOAL), List.copyOf(actual.keySet()), where);
        for (String key : actual.keySet()) {
            float[] got = (float[]) actual.get(key);
            JsonNode want = expected.get(key);
            assertEquals(want.size(), got.length, where + " " + key + " size");
            for (int i = 0; i < got.length; i++) {
                float w = (float) want.get(i).asDouble();
                if (Float.floatToRawIntBits(w) != Float.floatToRawIntBits(got[i])) {
                    assertEquals(w, got[i], 0.0, where + " " + key + "[" + i + "] (bits)");
                }
            }
        }
    }

    private static void assertBits(double expected, double actual, String where) {
        if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
            assertEquals(expected, actual, 0.0, where + " (bits: expected " + expected + ", got " + actual + ")");
        }
    }
}
