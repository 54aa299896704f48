package dev.javelin.mujoco.robotics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FetchAssetsTest {
    @TempDir
    Path dir;

    @Test
    void gzippedFilesAreDecompressedIntoTheCacheOnceAndPlainOnesCopied() throws IOException {
        Path src = dir.resolve("robotics");
        for (String m : new String[] {"reach.xml", "push.xml", "slide.xml", "pick_and_place.xml"}) {
            Files.createDirectories(src.resolve("fetch"));
            Files.writeString(src.resolve("fetch").resolve(m), "<mujoco/>");
        }
        gzip(src.resolve("fetch/robot.xml.gz"), "<mujoco model='robot'/>");
        gzip(src.resolve("fetch/shared.xml.gz"), "<mujoco model='shared'/>");
        Files.createDirectories(src.resolve("stls/fetch"));
        Files.write(src.resolve("stls/fetch/base_link_collision.stl"), new byte[] {1, 2, 3});
        Path cache = dir.resolve("cache");
        Path root = FetchAssets.prepare(src, cache);
        assertTrue(root.startsWith(cache), root.toString());
        assertEquals("<mujoco model='robot'/>", Files.readString(root.resolve("fetch/robot.xml")));
        assertEquals("<mujoco/>", Files.readString(root.resolve("fetch/reach.xml")));
        assertEquals(3, Files.size(root.resolve("stls/fetch/base_link_collision.stl")));
        assertEquals(root, FetchAssets.prepare(src, cache), "the second lookup reuses the cached copy");
        // a folder without gzip files is used where it is
        Path plain = dir.resolve("plain");
        Files.createDirectories(plain);
        assertEquals(plain, FetchAssets.prepare(plain, cache));
    }

    @Test
    void aNamedFolderWithoutTheModelsIsRejectedWithItsPath() {
        String old = System.getProperty("javelin.fetch.assets");
        System.setProperty("javelin.fetch.assets", dir.toString());
        try {
            var e = assertThrows(IllegalStateException.class, FetchAssets::root);
            assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("fetch/reach.xml"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty("javelin.fetch.assets");
            } else {
                System.setProperty("javelin.fetch.assets", old);
            }
        }
    }

    private static void gzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
