package dev.javelin.rl.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The rows of a metrics.csv; a row holds only the tags written at its step. */
public record MetricsTable(List<String> tags, List<MetricsTable.Row> rows) {
    /** One row: env step, wall time and the values present at it, by tag. */
    public record Row(long step, double wallTime, Map<String, Double> values) {
    }

    /** Copies both lists. */
    public MetricsTable {
        tags = List.copyOf(tags);
        rows = List.copyOf(rows);
    }

    /** The (step, value) points of one tag, skipping rows without it. */
    public MetricSeries series(String tag) {
        if (!tags.contains(tag)) {
            throw new IllegalArgumentException("metrics have no tag '" + tag + "'; tags: " + tags);
        }
        List<Row> with = new ArrayList<>();
        for (Row r : rows) {
            if (r.values().containsKey(tag)) {
                with.add(r);
            }
        }
        long[] steps = new long[with.size()];
        double[] values = new double[with.size()];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = with.get(i).step();
            values[i] = with.get(i).values().get(tag);
        }
        return new MetricSeries(tag, steps, values);
    }
}
