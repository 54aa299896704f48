package dev.javelin.mujoco.motion;

import dev.javelin.env.motion.Bvh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Motion libraries retargeted from BVH clips at their character's control dt, computed once per (clip, character). */
public final class MotionLibraries {
    /** Where Debian's {@code assimp-testmodels} package installs the CMU clips (01_01.bvh, 01_03.bvh). */
    public static final Path ASSIMP_BVH = Path.of("/usr/share/assimp/models/BVH");

    private record Key(Path clip, String character) {
    }

    private static final Map<Key, MotionLibrary> CACHE = new ConcurrentHashMap<>();

    private MotionLibraries() {
    }

    /**
     * The clip retargeted onto the character at {@link Character#controlDt()}.
     *
     * @param clip      a path to a {@code .bvh} file, or a name such as {@code 01_01} looked up in {@link #ASSIMP_BVH}
     * @param character a name {@link Characters#named} accepts
     * @throws IllegalArgumentException when the clip cannot be found (the message names the places looked at)
     */
    public static MotionLibrary load(String clip, String character) {
        Path file = resolve(clip);
        Character c = Characters.named(character);
        return CACHE.computeIfAbsent(new Key(file, character), k -> {
            try {
                return Retargeting.retarget(Bvh.read(file), c, c.controlDt());
            } catch (IOException e) {
                throw new UncheckedIOException("motion clip " + file, e);
            }
        });
    }

    /** The BVH file a clip argument names: the path itself if it exists, else {@code <clip>.bvh} in the assimp folder. */
    public static Path resolve(String clip) {
        Path direct = Path.of(clip);
        List<Path> looked = clip.endsWith(".bvh")
                ? List.of(direct, ASSIMP_BVH.resolve(direct.getFileName()))
                : List.of(direct, ASSIMP_BVH.resolve(clip + ".bvh"));
        for (Path p : looked) {
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalArgumentException("motion clip '" + clip + "': no file at " + looked
                + "; the CMU clips 01_01 and 01_03 come with Debian's assimp-testmodels package"
                + " (sudo apt-get install assimp-testmodels)");
    }
}
