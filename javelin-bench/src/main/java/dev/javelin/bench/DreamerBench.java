package dev.javelin.bench;

import dev.javelin.cli.Benchmark;
import dev.javelin.rl.dreamer.DreamerAgent;
import dev.javelin.rl.dreamer.DreamerConfig;
import dev.javelin.rl.dreamer.SequenceReplay;
import dev.javelin.tensor.Rng;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One DreamerV3 training update (world model on 16 x 64 replayed steps, then actor and critic on 15-step
 * imaginations from all 1024 posterior states) per size preset, on CartPole-shaped data (4 floats, 2 actions).
 * Reports wall and thread-CPU milliseconds (the CPU figure is what a shared machine's load does not inflate).
 * The presets run are {@code -Djavelin.bench.dreamer.sizes} (comma-separated, or {@code all}; default
 * {@code tiny,size1m,size12m}: from size25m up one update takes minutes and gigabytes on a CPU).
 */
public final class DreamerBench implements Benchmark {
    /** Creates the benchmark; {@link java.util.ServiceLoader} calls it. */
    public DreamerBench() {
    }

    /** System property naming the presets to measure: comma-separated, or {@code all}. */
    public static final String SIZES_PROPERTY = "javelin.bench.dreamer.sizes";
    private static final String DEFAULT_SIZES = "tiny,size1m,size12m";

    /** One preset: trained parameters, and the median wall and CPU time of an update. */
    public record Result(String size, int parameters, double updateMillis, double cpuMillis, int samples) {
        /** Updates per second of wall time. */
        public double updatesPerSecond() {
            return 1000 / updateMillis;
        }
    }

    @Override
    public String name() {
        return "dreamer";
    }

    @Override
    public String description() {
        return "DreamerV3: milliseconds per training update for each size preset (" + DEFAULT_SIZES + " by default)";
    }

    @Override
    public void run(boolean json, PrintWriter out) {
        List<Result> results = new ArrayList<>();
        for (String size : sizes(System.getProperty(SIZES_PROPERTY, DEFAULT_SIZES))) {
            Result r = measure(size);
            results.add(r);
            if (!json) {
                out.printf(Locale.ROOT, "%-9s %,12d params  %10.1f ms/update (cpu %10.1f ms)  %7.3f updates/s  (median of %d)%n",
                        r.size(), r.parameters(), r.updateMillis(), r.cpuMillis(), r.updatesPerSecond(), r.samples());
                out.flush();
            }
        }
        if (json) {
            StringBuilder s = new StringBuilder("{\"benchmark\":\"dreamer\",\"batch_size\":16,\"batch_length\":64,\"imag_horizon\":15,\"presets\":{");
            for (int i = 0; i < results.size(); i++) {
                Result r = results.get(i);
                s.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "\"%s\":{\"parameters\":%d,\"update_ms\":%.3f,\"cpu_ms\":%.3f,\"updates_per_second\":%.4f,\"samples\":%d}",
                        r.size(), r.parameters(), r.updateMillis(), r.cpuMillis(), r.updatesPerSecond(), r.samples()));
            }
            out.println(s.append("}}"));
        }
        out.flush();
    }

    static List<String> sizes(String spec) {
        if (spec.strip().equalsIgnoreCase("all")) {
            return DreamerConfig.sizes();
        }
        List<String> known = DreamerConfig.sizes();
        List<String> out = new ArrayList<>();
        for (String s : spec.split(",")) {
            String size = s.strip();
            if (!known.contains(size)) {
                throw new IllegalArgumentException(SIZES_PROPERTY + ": unknown size '" + size + "'; known: " + known);
            }
            out.add(size);
        }
        return out;
    }

    /** A first update, two warm-up updates, then the median of three (for presets where that is affordable). */
    public static Result measure(String size) {
        DreamerConfig c = DreamerConfig.sized(size);
        Rng rng = new Rng(1);
        DreamerAgent agent = new DreamerAgent(c, 4, 2, true, rng);
        SequenceReplay replay = new SequenceReplay(1, 4 * c.batchLength(), 4, 2);
        for (int t = 0; t < 4 * c.batchLength(); t++) {
            float[] obs = {rng.nextFloat() - 0.5f, rng.nextFloat() - 0.5f, rng.nextFloat() - 0.5f, rng.nextFloat() - 0.5f};
            float[] a = t % 2 == 0 ? new float[] {1, 0} : new float[] {0, 1};
            replay.add(0, obs, 0, a, 0, 1f, t % 40 == 0, t % 40 == 39);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] first = time(agent, replay, c, rng, threads);
        // decided on CPU time: on a loaded machine the wall time of the first (interpreted) update says little
        int warmups = first[1] < 10_000 ? 2 : 0;
        int samples = first[1] < 5_000 ? 3 : 1;
        for (int i = 0; i < warmups; i++) {
            time(agent, replay, c, rng, threads);
        }
        double[] wall = new double[samples];
        double[] cpu = new double[samples];
        for (int i = 0; i < samples; i++) {
            double[] t = time(agent, replay, c, rng, threads);
            wall[i] = t[0];
            cpu[i] = t[1];
        }
        return new Result(size, agent.parameterCount(), median(wall), median(cpu), samples);
    }

    private static double[] time(DreamerAgent agent, SequenceReplay replay, DreamerConfig c, Rng rng, ThreadMXBean threads) {
        SequenceReplay.Batch batch = replay.sample(c.batchSize(), c.batchLength(), rng);
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        agent.update(batch);
        return new double[] {(System.nanoTime() - t0) / 1e6, (threads.getCurrentThreadCpuTime() - cpu0) / 1e6};
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
