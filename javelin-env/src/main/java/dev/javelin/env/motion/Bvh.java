package dev.javelin.env.motion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Biovision Hierarchy files (the CMU motion-capture format):
 *
 * <pre>
 * HIERARCHY
 * ROOT Hips
 * {
 *   OFFSET 0 0 0
 *   CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation
 *   JOINT Chest { OFFSET 0 5 0  CHANNELS 3 Zrotation Xrotation Yrotation  End Site { OFFSET 0 5 0 } }
 * }
 * MOTION
 * Frames: 2
 * Frame Time: 0.0333333
 * 0 0 0 0 0 0 0 0 0
 * 1 0 0 5 0 0 10 0 0
 * </pre>
 *
 * Keywords are matched case-insensitively; errors name the line and what was expected.
 */
public final class Bvh {
    private static final Set<String> CHANNELS = Set.of(
            "xposition", "yposition", "zposition", "xrotation", "yrotation", "zrotation");

    private Bvh() {
    }

    /**
     * Reads a BVH file; a malformed file is rejected with the line that breaks it.
     *
     * @throws IOException when the file cannot be read
     */
    public static BvhClip read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses BVH text: the hierarchy (offsets, channels, End Sites), then the motion frames. */
    public static BvhClip parse(String text) {
        Tokens t = new Tokens(text);
        t.expect("HIERARCHY");
        t.expect("ROOT");
        BvhJoint root = joint(t, t.name());
        int channels = root.joints().stream().mapToInt(j -> j.channels().size()).sum();
        if (t.peekIs("ROOT")) {
            throw t.error("a second ROOT: only single-skeleton files are supported");
        }
        t.expect("MOTION");
        t.expect("Frames:");
        int frameCount = t.count("frame count");
        t.expect("Frame");
        t.expect("Time:");
        double frameTime = t.number("frame time");
        if (!(frameTime > 0) || Double.isInfinite(frameTime)) {
            throw t.error("frame time " + frameTime + " s, expected > 0");
        }
        double[][] frames = new double[frameCount][channels];
        for (int f = 0; f < frameCount; f++) {
            int line = t.line();
            for (int c = 0; c < channels; c++) {
                if (!t.hasNext()) {
                    throw new IllegalArgumentException("line " + t.line() + ": frame " + f + " (from line " + line
                            + ") ends after " + c + " values, expected " + channels + " (one per channel)");
                }
                frames[f][c] = t.number("value of channel " + c + " in frame " + f);
            }
        }
        if (t.hasNext()) {
            throw t.error("'" + t.peek() + "' after the " + frameCount + " declared frames of " + channels
                    + " values, expected the end of the file");
        }
        return new BvhClip(root, frameTime, frames);
    }

    private static BvhJoint joint(Tokens t, String name) {
        t.expect("{");
        t.expect("OFFSET");
        double[] offset = t.vector("OFFSET of " + name);
        List<String> channels = new ArrayList<>();
        if (t.peekIs("CHANNELS")) {
            t.next();
            int n = t.count("channel count of " + name);
            for (int i = 0; i < n; i++) {
                int line = t.line();
                String c = t.next();
                if (!CHANNELS.contains(c.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("line " + line + ": channel '" + c + "' of " + name
                            + ", expected one of Xposition Yposition Zposition Xrotation Yrotation Zrotation");
                }
                channels.add(c);
            }
        }
        List<BvhJoint> children = new ArrayList<>();
        Optional<double[]> endSite = Optional.empty();
        while (!t.peekIs("}")) {
            if (t.peekIs("JOINT")) {
                t.next();
                children.add(joint(t, t.name()));
            } else if (t.peekIs("End")) {
                t.next();
                t.expect("Site");
                t.expect("{");
                t.expect("OFFSET");
                endSite = Optional.of(t.vector("End Site OFFSET of " + name));
                t.expect("}");
            } else {
                throw t.error("'" + t.peekOrEnd() + "' in joint " + name + ", expected JOINT, End Site or }");
            }
        }
        t.next();
        return new BvhJoint(name, offset, channels, children, endSite);
    }

    /** Whitespace-separated tokens with their line numbers. */
    private static final class Tokens {
        private final List<String> tokens = new ArrayList<>();
        private final List<Integer> lines = new ArrayList<>();
        private int pos;

        Tokens(String text) {
            String[] rows = text.split("\r?\n|\r", -1);
            for (int i = 0; i < rows.length; i++) {
                for (String tok : rows[i].trim().split("\\s+")) {
                    if (!tok.isEmpty()) {
                        tokens.add(tok);
                        lines.add(i + 1);
                    }
                }
            }
        }

        boolean hasNext() { return pos < tokens.size(); }

        int line() { return hasNext() ? lines.get(pos) : (lines.isEmpty() ? 1 : lines.getLast()); }

        String peek() { return tokens.get(pos); }

        String peekOrEnd() { return hasNext() ? peek() : "end of file"; }

        boolean peekIs(String keyword) { return hasNext() && peek().equalsIgnoreCase(keyword); }

        String next() {
            if (!hasNext()) {
                throw error("the file ends early");
            }
            return tokens.get(pos++);
        }

        void expect(String keyword) {
            if (!peekIs(keyword)) {
                throw error("'" + peekOrEnd() + "', expected " + keyword);
            }
            pos++;
        }

        String name() {
            if (!hasNext() || peek().equals("{")) {
                throw error("'" + peekOrEnd() + "', expected a joint name");
            }
            return next();
        }

        double number(String what) {
            String tok = peekOrEnd();
            int line = line();
            try {
                double v = Double.parseDouble(next());
                if (Double.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("line " + line + ": " + what + " is '" + tok + "', expected a finite number");
        }

        int count(String what) {
            int line = line();
            double v = number(what);
            if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("line " + line + ": " + what + " is " + v + ", expected a whole number >= 0");
            }
            return (int) v;
        }

        double[] vector(String what) {
            return new double[] {number(what), number(what), number(what)};
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException("line " + line() + ": " + message);
        }
    }
}
