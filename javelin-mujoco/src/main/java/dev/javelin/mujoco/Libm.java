package dev.javelin.mujoco;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

/**
 * The C library's {@code pow}, {@code sin} and {@code cos}, which Python's {@code **} and NumPy's float64
 * {@code np.sin}/{@code np.cos} call (NumPy 2.4 equals the C library's results on every input we tried).
 * Gymnasium squares Python floats with {@code **} (InvertedDoublePendulum's penalties), and glibc's pow is within
 * 0.52 ulp, not correctly rounded: it differs from {@code x * x} in the last bit for about 1 input in 1000, so a
 * bit-exact reward has to call the same function; sin and cos likewise may differ from Java's in the last bit.
 */
public final class Libm {
    private static final MethodHandle POW = function("pow", FunctionDescriptor.of(JAVA_DOUBLE, JAVA_DOUBLE, JAVA_DOUBLE));
    private static final MethodHandle SIN = function("sin", FunctionDescriptor.of(JAVA_DOUBLE, JAVA_DOUBLE));
    private static final MethodHandle COS = function("cos", FunctionDescriptor.of(JAVA_DOUBLE, JAVA_DOUBLE));

    private Libm() {
    }

    private static MethodHandle function(String name, FunctionDescriptor descriptor) {
        Linker linker = Linker.nativeLinker();
        // critical: a pure function that neither blocks nor calls back, so no thread-state transition is needed
        return linker.downcallHandle(linker.defaultLookup().find(name)
                .orElseThrow(() -> new IllegalStateException("Libm: the C library has no '" + name + "'")),
                descriptor, Linker.Option.critical(false));
    }

    /** C's {@code sin(x)}. */
    public static double sin(double x) {
        try {
            return (double) SIN.invokeExact(x);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** C's {@code cos(x)}. */
    public static double cos(double x) {
        try {
            return (double) COS.invokeExact(x);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
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
