package dev.javelin.mujoco;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

/**
 * The C library's {@code pow}, which Python's {@code x ** 2} and NumPy's scalar power call. Gymnasium squares
 * Python floats with {@code **} (InvertedDoublePendulum's penalties), and glibc's pow is within 0.52 ulp, not
 * correctly rounded: it differs from {@code x * x} in the last bit for about 1 input in 1000, so a bit-exact
 * reward has to call the same function.
 */
public final class Libm {
    private static final MethodHandle POW = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("pow")
                    .orElseThrow(() -> new IllegalStateException("Libm: the C library has no 'pow'")),
            FunctionDescriptor.of(JAVA_DOUBLE, JAVA_DOUBLE, JAVA_DOUBLE), Linker.Option.critical(false));

    private Libm() {
    }

    /** C's {@code pow(x, y)}. */
    public static double pow(double x, double y) {
        try {
            return (double) POW.invokeExact(x, y);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }
}
