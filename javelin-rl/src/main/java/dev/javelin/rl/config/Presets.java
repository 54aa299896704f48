package dev.javelin.rl.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tuned settings shipped with Javelin: {@code presets/<algo>/<env-id>.yaml} under the Javelin home
 * (the repository root; the launcher passes it as {@code -Djavelin.home}). A preset is the config
 * {@code javelin train <algo> <env-id>} starts from when no {@code --config} is given.
 */
public final class Presets {
    /** System property of the Javelin home, the folder that holds {@code presets/}. */
    public static final String HOME_PROPERTY = "javelin.home";

    private Presets() {
    }

    /** The Javelin home: {@code -Djavelin.home}, else the working directory. */
    public static Path home() {
        return Path.of(System.getProperty(HOME_PROPERTY, "."));
    }

    /** Where the preset of {@code algo} on {@code envId} would be: {@code <home>/presets/<algo>/<envId>.yaml}. */
    public static Path path(Path home, String algo, String envId) {
        return home.resolve("presets").resolve(algo).resolve(envId + ".yaml");
    }

    /** The preset of {@code algo} on {@code envId}, if that file exists. */
    public static Optional<Path> find(Path home, String algo, String envId) {
        Path p = path(home, algo, envId);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }
}
