package dev.javelin.rl.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One invocation of {@code javelin train} within a run: the env steps it went from and to, and its
 * training wall time. A run resumed after a stop or a crash is several segments.
 */
public record Segment(long fromStep, long toStep, double wallSeconds) {
    public Segment {
        if (fromStep < 0 || toStep < fromStep) {
            throw new IllegalArgumentException("segment: steps must satisfy 0 <= from_step <= to_step, got "
                    + fromStep + " .. " + toStep);
        }
        if (!(wallSeconds >= 0)) {
            throw new IllegalArgumentException("segment: wall_seconds must be >= 0, got " + wallSeconds);
        }
    }

    /** As a checkpoint's metadata holds them: {@code from-to:seconds} joined by commas. */
    public static String encode(List<Segment> segments) {
        return String.join(",", segments.stream()
                .map(s -> String.format(Locale.ROOT, "%d-%d:%s", s.fromStep, s.toStep, s.wallSeconds)).toList());
    }

    public static List<Segment> decode(String text) {
        List<Segment> out = new ArrayList<>();
        for (String part : text.isEmpty() ? new String[0] : text.split(",")) {
            try {
                int dash = part.indexOf('-');
                int colon = part.indexOf(':');
                out.add(new Segment(Long.parseLong(part.substring(0, dash)), Long.parseLong(part.substring(dash + 1, colon)),
                        Double.parseDouble(part.substring(colon + 1))));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("segments: expected 'from-to:seconds' items, got '" + part + "' in '"
                        + text + "'", e);
            }
        }
        return out;
    }
}
