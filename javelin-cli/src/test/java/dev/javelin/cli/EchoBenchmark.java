package dev.javelin.cli;

import java.io.PrintWriter;

/** A benchmark double: prints what format it was asked for. */
public final class EchoBenchmark implements Benchmark {
    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String description() {
        return "prints its output format (test double)";
    }

    @Override
    public void run(boolean json, PrintWriter out) {
        out.println(json ? "{\"format\": \"json\"}" : "format: text");
    }
}
