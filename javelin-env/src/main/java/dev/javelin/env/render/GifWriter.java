package dev.javelin.env.render;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Streams frames into an animated GIF (looping forever). Frames go to a temporary file next to the
 * target, renamed into place by {@link #close()}, so a reader never sees a half-written video; frames
 * are encoded as they arrive, so a long episode does not pile up images in memory.
 *
 * <p>GIF delays are whole hundredths of a second, and viewers play delays under 2 as 10, so frames above 50 per
 * second cannot play at their speed: such a stream keeps every k-th frame, k = ceil(fps / 25), and plays the kept
 * frames at fps / k (a MuJoCo walker's 125 steps per second become 25 frames per second, in real time).
 */
public final class GifWriter implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private final PaletteGifEncoder encoder = new PaletteGifEncoder();
    private final int keepEvery;
    private int offered;
    private int frames;
    private boolean closed;

    /** A GIF at {@code target}, {@code fps} frames per second, looping. */
    public GifWriter(Path target, int fps) {
        if (fps <= 0) {
            throw new IllegalArgumentException("GifWriter: fps = " + fps + ", expected > 0");
        }
        this.target = target.toAbsolutePath();
        try {
            Files.createDirectories(this.target.getParent());
            this.temp = Files.createTempFile(this.target.getParent(), "." + this.target.getFileName(), ".tmp");
            this.out = new BufferedOutputStream(Files.newOutputStream(temp));
        } catch (IOException e) {
            throw new UncheckedIOException("GifWriter: cannot write " + target, e);
        }
        encoder.start(out);
        encoder.setRepeat(0);
        this.keepEvery = fps <= 50 ? 1 : (fps + 24) / 25;
        // the nearest whole hundredth of a second (the encoder takes milliseconds and rounds them again)
        encoder.setDelay(10 * Math.max(2, Math.round(100f * keepEvery / fps)));
    }

    /** Appends one frame (or, above 50 frames per second, drops it unless it is the k-th: see the class). */
    public void addFrame(BufferedImage frame) {
        if (closed) {
            throw new IllegalStateException("GifWriter: addFrame after close of " + target);
        }
        if (offered++ % keepEvery != 0) {
            return;
        }
        if (!encoder.addFrame(frame)) {
            throw new UncheckedIOException(new IOException("GifWriter: encoding a frame of " + target + " failed"));
        }
        frames++;
    }

    /** Frames written so far (kept, not offered). */
    public int frames() { return frames; }

    /** The file being written. */
    public Path target() { return target; }

    /** Finishes the file and moves it into place; a writer with no frames leaves no file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            encoder.finish();
            out.close();
            if (frames == 0) {
                Files.deleteIfExists(temp);
                return;
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("GifWriter: cannot finish " + target, e);
        }
    }

    /** Writes a whole clip at once. */
    public static void write(Path target, int fps, Iterable<BufferedImage> frames) {
        try (GifWriter w = new GifWriter(target, fps)) {
            frames.forEach(w::addFrame);
        }
    }
}
