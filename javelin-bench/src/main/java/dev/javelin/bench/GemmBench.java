package dev.javelin.bench;

import dev.javelin.tensor.kernel.Gemm;
import dev.javelin.tensor.kernel.Parallelism;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH micro benchmark of the sgemm kernel per shape and transpose (the shapes of an MLP's forward NT,
 * input-gradient NN and weight-gradient TN products). EngineBench's W5 is the end-to-end number.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBench {
    /** Creates the benchmark state; JMH calls it once per trial. */
    public GemmBench() {
    }

    /** m x n x k */
    @Param({"1x64x64", "64x64x64", "256x256x256", "512x1024x1024"})
    public String shape;

    /** Which operands are transposed: {@code nn}, {@code nt}, {@code tn} or {@code tt}. */
    @Param({"NN", "NT", "TN"})
    public String trans;

    /** Kernel threads for the product. */
    @Param({"1"})
    public int threads;

    private boolean ta, tb;
    private int m, n, k;
    private float[] a, b, c;

    /** Fills the operands with seeded random values and sets the kernel threads. */
    @Setup
    public void setup() {
        String[] s = shape.split("x");
        m = Integer.parseInt(s[0]);
        n = Integer.parseInt(s[1]);
        k = Integer.parseInt(s[2]);
        ta = trans.charAt(0) == 'T';
        tb = trans.charAt(1) == 'T';
        SplittableRandom rnd = new SplittableRandom(0);
        a = fill(rnd, m * k);
        b = fill(rnd, k * n);
        c = new float[m * n];
        Parallelism.setThreads(threads);
    }

    private static float[] fill(SplittableRandom rnd, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = (float) rnd.nextGaussian();
        return x;
    }

    /** One product C = op(A) op(B). */
    @Benchmark
    public float[] sgemm() {
        Gemm.sgemm(ta, tb, m, n, k, 1f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0f, c, 0, n);
        return c;
    }
}
