package dev.javelin.cli;

import dev.javelin.env.Envs;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "envs", description = "List the registered environments with their spaces and time limits.")
final class EnvsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        for (Envs.Description d : Envs.describe()) {
            out.println(d + d.rewardThreshold().stream().mapToObj(t -> "  solved at " + t).findFirst().orElse(""));
        }
        // ids of a module whose native library is missing stay registered but cannot be listed with spaces
        Envs.unavailableProviders().forEach((name, reason) -> out.println(name + " tasks are not available: " + reason));
    }
}
