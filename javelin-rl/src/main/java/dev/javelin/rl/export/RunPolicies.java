package dev.javelin.rl.export;

import dev.javelin.policy.PolicyReader;
import dev.javelin.policy.PolicySpec;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.config.ConfigException;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.config.TrainConfig;
import dev.javelin.rl.run.ConfigFile;
import dev.javelin.rl.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The policy of a run directory (its latest checkpoint) or of one of its checkpoints, as {@code javelin eval} finds
 * them: the run's config.yaml names the algorithm and env and holds the config the checkpoint was trained with.
 * {@code Policy.load} reaches it through {@link PolicyReader}.
 */
public final class RunPolicies implements PolicyReader {
    @Override
    public PolicySpec read(Path runOrCheckpoint) {
        RunDirectory run = RunDirectory.of(runOrCheckpoint);
        ConfigFile file = run.readConfig();
        String algo = file.algo().orElseThrow(() -> new ConfigException(run.configFile() + " has no 'algo' key"));
        String env = file.env().orElseThrow(() -> new ConfigException(run.configFile() + " has no 'env' key"));
        Path checkpoint = Files.isRegularFile(runOrCheckpoint) ? runOrCheckpoint : run.latestCheckpoint().orElseThrow(
                () -> new IllegalArgumentException("run " + run + " has no checkpoints/*.safetensors to export"));
        return policy(find(algo), env, file, checkpoint);
    }

    private static <C extends Record & TrainConfig> PolicySpec policy(PolicyExporter<C> exporter, String env,
            ConfigFile file, Path checkpoint) {
        C config = Configs.merge(Configs.defaults(exporter.configClass()), file.settings(), file.path().toString());
        try {
            return exporter.policy(config, env, Checkpoint.read(checkpoint));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot export " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    /** The exporters on the class path, sorted by algorithm. */
    public static List<PolicyExporter<?>> all() {
        return ServiceLoader.load(PolicyExporter.class).stream()
                .<PolicyExporter<?>>map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(PolicyExporter::algo))
                .toList();
    }

    public static PolicyExporter<?> find(String algo) {
        List<PolicyExporter<?>> all = all();
        return all.stream().filter(e -> e.algo().equalsIgnoreCase(algo)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("cannot export a '" + algo + "' policy; algorithms that "
                        + "export: " + String.join(", ", all.stream().map(PolicyExporter::algo).toList())));
    }
}
