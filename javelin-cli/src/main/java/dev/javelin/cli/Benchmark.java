package dev.javelin.cli;

import java.io.PrintWriter;

/**
 * A benchmark run by {@code javelin bench <name>}. Implementations are listed in
 * {@code META-INF/services/dev.javelin.cli.Benchmark} (javelin-bench, which the launcher puts on
 * the class path) and need a public no-argument constructor.
 */
public interface Benchmark {
    /** As typed after {@code javelin bench}: "engine", "ppo". */
    String name();

    /** One line for the list of benchmarks. */
    String description();

    /**
     * Runs and prints the figures to {@code out}: one JSON object when {@code json}, readable lines otherwise.
     *
     * @throws Exception when the workload cannot run (a missing library or file, a failed training run)
     */
    void run(boolean json, PrintWriter out) throws Exception;
}
