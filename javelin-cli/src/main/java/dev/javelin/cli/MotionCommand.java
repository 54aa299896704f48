package dev.javelin.cli;

import dev.javelin.env.render.GifWriter;
import dev.javelin.mujoco.CameraConfig;
import dev.javelin.mujoco.MjData;
import dev.javelin.mujoco.MjObject;
import dev.javelin.mujoco.MjRenderer;
import dev.javelin.mujoco.motion.Character;
import dev.javelin.mujoco.motion.Characters;
import dev.javelin.mujoco.motion.MotionLibraries;
import dev.javelin.mujoco.motion.MotionLibrary;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code javelin motion play <clip> --character humanoid --video walk.gif}: a retargeted clip, rendered kinematically. */
@Command(name = "motion", description = "Motion capture retargeted onto MuJoCo characters (the reference motions of AMP).",
        subcommands = MotionCommand.Play.class)
final class MotionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing action: play");
    }

    @Command(name = "play", description = "Retarget a BVH clip onto a character and render it kinematically (each frame's "
            + "qpos set, forward kinematics, no physics) into a GIF.")
    static final class Play implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CLIP", description = "a .bvh file, or a CMU clip name such as 01_01 "
                + "(from /usr/share/assimp/models/BVH, Debian's assimp-testmodels)")
        String clip;

        @Option(names = "--character", defaultValue = "humanoid", description = "humanoid or walker2d (default ${DEFAULT-VALUE})")
        String character;

        @Option(names = "--video", required = true, paramLabel = "FILE.gif", description = "the GIF to write")
        Path video;

        @Option(names = "--fps", defaultValue = "15", description = "GIF frames per second of clip time (default ${DEFAULT-VALUE})")
        int fps;

        @Option(names = "--start", defaultValue = "0", description = "clip time of the first frame, seconds (default ${DEFAULT-VALUE})")
        double start;

        @Option(names = "--frames", description = "frames to render (default: to the end of the clip)")
        Integer frames;

        @Option(names = "--width", defaultValue = "320", description = "pixels (default ${DEFAULT-VALUE})")
        int width;

        @Option(names = "--height", defaultValue = "240", description = "pixels (default ${DEFAULT-VALUE})")
        int height;

        @Override
        public void run() {
            if (!video.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gif")) {
                throw new IllegalArgumentException("--video writes a GIF: expected a .gif file name, got " + video);
            }
            if (fps < 1 || fps > 100) {
                throw new IllegalArgumentException("--fps " + fps + ", expected 1..100 (GIF delays are in 1/100 s)");
            }
            if (frames != null && frames < 1) {
                throw new IllegalArgumentException("--frames " + frames + ", expected >= 1");
            }
            if (width < 1 || height < 1) {
                throw new IllegalArgumentException("--width " + width + " --height " + height + ", expected >= 1 pixels");
            }
            Character c = Characters.named(character);
            MotionLibrary motion = MotionLibraries.load(clip, character);
            if (!(start >= 0 && start <= motion.duration())) {
                throw new IllegalArgumentException("--start " + start + " s, expected 0.." + motion.duration()
                        + " (the clip's duration)");
            }
            int available = (int) Math.floor((motion.duration() - start) * fps) + 1;
            int n = frames == null ? available : Math.min(frames, available);
            int torso = c.model().requireId(MjObject.BODY, "torso");
            try (MjData data = new MjData(c.model());
                 MjRenderer renderer = new MjRenderer(c.model(), width, height);
                 GifWriter gif = new GifWriter(video, fps)) {
                for (int i = 0; i < n; i++) {
                    data.qpos().set(motion.stateAt(start + (double) i / fps).qpos());
                    data.forward();
                    if (i == 0) {
                        renderer.useFreeCamera(data, CameraConfig.free().trackBody(torso).distance(3.0)
                                .elevation(-10.0), true);
                    }
                    gif.addFrame(renderer.render(data));
                }
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "%s on %s: %d frames of %.3f s (%.1f s), %d rendered at %d fps: %s%n",
                    clip, character, motion.frames(), motion.dt(), motion.duration(), n, fps, video);
        }
    }
}
