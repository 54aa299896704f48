package dev.javelin.cli;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "bench", description = "Run a benchmark; without a name, list them.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<name>")
    String name;

    @Option(names = "--json", description = "print the results as one JSON object")
    boolean json;

    static List<Benchmark> all() {
        return ServiceLoader.load(Benchmark.class).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(Benchmark::name)).toList();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Benchmark> all = all();
        if (name == null) {
            if (all.isEmpty()) {
                out.println("no benchmarks on the class path (they live in javelin-bench; run through ./javelin)");
            }
            all.forEach(b -> out.printf("%-10s %s%n", b.name(), b.description()));
            return 0;
        }
        Benchmark bench = all.stream().filter(b -> b.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown benchmark '" + name + "'; known: "
                        + (all.isEmpty() ? "none on the class path" : String.join(", ", all.stream().map(Benchmark::name).toList()))));
        bench.run(json, out);
        out.flush();
        return 0;
    }
}
