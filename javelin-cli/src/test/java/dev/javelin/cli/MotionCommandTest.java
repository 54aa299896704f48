package dev.javelin.cli;

import static dev.javelin.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.cli.CliRun.Result;
import dev.javelin.mujoco.MuJoCo;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code javelin motion play}: a retargeted CMU clip rendered into a GIF. */
class MotionCommandTest {
    private static final Path CLIP = Path.of("/usr/share/assimp/models/BVH/01_01.bvh");

    @TempDir
    Path dir;

    /** The first second of 01_01 (120 frames) as its own BVH file, so the test retargets quickly. */
    private Path firstSecond() throws Exception {
        List<String> lines = Files.readAllLines(CLIP);
        List<String> out = new ArrayList<>();
        int frames = -1;
        for (String line : lines) {
            if (line.trim().startsWith("Frames:")) {
                out.add("Frames: 120");
                frames = 0;
            } else if (frames < 0 || line.trim().startsWith("Frame Time:")) {
                out.add(line);
            } else if (frames < 120 && !line.isBlank()) {
                out.add(line);
                frames++;
            }
        }
        Path file = dir.resolve("first_second.bvh");
        Files.write(file, out);
        return file;
    }

    @Test
    void playWritesAGifInWhichTheHumanoidIsVisible() throws Exception {
        if (System.getenv("JAVELIN_REQUIRE_MUJOCO") == null) {
            Assumptions.assumeTrue(MuJoCo.available() && Files.isRegularFile(CLIP),
                    "MuJoCo or the CMU clips (sudo apt-get install assimp-testmodels) not installed");
        }
        Path gif = dir.resolve("walk.gif");
        Result r = run("motion", "play", firstSecond().toString(), "--character", "humanoid", "--video", gif.toString(),
                "--fps", "10", "--width", "160", "--height", "120");
        assertEquals(0, r.code(), r.err());
        // 1 s of clip at 0.015 s is 67 frames (0.99 s); at 10 fps that is frames 0, 0.1, ..., 0.9 s
        assertTrue(r.out().contains("67 frames of 0.015 s") && r.out().contains("10 rendered at 10 fps"), r.out());
        BufferedImage first = ImageIO.read(gif.toFile());
        assertEquals(160, first.getWidth());
        assertEquals(120, first.getHeight());
        int body = 0;
        for (int y = 0; y < first.getHeight(); y++) {
            for (int x = 0; x < first.getWidth(); x++) {
                int p = first.getRGB(x, y);
                int red = p >> 16 & 0xff, green = p >> 8 & 0xff, blue = p & 0xff;
                body += red > green + 15 && red > blue + 40 ? 1 : 0;
            }
        }
        // the humanoid's brown capsules; the sky is blue-grey and the floor a green-grey checker
        assertTrue(body > 100, "humanoid pixels in the first frame: " + body);
    }

    @Test
    void badArgumentsAreNamed() {
        Result r = run("motion", "play", "01_01", "--video", dir.resolve("walk.png").toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("expected a .gif file name"), r.err());
        r = run("motion", "play", dir.resolve("none.bvh").toString(), "--video", dir.resolve("w.gif").toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("apt-get install assimp-testmodels"), r.err());
        r = run("motion", "play", "01_01", "--character", "dog", "--video", dir.resolve("w.gif").toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("[humanoid, walker2d]"), r.err());
    }
}
