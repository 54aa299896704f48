package dev.javelin.cli;

import dev.javelin.rl.Algorithm;
import dev.javelin.rl.Algorithms;
import dev.javelin.rl.config.Configs;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "algos", description = "List the training algorithms and their config keys.")
final class AlgosCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        List<Algorithm<?>> all = Algorithms.all();
        if (all.isEmpty()) {
            out.println("no algorithms on the class path");
            return;
        }
        for (Algorithm<?> a : all) {
            out.printf("%-10s %s%n", a.name(), a.description());
            out.printf("%-10s keys: %s%n", "", String.join(", ", Configs.keys(a.configClass())));
        }
    }
}
