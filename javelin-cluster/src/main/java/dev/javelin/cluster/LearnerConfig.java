package dev.javelin.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.javelin.rl.config.Configs;
import java.io.IOException;

/** The learner's resolved config as a worker rebuilds it from the YAML in its welcome. */
final class LearnerConfig {
    private static final YAMLMapper YAML = new YAMLMapper();

    private LearnerConfig() {
    }

    static <C extends Record> C parse(Class<C> type, String yaml) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("the learner's config is not YAML: " + e.getMessage(), e);
        }
        return Configs.merge(Configs.defaults(type), tree, "the learner's config");
    }
}
