package dev.javelin.cli;

import dev.javelin.rl.logging.CurvesPlot;
import dev.javelin.rl.logging.MetricsCsv;
import dev.javelin.rl.logging.MetricsTable;
import dev.javelin.rl.logging.RewardPlot;
import dev.javelin.rl.run.AtomicFiles;
import dev.javelin.rl.run.ConfigFile;
import dev.javelin.rl.run.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plot", description = {
        "Plot one metric of several runs on one chart (e.g. three seeds), optionally with a published figure as a",
        "dashed line. Each curve is labelled with its run's seed."})
final class PlotCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "<run-dir>")
    List<Path> runs;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "the PNG to write")
    Path out;

    @Option(names = "--metric", paramLabel = "TAG", description = "a metrics.csv column (default: '" + RewardPlot.RETURN_TAG + "')")
    String metric = RewardPlot.RETURN_TAG;

    @Option(names = "--reference", paramLabel = "VALUE", description = "draw this value as a dashed horizontal line")
    Optional<Double> reference;

    @Option(names = "--reference-label", paramLabel = "TEXT", description = "the reference line's legend entry (default: 'reference')")
    String referenceLabel = "reference";

    @Option(names = "--title", paramLabel = "TEXT", description = "the chart title (default: algo and env of the first run)")
    Optional<String> title;

    @Override
    public Integer call() {
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException("--out writes a PNG: expected a .png file name, got " + out);
        }
        if (reference.isPresent() && !Double.isFinite(reference.get())) {
            throw new IllegalArgumentException("--reference must be a finite number, got " + reference.get());
        }
        List<CurvesPlot.Curve> curves = new ArrayList<>();
        String heading = null;
        for (Path dir : runs) {
            RunDirectory run = RunDirectory.open(dir);
            ConfigFile config = run.readConfig();
            MetricsTable table = MetricsCsv.read(run.metricsFile());
            if (!table.tags().contains(metric)) {
                throw new IllegalArgumentException(run.metricsFile() + " has no column '" + metric + "'; it has " + table.tags());
            }
            String seed = config.settings().has("seed") ? "seed " + config.settings().get("seed").asText() : dir.getFileName().toString();
            curves.add(new CurvesPlot.Curve(seed, table.series(metric)));
            if (heading == null) {
                heading = config.algo().orElse("?") + " on " + config.env().orElse("?");
            }
        }
        OptionalDouble ref = reference.isPresent() ? OptionalDouble.of(reference.get()) : OptionalDouble.empty();
        AtomicFiles.write(out, CurvesPlot.render(curves, title.orElse(heading), metric, ref, referenceLabel));
        System.out.println("wrote " + out);
        return 0;
    }
}
