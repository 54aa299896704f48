package dev.javelin.cli;

import dev.javelin.rl.memory.Demonstrations;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code javelin demos fetch <task> --episodes N}: demonstrations from a scripted controller. */
@Command(name = "demos", description = "Record demonstrations (transitions to mix into SAC's batches) from a scripted controller.",
        subcommands = DemosCommand.Fetch.class)
final class DemosCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing controller: fetch");
    }

    @Command(name = "fetch", description = "Episodes of the scripted Fetch controller (above the object, descend, close, "
            + "lift, carry to the goal; Push pushes from behind), written as a demonstrations file for SAC's `demonstrations`.")
    static final class Fetch implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TASK", description = "FetchPickAndPlace-v4 or FetchPush-v4 (or their Dense variants)")
        String task;

        @Option(names = "--episodes", defaultValue = "100", description = "episodes to record (default ${DEFAULT-VALUE})")
        int episodes;

        @Option(names = "--seed", defaultValue = "0", description = "seed of the first reset (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--out", description = "a .safetensors or .csv file (default demos-TASK.safetensors)")
        Path out;

        @Override
        public void run() {
            Path file = out != null ? out : Path.of("demos-" + task + ".safetensors");
            FetchDemos.Recording r = FetchDemos.record(task, episodes, seed);
            Demonstrations.write(file, r.transitions());
            spec.commandLine().getOut().printf("%d episodes (%d transitions) of the scripted controller on %s, %.0f%% successful: %s%n",
                    episodes, r.transitions().size(), task, 100 * r.successRate(), file);
        }
    }
}
