package dev.javelin.rl.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/** One line every {@code period}, and one at the end: for logs, pipes and {@code --quiet}. */
public final class PlainProgress implements Progress {
    private final long total;
    private final PrintStream out;
    private final long periodNanos;
    private final LongSupplier clock;
    private final long start;
    private long lastPrint;
    private long baseStep = -1;
    private long baseTime;
    private long step;
    private double recentReturn = Double.NaN;
    private boolean closed;

    /** Prints a progress line to {@code out} at most every {@code period}. */
    public PlainProgress(long total, PrintStream out, Duration period) {
        this(total, out, period, System::nanoTime);
    }

    PlainProgress(long total, PrintStream out, Duration period, LongSupplier clock) {
        if (total <= 0) {
            throw new IllegalArgumentException("progress: total steps must be > 0, got " + total);
        }
        this.total = total;
        this.out = out;
        this.periodNanos = period.toNanos();
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastPrint = start;
    }

    @Override
    public void update(long step, double recentReturn) {
        this.step = step;
        if (baseStep < 0) {
            // speed counts from the first report, so a resumed run does not claim its earlier steps
            baseStep = step;
            baseTime = clock.getAsLong();
        }
        if (!Double.isNaN(recentReturn)) {
            this.recentReturn = recentReturn;
        }
        long now = clock.getAsLong();
        if (now - lastPrint >= periodNanos) {
            lastPrint = now;
            out.println(line(now));
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            out.println(line(clock.getAsLong()));
            out.flush();
        }
    }

    String line(long now) {
        double seconds = (now - start) / 1e9;
        double measured = (now - baseTime) / 1e9;
        double rate = baseStep >= 0 && measured > 0 ? (step - baseStep) / measured : 0;
        String eta = rate > 0 && step < total ? formatDuration((total - step) / rate) : "-";
        return String.format(Locale.ROOT, "step %d/%d (%.0f%%)  %.0f steps/s  return %s  elapsed %s  ETA %s",
                step, total, 100.0 * step / total, rate,
                Double.isNaN(recentReturn) ? "-" : String.format(Locale.ROOT, "%.2f", recentReturn),
                formatDuration(seconds), eta);
    }

    static String formatDuration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
