package dev.javelin.mujoco.motion;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The characters that motion capture can be retargeted onto, each read once from its joint map. */
public final class Characters {
    /** The names {@link #named} accepts. */
    public static final List<String> NAMES = List.of("humanoid", "walker2d");

    private static final Map<String, Character> LOADED = new ConcurrentHashMap<>();

    private Characters() {
    }

    /** Gymnasium's Humanoid (humanoid.xml, free root joint, control dt 0.015 s). */
    public static Character humanoid() {
        return named("humanoid");
    }

    /** Gymnasium's Walker2d (walker2d_v5.xml, planar root rootx/rootz/rooty, control dt 0.008 s). */
    public static Character walker2d() {
        return named("walker2d");
    }

    /** The character called {@code name}; an unknown name is rejected with the known ones. */
    public static Character named(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("character '" + name + "', expected one of " + NAMES);
        }
        return LOADED.computeIfAbsent(name, Character::load);
    }
}
