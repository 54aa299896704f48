package dev.javelin.bench;

import dev.javelin.cli.Benchmark;
import dev.javelin.nn.Activation;
import dev.javelin.nn.Mlp;
import dev.javelin.optim.Adam;
import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import dev.javelin.tensor.kernel.Gemm;
import dev.javelin.tensor.kernel.Parallelism;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine benchmark of issue 2: W1-W5, each with 1 and 2 threads, median microseconds per step.
 *
 * <p>Harness (the same as {@code tools/bench_torch.py}, so the two sides compare like for like): warm up
 * in 0.5 s rounds until the time per call settles, then 21 samples of enough calls to last ~50 ms each; the median per call is reported. Not JMH:
 * the workloads are end-to-end steps measured in one process next to the PyTorch run, and JMH's forked
 * JVMs would make the two harnesses differ. The kernel micro benchmark is JMH: {@link GemmBench}.
 *
 * <p>{@code main} flags: {@code --json} (JSON instead of a table), {@code --torch} (also run the PyTorch
 * side with {@code /usr/bin/python3 tools/bench_torch.py} and add ratios), {@code --only W5-256,...}.
 */
public final class EngineBench implements Benchmark {
    /** Creates the benchmark; {@link java.util.ServiceLoader} calls it. */
    public EngineBench() {
    }


    static final double WARMUP_SECONDS = 0.5;
    static final double SAMPLE_SECONDS = 0.05;
    static final int SAMPLES = 21;
    static final int[] THREADS = {1, 2};

    /** One workload: key as in issue 2, a description, a factory for one step, and flops per step (0 if not a GEMM). */
    record Workload(String key, String description, Supplier<Runnable> step, double flops) {}

    /** A measured workload; gflops is NaN when flops are not defined. */
    public record Result(String workload, String description, int threads, double medianMicros, double gflops) {}

    static List<Workload> workloads() {
        List<Workload> w = new ArrayList<>();
        w.add(new Workload("W1", "MLP 4-64-64-2 tanh, batch 64, fwd+bwd+Adam", () -> train(new int[] {4, 64, 64, 2}, true, 64), 0));
        w.add(new Workload("W2", "MLP 17-256-256-6 relu, batch 256, fwd+bwd+Adam", () -> train(new int[] {17, 256, 256, 6}, false, 256), 0));
        w.add(new Workload("W3", "MLP 4-64-64-2 tanh, batch 1, forward, no grad", () -> act(new int[] {4, 64, 64, 2}, true), 0));
        w.add(new Workload("W4", "MLP 64-1024-1024-64 relu, batch 512, fwd+bwd+Adam", () -> train(new int[] {64, 1024, 1024, 64}, false, 512), 0));
        w.add(gemm(256));
        w.add(gemm(1024));
        return w;
    }

    private static Workload gemm(int n) {
        return new Workload("W5-" + n, "sgemm " + n + "x" + n + "x" + n, () -> {
            Rng rng = new Rng(5);
            float[] a = random(rng, n * n), b = random(rng, n * n), c = new float[n * n];
            return () -> Gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        }, 2.0 * n * n * n);
    }

    /** One training step as in tools/bench_torch.py: MSE loss on a fixed random batch, backward, Adam(lr=1e-3). */
    private static Runnable train(int[] sizes, boolean tanh, int batch) {
        Rng rng = new Rng(1);
        Mlp net = mlp(rng, sizes, tanh);
        Adam adam = new Adam(net.parameterList(), 1e-3);
        Tensor x = Tensor.of(random(rng, batch * sizes[0]), batch, sizes[0]);
        Tensor y = Tensor.of(random(rng, batch * sizes[sizes.length - 1]), batch, sizes[sizes.length - 1]);
        return () -> {
            adam.zeroGrad();
            Tensor d = net.forward(x).sub(y);
            d.mul(d).mean().backward();
            adam.step();
        };
    }

    /** Acting: one observation through the net under no-grad. */
    private static Runnable act(int[] sizes, boolean tanh) {
        Rng rng = new Rng(3);
        Mlp net = mlp(rng, sizes, tanh);
        Tensor x = Tensor.of(random(rng, sizes[0]), 1, sizes[0]);
        return () -> {
            try (var g = Grad.disabled()) {
                net.forward(x);
            }
        };
    }

    /** sizes[0] - ... - sizes[n-1] as torch.nn.Sequential of Linear layers with PyTorch's init. */
    private static Mlp mlp(Rng rng, int[] sizes, boolean tanh) {
        List<Integer> hidden = new ArrayList<>();
        for (int i = 1; i < sizes.length - 1; i++) hidden.add(sizes[i]);
        return new Mlp(sizes[0], hidden, sizes[sizes.length - 1], tanh ? Activation.TANH : Activation.RELU, rng);
    }

    private static float[] random(Rng rng, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = (float) rng.nextGaussian();
        return x;
    }

