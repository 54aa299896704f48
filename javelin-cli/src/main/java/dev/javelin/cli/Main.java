package dev.javelin.cli;

import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code javelin} command. */
@Command(name = "javelin", mixinStandardHelpOptions = true, version = "javelin 0.1.0",
        description = "Deep reinforcement learning on the JVM.", usageHelpAutoWidth = true, scope = CommandLine.ScopeType.INHERIT,
        subcommands = {TrainCommand.class, EvalCommand.class, ExportCommand.class, ClusterCommand.class, EnvsCommand.class,
                AlgosCommand.class, BenchCommand.class, DemosCommand.class, PlotCommand.class, MotionCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** The root command; picocli fills its options. */
    public Main() {
    }

    /** Exit code of a command that was given bad input (config, ids, paths). */
    static final int BAD_INPUT = 2;
    /** Exit code of a run stopped by SIGINT/SIGTERM after writing its checkpoint (128 + SIGINT, as shells report). */
    static final int STOPPED = 130;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: train, eval, export, cluster, envs, algos, bench, demos, plot or motion");
    }

    /** Runs the command line and exits with its code: 0 on success, 2 on bad input. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Bad input ends with one line naming what was wrong; JAVELIN_TRACE=1 adds the stack trace. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof UncheckedIOException) {
                cmd.getErr().println(cmd.getColorScheme().errorText("javelin " + cmd.getCommandName() + ": " + e.getMessage()));
                if (System.getenv("JAVELIN_TRACE") != null) {
                    e.printStackTrace(cmd.getErr());
                }
                return BAD_INPUT;
            }
            throw e;
        });
        return cl;
    }
}
