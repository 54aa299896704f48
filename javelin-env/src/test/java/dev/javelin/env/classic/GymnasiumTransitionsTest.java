package dev.javelin.env.classic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Replays every transition recorded from Gymnasium 0.29.1 ({@code gym.make(id)}, so with its TimeLimit):
 * set the state, apply the action, then compare the next state to 1e-9 relative and the observation,
 * reward, terminated and truncated exactly. The step counter of the TimeLimit runs along each recorded
 * episode (an episode starts at the first row, after a done row, or where the state chain breaks).
 */
class GymnasiumTransitionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "CartPole-v1, cartpole.jsonl",
            "Pendulum-v1, pendulum.jsonl",
            "MountainCar-v0, mountaincar.jsonl",
            "MountainCarContinuous-v0, mountaincar-continuous.jsonl",
            "Acrobot-v1, acrobot.jsonl"})
    void replaysEveryRecordedTransition(String id, String file) throws IOException {
        List<JsonNode> rows = read(file);
        assertEquals(800, rows.size(), file);
        @SuppressWarnings("unchecked")
        Env<float[], Object> env = (Env<float[], Object>) Envs.make(id);
        ClassicControlEnv<?> bare = (ClassicControlEnv<?>) env.unwrapped();
        boolean continuous = bare.actionSpace() instanceof dev.javelin.env.Box;

        JsonNode previous = null;
        double maxRelativeError = 0;
        int truncations = 0, terminations = 0;
        for (int k = 0; k < rows.size(); k++) {
            JsonNode row = rows.get(k);
            double[] state = doubles(row.get("state"));
            boolean newEpisode = previous == null || previous.get("terminated").asBoolean()
                    || previous.get("truncated").asBoolean() || previous.get("seed").asLong() != row.get("seed").asLong()
                    || !Arrays.equals(doubles(previous.get("next_state")), state);
            if (newEpisode) {
                env.reset(row.get("seed").asLong());
            }
            bare.setState(state);
            Object action = continuous ? new float[] {(float) row.get("action").get(0).asDouble()} : row.get("action").asInt();
            Step<float[]> s = env.step(action);

            String where = id + " row " + k;
            double[] expectedState = doubles(row.get("next_state"));
            double[] actualState = bare.state();
            for (int i = 0; i < expectedState.length; i++) {
                double err = Math.abs(actualState[i] - expectedState[i]);
                double rel = err == 0 ? 0 : err / Math.abs(expectedState[i]);
                maxRelativeError = Math.max(maxRelativeError, rel);
                assertTrue(rel <= 1e-9, where + ": next_state[" + i + "] = " + actualState[i] + ", Gymnasium "
                        + expectedState[i] + " (relative error " + rel + ")");
            }
            float[] expectedObs = floats(row.get("next_obs"));
            if (!Arrays.equals(expectedObs, s.observation())) {
                fail(where + ": observation " + Arrays.toString(s.observation()) + ", Gymnasium " + Arrays.toString(expectedObs));
            }
            assertEquals(row.get("reward").asDouble(), s.reward(), 0.0, where + ": reward");
            assertEquals(row.get("terminated").asBoolean(), s.terminated(), where + ": terminated");
            assertEquals(row.get("truncated").asBoolean(), s.truncated(), where + ": truncated");
            truncations += s.truncated() ? 1 : 0;
            terminations += s.terminated() ? 1 : 0;
            previous = row;
        }
        System.out.printf("%s: 800 transitions replayed, max relative state error %.3g, %d terminations, %d truncations%n",
                id, maxRelativeError, terminations, truncations);
    }

    private static List<JsonNode> read(String file) throws IOException {
        var in = Objects.requireNonNull(GymnasiumTransitionsTest.class.getResourceAsStream("/gymnasium-transitions/" + file), file);
        List<JsonNode> rows = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
        }
        return rows;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