    /**
     * Median microseconds per call of step. Warm-up runs rounds of WARMUP_SECONDS until a round's mean
     * is within 5% of the previous one (at most 8 rounds): on a busy machine C2 may finish late.
     */
    static double measure(Runnable step) {
        double previous = Double.NaN, per = 0;
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            int calls = 0;
            while (System.nanoTime() - t0 < WARMUP_SECONDS * 1e9 || calls < 5) {
                step.run();
                calls++;
            }
            per = (System.nanoTime() - t0) / (double) calls;
            if (Math.abs(per - previous) < 0.05 * per) break;
            previous = per;
        }
        int inner = (int) Math.max(1, SAMPLE_SECONDS * 1e9 / per);
        double[] samples = new double[SAMPLES];
        for (int s = 0; s < SAMPLES; s++) {
            long t = System.nanoTime();
            for (int i = 0; i < inner; i++) step.run();
            samples[s] = (System.nanoTime() - t) / 1e3 / inner;
        }
        Arrays.sort(samples);
        return samples[SAMPLES / 2];
    }

    /** Runs every workload with 1 and 2 threads (only those named in only, when it is not empty). */
    public static List<Result> measureAll(List<String> only) {
        List<Result> results = new ArrayList<>();
        for (int threads : THREADS) {
            for (Workload w : workloads()) {
                if (only.isEmpty() || only.contains(w.key())) results.add(measure(w, threads));
            }
        }
        return results;
    }

    static Result measure(Workload w, int threads) {
        int saved = Parallelism.threads();
        try {
            Parallelism.setThreads(threads);
            double us = measure(w.step().get());
            return new Result(w.key(), w.description(), threads, us, w.flops() > 0 ? w.flops() / us / 1e3 : Double.NaN);
        } finally {
            Parallelism.setThreads(saved);
        }
    }

    @Override
    public String name() {
        return "engine";
    }

    @Override
    public String description() {
        return "tensor engine: MLP train/act steps (W1-W4) and sgemm GFLOP/s (W5), 1 and 2 threads";
    }

    /** {@code javelin bench engine [--json]}: measures every workload and prints JSON or a table. */
    @Override
    public void run(boolean json, PrintWriter out) {
        print(measureAll(List.of()), Map.of(), json, out);
        out.flush();
    }

    static void print(List<Result> results, Map<String, Double> torchMicros, boolean json, PrintWriter out) {
        if (json) {
            StringBuilder sb = new StringBuilder("{\"engine\": \"javelin\", \"vectorized\": " + Gemm.VECTORIZED + ", \"results\": [");
            for (int i = 0; i < results.size(); i++) {
                Result r = results.get(i);
                sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                        "{\"workload\": \"%s\", \"description\": \"%s\", \"threads\": %d, \"median_us\": %.3f",
                        r.workload(), r.description(), r.threads(), r.medianMicros()));
                if (!Double.isNaN(r.gflops())) sb.append(String.format(Locale.ROOT, ", \"gflops\": %.2f", r.gflops()));
                Double t = torchMicros.get(r.workload() + "/" + r.threads());
                if (t != null) sb.append(String.format(Locale.ROOT, ", \"torch_median_us\": %.3f, \"speedup_vs_torch\": %.3f", t, t / r.medianMicros()));
                sb.append('}');
            }
            out.println(sb.append("]}"));
            return;
        }
        out.println("| workload | threads | Javelin µs | PyTorch µs | PyTorch/Javelin | Javelin GFLOP/s |");
        out.println("|---|---|---|---|---|---|");
        for (Result r : results) {
            Double t = torchMicros.get(r.workload() + "/" + r.threads());
            out.println(String.format(Locale.ROOT, "| %s %s | %d | %.2f | %s | %s | %s |", r.workload(), r.description(), r.threads(),
                    r.medianMicros(), t == null ? "-" : String.format(Locale.ROOT, "%.2f", t),
                    t == null ? "-" : String.format(Locale.ROOT, "%.2fx", t / r.medianMicros()),
                    Double.isNaN(r.gflops()) ? "-" : String.format(Locale.ROOT, "%.1f", r.gflops())));
        }
    }

    /** Runs tools/bench_torch.py for one workload and returns its median µs under the key "workload/threads". */
    static Map<String, Double> torch(String key, int threads) throws IOException, InterruptedException {
        Path script = Path.of("tools", "bench_torch.py");
        if (!Files.isRegularFile(script)) {
            throw new IOException("--torch: " + script.toAbsolutePath() + " not found (run from the repository root)");
        }
        List<String> cmd = List.of("/usr/bin/python3", script.toString(), "--threads", String.valueOf(threads), "--only", key);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException("--torch: " + String.join(" ", cmd) + " exited with " + p.exitValue());
        Map<String, Double> micros = new HashMap<>();
        Matcher m = Pattern.compile("\"workload\": \"([^\"]+)\"[^}]*?\"threads\": (\\d+), \"median_us\": ([0-9.eE+-]+)").matcher(text);
        while (m.find()) micros.put(m.group(1) + "/" + m.group(2), Double.parseDouble(m.group(3)));
        if (micros.isEmpty()) throw new IOException("--torch: no results in the output of " + String.join(" ", cmd) + ": " + text);
        return micros;
    }

    /**
     * Runs the workloads from the command line: {@code --json}, {@code --torch}, {@code --only W1,W5-256,...}.
     *
     * @throws Exception when a workload or the PyTorch side fails
     */
    public static void main(String[] args) throws Exception {
        boolean json = false, withTorch = false;
        List<String> only = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--torch" -> withTorch = true;
                case "--only" -> {
                    if (i + 1 == args.length) throw new IllegalArgumentException("--only needs a comma-separated list of workloads");
                    only = List.of(args[++i].split(","));
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "', expected --json, --torch or --only W1,W5-256,...");
            }
        }
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<Result> results = new ArrayList<>();
        Map<String, Double> torchMicros = new HashMap<>();
        for (int threads : THREADS) {
            for (Workload w : workloads()) {
                if (!only.isEmpty() && !only.contains(w.key())) continue;
                results.add(measure(w, threads));
                // Each PyTorch measurement right after its Javelin twin (never at the same time), so both
                // see the same machine when other processes come and go.
                if (withTorch) torchMicros.putAll(torch(w.key(), threads));
            }
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        print(results, torchMicros, json, out);
        if (!json) {
            out.printf(Locale.ROOT, "%d cores, load average %.2f before and %.2f after the run%n",
                    Runtime.getRuntime().availableProcessors(), loadBefore,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
