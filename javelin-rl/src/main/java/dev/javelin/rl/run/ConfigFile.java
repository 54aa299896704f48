package dev.javelin.rl.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.javelin.rl.config.ConfigException;
import dev.javelin.rl.config.Configs;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A YAML config as the command line reads it: optional top-level {@code algo} and {@code env}
 * (a run's {@code config.yaml} has both, so it can be evaluated or reused) and the algorithm's keys.
 */
public record ConfigFile(Path path, Optional<String> algo, Optional<String> env, ObjectNode settings) {
    public static final String ALGO_KEY = "algo";
    public static final String ENV_KEY = "env";

    /** Reads a config file: the optional {@code algo} and {@code env} header keys, then the settings. */
    public static ConfigFile read(Path path) {
        ObjectNode tree = Configs.readYaml(path);
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
