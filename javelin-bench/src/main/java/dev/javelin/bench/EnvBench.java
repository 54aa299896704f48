package dev.javelin.bench;

import dev.javelin.cli.Benchmark;
import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.classic.CartPole;
import dev.javelin.env.vector.VectorEnv;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The environment benchmark of issue 3: raw CartPole steps per second, the bare env class and vectors of 8
 * (sequential and threaded), against Gymnasium 0.29.1 on this machine (bare {@code CartPoleEnv}: ~495k
 * steps/s; {@code SyncVectorEnv} of 8 made envs: ~180k env steps/s). Vector figures count env steps
 * (8 per vector step). Actions are drawn ahead of time from a fixed seed, so the loop times the env only.
 *
 * <p>Harness: warm up for 1 s, then 9 samples of 0.3 s each; the median rate is reported.
 * Run as {@code ./javelin bench env [--json]}.
 */
public final class EnvBench implements Benchmark {
    /** Creates the benchmark; {@link java.util.ServiceLoader} calls it. */
    public EnvBench() {
    }

    static final double GYMNASIUM_SINGLE = 495_000;
    static final double GYMNASIUM_SYNC8 = 180_000;
    private static final int ACTIONS = 1 << 16;
    private static final int SAMPLES = 9;

    @Override
    public String name() {
        return "env";
    }

    @Override
    public String description() {
        return "raw CartPole-v1 steps/s: bare env and vectors of 8, against Gymnasium 0.29.1";
    }

    @Override
    public void run(boolean json, PrintWriter out) {
        measureAll(json, out);
    }

    /** One measured workload: env steps per second, and the Gymnasium figure it compares with (NaN if none). */
    public record Result(String workload, double stepsPerSecond, double gymnasiumStepsPerSecond) {
        /** Javelin's steps/s over Gymnasium's. */
        public double speedup() {
            return stepsPerSecond / gymnasiumStepsPerSecond;
        }
    }

    /** Runs every workload and prints a table, or one JSON object when {@code json}. */
    public static List<Result> measureAll(boolean json, PrintWriter out) {
        int[] actions = new int[ACTIONS];
        var rng = new SplittableRandom(0);
        for (int i = 0; i < ACTIONS; i++) {
            actions[i] = rng.nextInt(2);
        }
        List<Result> results = new ArrayList<>();
        results.add(new Result("CartPole-v1 bare env, 1 env", measure(single(actions), 1), GYMNASIUM_SINGLE));
        try (VectorEnv sync = Envs.makeVec("CartPole-v1", 8, 1, Map.of())) {
            results.add(new Result("CartPole-v1 SyncVectorEnv, 8 envs", measure(vector(sync, actions), 8), GYMNASIUM_SYNC8));
        }
        try (VectorEnv threaded = Envs.makeVec("CartPole-v1", 8, 2, Map.of())) {
            results.add(new Result("CartPole-v1 ThreadedVectorEnv (2 threads), 8 envs", measure(vector(threaded, actions), 8),
                    GYMNASIUM_SYNC8));
        }
        print(results, json, out);
        return results;
    }

    /** Steps the bare class with Gymnasium's loop: step, reset when terminated. */
    private static Runnable single(int[] actions) {
        Env<float[], Integer> env = new CartPole();
        env.reset(0);
        int[] t = {0};
        return () -> {
            if (env.step(actions[t[0]++ & (ACTIONS - 1)]).terminated()) {
                env.reset();
            }
        };
    }

    private static Runnable vector(VectorEnv envs, int[] actions) {
        envs.reset(0);
        int n = envs.numEnvs();
        int[] batch = new int[n];
        int[] t = {0};
        return () -> {
            System.arraycopy(actions, (t[0]++ * n) & (ACTIONS - 1), batch, 0, n);
            envs.step(batch);
        };
    }

    /** Median env steps per second; {@code envsPerCall} env steps happen in one call. */
    static double measure(Runnable call, int envsPerCall) {
        long warmupEnd = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmupEnd) {
            for (int i = 0; i < 1000; i++) {
                call.run();
            }
        }
        double[] rates = new double[SAMPLES];
        for (int s = 0; s < SAMPLES; s++) {
            long calls = 0;
            long start = System.nanoTime(), end = start + 300_000_000L, now;
            do {
                for (int i = 0; i < 1000; i++) {
                    call.run();
                }
                calls += 1000;
                now = System.nanoTime();
            } while (now < end);
            rates[s] = calls * envsPerCall / ((now - start) / 1e9);
        }
        Arrays.sort(rates);
        return rates[SAMPLES / 2];
    }

    private static void print(List<Result> results, boolean json, PrintWriter out) {
        if (json) {
            StringBuilder s = new StringBuilder("{\"bench\":\"env\",\"results\":[");
            for (int i = 0; i < results.size(); i++) {
                Result r = results.get(i);
                s.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"workload\":\"%s\",\"steps_per_second\":%.0f,\"gymnasium_steps_per_second\":%.0f,\"speedup\":%.2f}",
                        r.workload(), r.stepsPerSecond(), r.gymnasiumStepsPerSecond(), r.speedup()));
            }
            out.println(s.append("]}"));
            return;
        }
        out.printf(Locale.ROOT, "%-52s %16s %16s %8s%n", "workload", "steps/s", "Gymnasium 0.29", "speedup");
        for (Result r : results) {
            out.printf(Locale.ROOT, "%-52s %,16.0f %,16.0f %7.1fx%n", r.workload(), r.stepsPerSecond(),
                    r.gymnasiumStepsPerSecond(), r.speedup());
        }
    }

    /** Runs the benchmark from the command line; {@code --json} prints one JSON object. */
    public static void main(String[] args) {
        boolean json = Arrays.asList(args).contains("--json");
        PrintWriter out = new PrintWriter(System.out, true);
        measureAll(json, out);
        out.flush();
    }
}
