package dev.javelin.rl.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggerTest {
    @TempDir
    Path dir;

    record Written(long step, Map<String, Double> scalars) {
    }

    static final class Recording implements ScalarWriter {
        final List<Written> writes = new ArrayList<>();
        boolean closed;

        @Override
        public void write(long step, double wallTime, Map<String, Double> scalars) {
            writes.add(new Written(step, Map.copyOf(scalars)));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void writesMeansOfValuesSinceTheLastWriteEveryInterval() {
        Recording sink = new Recording();
        try (Logger log = new Logger(100, List.of(sink), () -> 0.0)) {
            // 8 envs: steps advance by 8 and cross the interval between multiples of 100
            for (long step = 8; step <= 320; step += 8) {
                log.record("Loss / Policy loss", step);
                log.step(step);
            }
        }
        assertEquals(3, sink.writes.size());
        assertEquals(new Written(104, Map.of("Loss / Policy loss", (8 + 104) / 2.0)), sink.writes.get(0));
        assertEquals(new Written(208, Map.of("Loss / Policy loss", (112 + 208) / 2.0)), sink.writes.get(1));
        assertEquals(new Written(312, Map.of("Loss / Policy loss", (216 + 312) / 2.0)), sink.writes.get(2));
        assertEquals(true, sink.closed);
    }

    @Test
    void intervalZeroNeverWritesAndNothingRecordedWritesNothing() {
        Recording sink = new Recording();
        Logger off = new Logger(0, List.of(sink), () -> 0.0);
        off.record("a", 1);
        off.step(1_000_000);
        Logger on = new Logger(10, List.of(sink), () -> 0.0);
        on.step(50);
        assertEquals(List.of(), sink.writes);
        assertThrows(IllegalArgumentException.class, () -> new Logger(-1, List.of(), () -> 0.0));
    }

    @Test
    void fansOutToTensorBoardAndCsv() throws Exception {
        Path csv = dir.resolve("metrics.csv");
        TensorBoardWriter tb = new TensorBoardWriter(dir);
        try (Logger log = new Logger(10, List.of(tb, new MetricsCsv(csv)), () -> 5.0)) {
            log.record("Reward / Total reward (mean)", 3);
            log.record("Reward / Total reward (mean)", 5);
            log.step(10);
        }
        assertEquals(List.of("step,wall_time,Reward / Total reward (mean)", "10,5.0,4.0"), Files.readAllLines(csv));
        var events = TensorBoardWriterTest.decode(Files.readAllBytes(tb.path()));
        assertEquals(Map.of("Reward / Total reward (mean)", 4.0f), events.get(1).values());
        assertEquals(10, events.get(1).step());
    }
}
