package dev.javelin.rl.logging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCsvTest {
    @TempDir
    Path dir;

    @Test
    void lateTagsWidenTheHeaderAndEarlierRowsKeepEmptyCells() throws Exception {
        Path file = dir.resolve("metrics.csv");
        try (MetricsCsv csv = new MetricsCsv(file)) {
            csv.write(100, 1000.5, Map.of("Loss / Policy loss", 0.25));
            Map<String, Double> both = new LinkedHashMap<>();
            both.put("Loss / Policy loss", 0.125);
            both.put("Reward / Total reward (mean)", 9.5);
            csv.write(200, 1001.5, both);
            csv.write(300, 1002.5, Map.of("Odd, \"quoted\" tag", 1.0));
        }
        assertEquals(List.of(
                "step,wall_time,Loss / Policy loss,Reward / Total reward (mean),\"Odd, \"\"quoted\"\" tag\"",
                "100,1000.5,0.25,,",
                "200,1001.5,0.125,9.5,",
                "300,1002.5,,,1.0"), Files.readAllLines(file));

        MetricsTable table = MetricsCsv.read(file);
        assertEquals(List.of("Loss / Policy loss", "Reward / Total reward (mean)", "Odd, \"quoted\" tag"), table.tags());
        MetricSeries loss = table.series("Loss / Policy loss");
        assertArrayEquals(new long[] {100, 200}, loss.steps());
        assertArrayEquals(new double[] {0.25, 0.125}, loss.values());
        assertEquals(1, table.series("Odd, \"quoted\" tag").size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.series("nope"));
        assertEquals("metrics have no tag 'nope'; tags: " + table.tags(), e.getMessage());
    }

    @Test
    void anExistingFileIsContinuedOnResume() throws Exception {
        Path file = dir.resolve("metrics.csv");
        try (MetricsCsv csv = new MetricsCsv(file)) {
            csv.write(1, 1.0, Map.of("a", 1.0));
        }
        try (MetricsCsv csv = new MetricsCsv(file)) {
            csv.write(2, 2.0, Map.of("a", 2.0));
            csv.write(3, 3.0, Map.of("b", 3.0));
        }
        assertEquals(List.of("step,wall_time,a,b", "1,1.0,1.0,", "2,2.0,2.0,", "3,3.0,,3.0"), Files.readAllLines(file));
    }

    @Test
    void aFileWithoutTheHeaderIsRejected() throws Exception {
        Path file = Files.writeString(dir.resolve("other.csv"), "x,y\n1,2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricsCsv.read(file));
        assertEquals(file + ": header must start with 'step,wall_time', got 'x,y'", e.getMessage());
    }
}
