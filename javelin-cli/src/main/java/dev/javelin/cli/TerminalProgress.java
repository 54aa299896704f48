package dev.javelin.cli;

import dev.javelin.rl.run.PlainProgress;
import dev.javelin.rl.run.Progress;
import java.io.Console;
import java.text.DecimalFormat;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar with steps, steps/s, recent return and ETA, for a person at a terminal. */
final class TerminalProgress implements Progress {
    private final long total;
    private ProgressBar bar;

    TerminalProgress(long total) {
        this.total = total;
    }

    /** A bar when stdout is a terminal and not {@code quiet}, else a plain line every 5 seconds. */
    static Progress forRun(long total, boolean quiet) {
        Console console = System.console();
        // JDK 22+ returns a Console for redirected output too: ask whether it is a terminal
        boolean terminal = console != null && console.isTerminal();
        return terminal && !quiet ? new TerminalProgress(total) : new PlainProgress(total, System.out, Duration.ofSeconds(5));
    }

    @Override
    public void update(long step, double recentReturn) {
        if (bar == null) {
            // started at the first report, so a resumed run's speed and ETA count only its own steps
            bar = new ProgressBarBuilder()
                    .setTaskName("train")
                    .setInitialMax(total)
                    .startsFrom(step, Duration.ZERO)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUnit(" steps", 1)
                    .showSpeed(new DecimalFormat("#,##0"))
                    .setUpdateIntervalMillis(250)
                    .build();
        }
        bar.stepTo(step);
        if (!Double.isNaN(recentReturn)) {
            bar.setExtraMessage(String.format(Locale.ROOT, "  return %.1f", recentReturn));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
