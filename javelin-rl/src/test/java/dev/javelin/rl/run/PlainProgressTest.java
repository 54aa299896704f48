package dev.javelin.rl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PlainProgressTest {
    @Test
    void printsOneLinePerPeriodAndAFinalLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        try (PlainProgress p = new PlainProgress(10_000, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                Duration.ofSeconds(5), now::get)) {
            now.set(1_000_000_000L);
            p.update(1000, Double.NaN);
            now.set(5_000_000_000L);
            p.update(5000, 21.456);
            now.set(6_000_000_000L);
            p.update(6000, Double.NaN);
            now.set(10_000_000_000L);
            p.update(10_000, 30);
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length);
        assertEquals("step 5000/10000 (50%)  1000 steps/s  return 21.46  elapsed 0:05  ETA 0:05", lines[0]);
        assertEquals("step 10000/10000 (100%)  1000 steps/s  return 30.00  elapsed 0:10  ETA -", lines[1]);
        assertEquals(lines[1], lines[2]);
    }

    @Test
    void speedOfAResumedRunCountsOnlyItsOwnSteps() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        PlainProgress p = new PlainProgress(100_000, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                Duration.ofSeconds(1), now::get);
        p.update(50_000, Double.NaN);
        now.set(2_000_000_000L);
        p.update(52_000, Double.NaN);
        assertEquals("step 52000/100000 (52%)  1000 steps/s  return -  elapsed 0:02  ETA 0:48",
                bytes.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void formatsLongDurationsWithHours() {
        assertEquals("1:01:05", PlainProgress.formatDuration(3665));
        assertEquals("0:59", PlainProgress.formatDuration(59.4));
        assertThrows(IllegalArgumentException.class, () -> new PlainProgress(0, System.out, Duration.ofSeconds(1)));
    }
}
