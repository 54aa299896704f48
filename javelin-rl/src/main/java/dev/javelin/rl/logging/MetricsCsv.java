package dev.javelin.rl.logging;

import dev.javelin.rl.run.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.csv}: columns {@code step, wall_time}, then one per tag in order of first appearance;
 * an empty cell where a tag was not written. Rows are appended; a tag that first appears late
 * rewrites the file once (atomically) with the wider header. An existing file is continued (resume).
 */
public final class MetricsCsv implements ScalarWriter {
    static final String STEP = "step";
    static final String WALL_TIME = "wall_time";

    private final Path path;
    private final List<String> tags = new ArrayList<>();
    private BufferedWriter out;

    /** Appends to {@code path}, keeping the columns of an existing file (a resumed run). */
    public MetricsCsv(Path path) {
        this.path = path;
        if (Files.exists(path)) {
            tags.addAll(read(path).tags());
        } else {
            rewrite(new MetricsTable(List.of(), List.of()));
        }
        open();
    }

    /** The file written. */
    public Path path() {
        return path;
    }

    @Override
    public void write(long step, double wallTime, Map<String, Double> scalars) {
        List<String> added = scalars.keySet().stream().filter(t -> !tags.contains(t)).toList();
        if (!added.isEmpty()) {
            closeWriter();
            MetricsTable old = read(path);
            tags.addAll(added);
            rewrite(new MetricsTable(tags, old.rows()));
            open();
        }
        try {
            out.write(row(new MetricsTable.Row(step, wallTime, scalars)));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closeWriter();
    }

    /**
     * Drops the rows of {@code path} past {@code step} (atomically): after a resume from the checkpoint at
     * {@code step} those steps are trained again, and their old rows would make the curves go back.
     */
    public static void dropAfter(Path path, long step) {
        MetricsTable table = read(path);
        List<MetricsTable.Row> kept = table.rows().stream().filter(r -> r.step() <= step).toList();
        if (kept.size() < table.rows().size()) {
            MetricsCsv csv = new MetricsCsv(path, table.tags());
            csv.rewrite(new MetricsTable(table.tags(), kept));
        }
    }

    private MetricsCsv(Path path, List<String> tags) {
        this.path = path;
        this.tags.addAll(tags);
    }

    /** Reads a metrics.csv; a malformed file is rejected with its line. */
    public static MetricsTable read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(path + " is empty: expected a header '" + STEP + "," + WALL_TIME + ",...'");
        }
        List<String> header = split(lines.get(0));
        if (header.size() < 2 || !header.get(0).equals(STEP) || !header.get(1).equals(WALL_TIME)) {
            throw new IllegalArgumentException(path + ": header must start with '" + STEP + "," + WALL_TIME
                    + "', got '" + lines.get(0) + "'");
        }
        List<String> tags = header.subList(2, header.size());
        List<MetricsTable.Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            List<String> cells = split(lines.get(i));
            if (cells.size() > header.size()) {
                throw new IllegalArgumentException(path + " line " + (i + 1) + ": " + cells.size()
                        + " cells but the header has " + header.size());
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (int c = 2; c < cells.size(); c++) {
                if (!cells.get(c).isEmpty()) {
                    values.put(tags.get(c - 2), Double.parseDouble(cells.get(c)));
                }
            }
            rows.add(new MetricsTable.Row(Long.parseLong(cells.get(0)), Double.parseDouble(cells.get(1)), values));
        }
        return new MetricsTable(tags, rows);
    }

    private void rewrite(MetricsTable table) {
        AtomicFiles.write(path, (Writer w) -> {
            w.write(header());
            for (MetricsTable.Row r : table.rows()) {
                w.write(row(r));
            }
        });
    }

    private String header() {
        StringBuilder sb = new StringBuilder(STEP + "," + WALL_TIME);
        for (String t : tags) {
            sb.append(',').append(quote(t));
        }
        return sb.append('\n').toString();
    }

    private String row(MetricsTable.Row r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.step()).append(',').append(r.wallTime());
        for (String t : tags) {
            sb.append(',');
            Double v = r.values().get(t);
            if (v != null) {
                sb.append(v.doubleValue());
            }
        }
        return sb.append('\n').toString();
    }

    private void open() {
        try {
            out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    private void closeWriter() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + path + ": " + e.getMessage(), e);
        }
    }

    private static String quote(String cell) {
        return cell.contains(",") || cell.contains("\"") || cell.contains("\n")
                ? "\"" + cell.replace("\"", "\"\"") + "\""
                : cell;
    }

    /** RFC 4180 cells of one line. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
