package dev.javelin.rl.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.javelin.rl.config.ConfigException;
import dev.javelin.rl.config.Configs;
import dev.javelin.tensor.io.SafeTensors;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML config as the command line reads it: optional top-level {@code algo} and {@code env}
 * (a run's {@code config.yaml} has both, so it can be evaluated or reused) and the algorithm's keys.
 */
public record ConfigFile(Path path, Optional<String> algo, Optional<String> env, ObjectNode settings) {
    public static final String ALGO_KEY = "algo";
    public static final String ENV_KEY = "env";
    /** The metadata key of a checkpoint's resolved config (YAML, as config.yaml). */
    public static final String CONFIG_KEY = "config";

    /** Reads a config file: the optional {@code algo} and {@code env} header keys, then the settings. */
    public static ConfigFile read(Path path) {
        return of(path, Configs.readYaml(path));
    }

    /** The config a self-contained checkpoint carries in its metadata; {@code origin} is the checkpoint. */
    public static ConfigFile parse(Path origin, String yaml) {
        return of(origin, Configs.parseYaml(yaml, "the config in " + origin));
    }

    /**
     * The config a self-contained checkpoint carries (metadata key {@code config}, with algo and env), or empty
     * for a file without one (older checkpoints, which need their run's config.yaml).
     */
    public static Optional<ConfigFile> ofCheckpoint(Path checkpoint) {
        Map<String, String> meta;
        try {
            meta = SafeTensors.readMetadata(checkpoint);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("checkpoint " + checkpoint + " does not exist");
        } catch (IOException e) {
            return Optional.empty();  // not a safetensors header: whoever loads the file reports what is wrong
        }
        return Optional.ofNullable(meta.get(CONFIG_KEY)).map(yaml -> parse(checkpoint, yaml));
    }

    private static ConfigFile of(Path path, ObjectNode tree) {
        Optional<String> algo = header(tree, ALGO_KEY, path);
        Optional<String> env = header(tree, ENV_KEY, path);
        tree.remove(ALGO_KEY);
        tree.remove(ENV_KEY);
        return new ConfigFile(path, algo, env, tree);
    }

    private static Optional<String> header(ObjectNode tree, String key, Path path) {
        if (!tree.has(key)) {
            return Optional.empty();
        }
        if (!tree.get(key).isTextual()) {
            throw new ConfigException(path + ": '" + key + "' must be a string, got " + tree.get(key));
        }
        return Optional.of(tree.get(key).textValue());
    }

    /** The YAML text of a resolved config under its algo/env header. */
    public static String render(String algo, String env, Record config) {
        ObjectNode tree = Configs.toTree(config);
        ObjectNode out = tree.objectNode();
        out.put(ALGO_KEY, algo);
        out.put(ENV_KEY, env);
        out.setAll(tree);
        return Configs.toYaml(out);
    }
}
