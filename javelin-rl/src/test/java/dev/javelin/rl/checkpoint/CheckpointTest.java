package dev.javelin.rl.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.tensor.Tensor;
import dev.javelin.tensor.io.Float64Data;
import dev.javelin.tensor.io.SafeTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> policy(float w) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("0.weight", Tensor.of(new float[] {w, 2, 3, 4, 5, 6}, 2, 3));
        m.put("0.bias", Tensor.of(new float[] {7, 8}, 2));
        return m;
    }

    @Test
    void groupsAndMetadataRoundTripThroughOneSafetensorsFile() throws Exception {
        Path file = dir.resolve("checkpoints/agent_100.safetensors");
        new Checkpoint().put("policy", policy(1)).put("optimizer", Map.of()).put("state_preprocessor",
                Map.of("current_count", Tensor.of(new float[] {9}))).meta("timestep", 100).meta("algo", "ppo").write(file);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
        assertEquals(Set.of("policy.0.weight", "policy.0.bias", "state_preprocessor.current_count"),
                SafeTensors.read(file).keySet(), "PyTorch-style names");

        Checkpoint c = Checkpoint.read(file);
        assertEquals(List.of("policy", "optimizer", "state_preprocessor"), List.copyOf(c.groups()));
        assertEquals(100, c.longMetadata("timestep"));
        assertEquals("ppo", c.metadata("algo"));
        assertEquals(Map.of(), c.group("optimizer"));
        Map<String, Tensor> live = policy(-1);
        c.restore("policy", live);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, live.get("0.weight").data());
        assertEquals(9, c.group("state_preprocessor").get("current_count").item());
    }

    @Test
    void mismatchesNameTheTensorAndShapes() {
        Path file = dir.resolve("a.safetensors");
        new Checkpoint().put("policy", policy(1)).write(file);
        Checkpoint c = Checkpoint.read(file);

        Map<String, Tensor> other = new LinkedHashMap<>(policy(0));
        other.put("0.bias", Tensor.zeros(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.restore("policy", other));
        assertTrue(e.getMessage().contains("'0.bias' is [2] in the checkpoint but [3] here"), e.getMessage());
        assertEquals(0, other.get("0.weight").data()[0], "nothing copied when one shape is wrong");

        Map<String, Tensor> extra = new LinkedHashMap<>(policy(0));
        extra.put("2.weight", Tensor.zeros(1));
        e = assertThrows(IllegalArgumentException.class, () -> c.restore("policy", extra));
        assertTrue(e.getMessage().contains("missing [2.weight]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.group("value"));
        assertTrue(e.getMessage().contains("no group 'value'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.longMetadata("timestep"));
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint().put("a.b", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint().put("p", Map.of()).put("p", Map.of()));
    }

    @Test
    void corruptAndForeignFilesAreReportedClearly() throws Exception {
        Path file = dir.resolve("agent.safetensors");
        new Checkpoint().put("policy", policy(1)).write(file);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(truncated));
        assertTrue(e.getMessage().startsWith("checkpoint " + truncated + " is corrupt"), e.getMessage());

        Path garbage = dir.resolve("garbage.safetensors");
        Files.writeString(garbage, "not a checkpoint at all");
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(garbage));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());

        Path foreign = dir.resolve("foreign.safetensors");
        SafeTensors.write(foreign, Map.of("w", Tensor.zeros(2)));
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(foreign));
        assertTrue(e.getMessage().contains("not a Javelin checkpoint"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(dir.resolve("missing.safetensors")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void float64GroupsReadBackExactlyAndAFlippedByteIsNamed() throws Exception {
        Path file = dir.resolve("exact.safetensors");
        double third = 1.0 / 3;
        new Checkpoint().put("policy", policy(1))
                .putFloat64("state_preprocessor", Map.of("running_mean", new Float64Data(new int[] {1}, new double[] {third})))
                .write(file);
        Checkpoint c = Checkpoint.read(file);
        assertEquals(third, c.float64Group("state_preprocessor").get("running_mean").data()[0]);
        assertEquals(List.of("policy", "state_preprocessor"), List.copyOf(c.groups()));

        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 1;  // a low bit of the double: still a plausible number
        Files.write(file, bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().startsWith("checkpoint " + file + " is corrupt: its data has CRC-32C"), e.getMessage());
    }
}
