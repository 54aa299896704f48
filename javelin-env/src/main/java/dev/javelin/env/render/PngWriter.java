package dev.javelin.env.render;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes one frame as PNG, atomically (temporary file, then rename). */
public final class PngWriter {
    private PngWriter() {
    }

    /** Writes {@code image} as PNG to {@code target}, creating its folder. */
    public static void write(BufferedImage image, Path target) {
        Path abs = target.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            Path temp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            try {
                if (!ImageIO.write(image, "png", temp.toFile())) {
                    throw new IOException("no PNG writer for image type " + image.getType());
                }
                Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PngWriter: cannot write " + target, e);
        }
    }
}
