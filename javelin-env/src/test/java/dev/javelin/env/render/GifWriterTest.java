package dev.javelin.env.render;

import com.madgag.gif.fmsware.GifDecoder;
import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GifWriterTest {

    @Test
    void framesWithFewColorsRoundTripExactly(@TempDir Path dir) {
        Env<float[], Integer> env = Envs.cast(Envs.make("CartPole-v1"));
        env.reset(0);
        BufferedImage a = env.render();
        env.step(1);
        BufferedImage b = env.render();
        Path gif = dir.resolve("cartpole.gif");
        GifWriter.write(gif, 50, List.of(a, b));
        GifDecoder decoder = decode(gif);
        assertEquals(2, decoder.getFrameCount());
        assertEquals(20, decoder.getDelay(0), "50 fps = 20 ms");
        assertEquals(1.0, sameFraction(a, decoder.getFrame(0)), "at most 256 colors: lossless");
        assertEquals(1.0, sameFraction(b, decoder.getFrame(1)));
    }

    /** 125 frames per second (a MuJoCo walker's steps) cannot be a GIF delay: every 5th frame, 40 ms apart. */
    @Test
    void framesFasterThanAGifCanPlayAreThinnedToRealTime(@TempDir Path dir) {
        Env<float[], Integer> env = Envs.cast(Envs.make("CartPole-v1"));
        env.reset(0);
        Path gif = dir.resolve("fast.gif");
        java.util.List<BufferedImage> offered = new java.util.ArrayList<>();
        try (GifWriter w = new GifWriter(gif, 125)) {
            for (int i = 0; i < 11; i++) {
                BufferedImage f = env.render();
                offered.add(f);
                w.addFrame(f);
                env.step(i % 2);
            }
            assertEquals(3, w.frames(), "frames 0, 5 and 10 of 11");
        }
        GifDecoder decoder = decode(gif);
        assertEquals(3, decoder.getFrameCount());
        assertEquals(40, decoder.getDelay(0), "5 frames of 8 ms");
        assertEquals(1.0, sameFraction(offered.get(5), decoder.getFrame(1)));
        Path humanoid = dir.resolve("humanoid.gif");
        GifWriter.write(humanoid, 67, java.util.Collections.nCopies(7, offered.get(0)));
        GifDecoder h = decode(humanoid);
        assertEquals(3, h.getFrameCount(), "67 fps keeps every 3rd frame: 0, 3, 6");
        assertEquals(40, h.getDelay(0), "3 / 67 s = 44.8 ms, in whole hundredths");
    }

    @Test
    void rareShadesGoToTheNearestKeptColor(@TempDir Path dir) {
        Env<float[], Integer> env = Envs.cast(Envs.make("Acrobot-v1"));
        env.reset(0);
        BufferedImage frame = env.render();
        Path gif = dir.resolve("acrobot.gif");
        GifWriter.write(gif, 15, List.of(frame));
        double same = sameFraction(frame, decode(gif).getFrame(0));
        assertTrue(same > 0.99 && same < 1.0, "more than 256 colors: only edge shades change, " + same);
    }

    /** A shaded scene of 1,000 blue-grey shades and a 5x5 red marker: the marker keeps its red. */
    @Test
    void aSmallObjectOfItsOwnHueKeepsItsColor(@TempDir Path dir) {
        BufferedImage frame = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 200; x++) {
                int shade = (y * 200 + x) / 20; // 1,000 shades, 20 pixels each
                frame.setRGB(x, y, (60 + shade / 8) << 16 | (60 + shade / 8) << 8 | (80 + shade % 8 * 20));
            }
        }
        for (int y = 40; y < 45; y++) {
            for (int x = 100; x < 105; x++) {
                frame.setRGB(x, y, 0xdc1010);
            }
        }
        Path gif = dir.resolve("marker.gif");
        GifWriter.write(gif, 10, List.of(frame));
        BufferedImage decoded = decode(gif).getFrame(0);
        for (int y = 40; y < 45; y++) {
            for (int x = 100; x < 105; x++) {
                assertEquals(0xdc1010, decoded.getRGB(x, y) & 0xffffff, "marker pixel " + x + "," + y);
            }
        }
    }

    @Test
    void photographLikeFramesFallBackToNeuQuant(@TempDir Path dir) {
        BufferedImage noise = new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB);
        var rng = new SplittableRandom(0);
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 80; x++) {
                noise.setRGB(x, y, rng.nextInt(1 << 24));
            }
        }
        Path gif = dir.resolve("noise.gif");
        GifWriter.write(gif, 10, List.of(noise));
        GifDecoder decoder = decode(gif);
        assertEquals(80, decoder.getFrameSize().width);
        assertTrue(sameFraction(noise, decoder.getFrame(0)) < 0.5, "4,800 colors cannot be kept");
    }

    @Test
    void noFramesNoFile(@TempDir Path dir) throws java.io.IOException {
        new GifWriter(dir.resolve("empty.gif"), 30).close();
        try (var files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent(), "neither the video nor its temporary file");
        }
    }

    private static GifDecoder decode(Path gif) {
        GifDecoder decoder = new GifDecoder();
        assertEquals(GifDecoder.STATUS_OK, decoder.read(gif.toString()));
        return decoder;
    }

    private static double sameFraction(BufferedImage a, BufferedImage b) {
        int same = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                same += (a.getRGB(x, y) & 0xffffff) == (b.getRGB(x, y) & 0xffffff) ? 1 : 0;
            }
        }
        return (double) same / (a.getWidth() * a.getHeight());
    }
}
