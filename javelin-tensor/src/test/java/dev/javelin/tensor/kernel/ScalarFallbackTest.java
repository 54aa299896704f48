package dev.javelin.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without --add-modules jdk.incubator.vector, Gemm must notice once and compute with the scalar loop. */
class ScalarFallbackTest {

    /** Run in a JVM without the incubator module: prints VECTORIZED and a 2x3 * 3x2 product. */
    public static void main(String[] args) {
        float[] a = {1, 2, 3, 4, 5, 6}, b = {1, 0, 0, 1, 1, 1}, c = new float[4];
        Gemm.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
        System.out.println(Gemm.VECTORIZED + " " + c[0] + " " + c[1] + " " + c[2] + " " + c[3]);
    }

    @Test
    void gemmRunsWithoutTheIncubatorModule() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), ScalarFallbackTest.class.getName()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        // [1 2 3; 4 5 6] [1 0; 0 1; 1 1] = [4 5; 10 11]
        assertEquals("false 4.0 5.0 10.0 11.0", out);
    }
}
