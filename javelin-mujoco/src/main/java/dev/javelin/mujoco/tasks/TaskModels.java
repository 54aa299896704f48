package dev.javelin.mujoco.tasks;

import dev.javelin.env.EnvSpec;
import dev.javelin.mujoco.MuJoCo;

import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves a task's {@code xml_file} option as Gymnasium's {@code expand_model_path} does. */
final class TaskModels {
    private TaskModels() {
    }

    /**
     * An absolute path, or one starting with "." or "~", is used as it is; any other name is a file in
     * Gymnasium's MuJoCo assets folder (or {@code JAVELIN_MUJOCO_ASSETS}).
     */
    static Path resolve(EnvSpec.Options options, String defaultFile) {
        String name = options.getString("xml_file", defaultFile);
        Path file;
        if (name.startsWith("/") || name.startsWith(".")) {
            file = Path.of(name);
        } else if (name.startsWith("~")) {
            file = Path.of(System.getProperty("user.home") + name.substring(1));
        } else {
            file = MuJoCo.get().assets().resolve(name);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("make(" + options.id() + "): xml_file " + file + " does not exist");
        }
        return file;
    }
}
