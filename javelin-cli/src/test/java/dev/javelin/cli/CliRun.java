package dev.javelin.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code javelin} in this JVM as the launcher would, capturing what it prints: the CLI tests' one way in. */
final class CliRun {
    /** The exit code and everything written to standard out and standard error. */
    record Result(int code, String out, String err) {
    }

    private CliRun() {
    }

    /** Executes {@code Main}'s command line on {@code args} with fresh writers for out and err. */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
