package dev.javelin.rl.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.javelin.tensor.io.SafeTensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One training run on disk: {@code config.yaml} (fully resolved, with algo and env), {@code metrics.csv},
 * {@code events.out.tfevents.*}, {@code checkpoints/}, {@code reward.png}, {@code summary.json}, and the
 * {@link RunLock} file {@code .lock} of the process writing it.
 */
public final class RunDirectory {
    /** The resolved config. */
    public static final String CONFIG = "config.yaml";
    /** The metrics table. */
    public static final String METRICS = "metrics.csv";
    /** The checkpoints folder. */
    public static final String CHECKPOINTS = "checkpoints";
    /** The reward curve. */
    public static final String REWARD_PLOT = "reward.png";
    /** The run's summary. */
    public static final String SUMMARY = "summary.json";
    /** The metadata key of a checkpoint's env step, as all agents write it (skrl's "timestep"). */
    public static final String STEP_KEY = "timestep";

    private static final Pattern CHECKPOINT_NAME = Pattern.compile("agent_(\\d{1,18})\\.safetensors");

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path path;

    private RunDirectory(Path path) {
        this.path = path;
    }

    /** skrl's default run name, with the algorithm and environment first so runs sort by what they are. */
    public static String defaultName(String algo, String env, LocalDateTime time) {
        return algo + "-" + env + "-" + STAMP.format(time);
    }

    /**
     * A new run directory {@code parent/name} with an empty {@code checkpoints/}. A chosen name that
     * exists is an error (resume it instead); a default name that collides gets a numeric suffix.
     */
    public static RunDirectory create(Path parent, String name, boolean nameChosen) {
        try {
            Files.createDirectories(parent);
            for (int attempt = 1; ; attempt++) {
                Path dir = parent.resolve(attempt == 1 ? name : name + "-" + attempt);
                try {
                    Files.createDirectory(dir);
                } catch (FileAlreadyExistsException e) {
                    if (nameChosen) {
                        throw new IllegalArgumentException("run directory " + dir
                                + " already exists: resume it with --resume " + dir + " or choose another experiment_name");
                    }
                    continue;
                }
                Files.createDirectories(dir.resolve(CHECKPOINTS));
                return new RunDirectory(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory in " + parent + ": " + e.getMessage(), e);
        }
    }

    /** An existing run, recognized by its {@code config.yaml}. */
    public static RunDirectory open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("run directory " + dir + " does not exist");
        }
        if (!Files.isRegularFile(dir.resolve(CONFIG))) {
            throw new IllegalArgumentException(dir + " is not a run directory: it has no " + CONFIG);
        }
        try {
            Files.createDirectories(dir.resolve(CHECKPOINTS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir.resolve(CHECKPOINTS) + ": " + e.getMessage(), e);
        }
        return new RunDirectory(dir);
    }

    /** The run's folder. */
    public Path path() {
        return path;
    }

    /** The path of config.yaml. */
    public Path configFile() {
        return path.resolve(CONFIG);
    }

    /** The path of metrics.csv. */
    public Path metricsFile() {
        return path.resolve(METRICS);
    }

    /** The checkpoints folder. */
    public Path checkpoints() {
        return path.resolve(CHECKPOINTS);
    }

    /** The path of reward.png. */
    public Path rewardPlot() {
        return path.resolve(REWARD_PLOT);
    }

    /** The path of summary.json. */
    public Path summaryFile() {
        return path.resolve(SUMMARY);
    }

    /** Writes config.yaml atomically, with {@code algo} and {@code env} on top. */
    public void writeConfig(String algo, String env, Record config) {
        AtomicFiles.writeString(configFile(), ConfigFile.render(algo, env, config));
    }

    /** Reads config.yaml. */
    public ConfigFile readConfig() {
        return ConfigFile.read(configFile());
    }

    /** Writes summary.json atomically. */
    public void writeSummary(Summary summary) {
        try {
            AtomicFiles.write(summaryFile(), JSON.writeValueAsBytes(summary));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + summaryFile() + ": " + e.getMessage(), e);
        }
    }

    /** Reads summary.json. */
    public Summary readSummary() {
        try {
            return JSON.readValue(summaryFile().toFile(), Summary.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + summaryFile() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The checkpoint of the highest step: the {@code timestep} in each file's metadata, or the number in
     * {@code agent_<step>.safetensors} when the header cannot say. Never file times, which a copy resets.
     */
    public Optional<Path> latestCheckpoint() {
        try (Stream<Path> files = Files.list(checkpoints())) {
            record Stepped(Path file, long step) {
            }
            return files.filter(p -> p.getFileName().toString().endsWith(".safetensors"))
                    .flatMap(p -> checkpointStep(p).stream().mapToObj(step -> new Stepped(p, step)))
                    .max(Comparator.comparingLong(Stepped::step).thenComparing(s -> s.file().toString()))
                    .map(Stepped::file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + checkpoints() + ": " + e.getMessage(), e);
        }
    }

    /** The env step a checkpoint was written at: its {@code timestep} metadata, else its name's number. */
    public static OptionalLong checkpointStep(Path file) {
        try {
            String step = SafeTensors.readMetadata(file).get(STEP_KEY);
            if (step != null) {
                return OptionalLong.of(Long.parseLong(step));
            }
        } catch (IOException | NumberFormatException e) {
            // a damaged header: the name still orders it, and reading it later reports the damage
        }
        Matcher m = CHECKPOINT_NAME.matcher(file.getFileName().toString());
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** Whether {@code file} lies in a run's {@code checkpoints/} (a folder beside a config.yaml). */
    public static boolean isCheckpointOfRun(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals(CHECKPOINTS)
                && parent.getParent() != null && Files.isRegularFile(parent.getParent().resolve(CONFIG));
    }

    /** The run a checkpoint belongs to ({@code <run>/checkpoints/<file>}), or the run itself. */
    public static RunDirectory of(Path runOrCheckpoint) {
        if (Files.isRegularFile(runOrCheckpoint)) {
            Path parent = runOrCheckpoint.toAbsolutePath().getParent();
            if (parent != null && parent.getFileName().toString().equals(CHECKPOINTS) && parent.getParent() != null) {
                return open(parent.getParent());
            }
            throw new IllegalArgumentException(runOrCheckpoint + " is not inside a run's " + CHECKPOINTS + "/ directory");
        }
        return open(runOrCheckpoint);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
