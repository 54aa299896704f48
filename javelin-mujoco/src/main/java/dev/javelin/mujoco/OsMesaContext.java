package dev.javelin.mujoco;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * A software OpenGL context from Mesa's OSMesa. OSMesa needs a colour buffer to be current; MuJoCo still draws into
 * its own framebuffer object, so the buffer only has to exist (sized like the offscreen buffer).
 */
final class OsMesaContext implements GlContext {
    private static final int GL_RGBA = 0x1908;
    private static final int GL_UNSIGNED_BYTE = 0x1401;

    /** libOSMesa's entry points, bound once per JVM. */
    private static final class OsMesa {
        static final SymbolLookup LIB = open();
        static final MethodHandle createContextExt = fn("OSMesaCreateContextExt",
                FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        static final MethodHandle makeCurrent = fn("OSMesaMakeCurrent",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
        static final MethodHandle destroyContext = fn("OSMesaDestroyContext", FunctionDescriptor.ofVoid(ADDRESS));

        private static SymbolLookup open() {
            IllegalArgumentException first = null;
            // Debian ships libOSMesa.so.8 (libosmesa6); older systems .so.6
            for (String name : new String[] {"libOSMesa.so.8", "libOSMesa.so.6", "libOSMesa.so"}) {
                try {
                    SymbolLookup lookup = SymbolLookup.libraryLookup(name, Arena.global());
                    // MuJoCo finds GL functions through OSMesaGetProcAddress in the global namespace, which a
                    // library Java opened (RTLD_LOCAL) is not part of
                    openGlobal(name);
                    return lookup;
                } catch (IllegalArgumentException e) {
                    first = first == null ? e : first;
                }
            }
            throw new IllegalStateException("OSMesa: cannot load libOSMesa.so.8, .so.6 or .so", first);
        }

        private static MethodHandle fn(String name, FunctionDescriptor d) {
            return Linker.nativeLinker().downcallHandle(LIB.findOrThrow(name), d);
        }

        private static void openGlobal(String name) {
            final int RTLD_NOW_GLOBAL = 0x2 | 0x100;
            Linker linker = Linker.nativeLinker();
            MethodHandle dlopen = linker.downcallHandle(linker.defaultLookup().findOrThrow("dlopen"),
                    FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment handle = (MemorySegment) dlopen.invokeExact(arena.allocateFrom(name), RTLD_NOW_GLOBAL);
                if (handle.equals(MemorySegment.NULL)) {
                    throw new IllegalStateException("OSMesa: dlopen(" + name + ", RTLD_GLOBAL) failed");
                }
            } catch (Throwable t) {
                throw Native.rethrow(t);
            }
        }
    }

    private final Arena buffer;
    private final MemorySegment pixels;
    private final int width;
    private final int height;
    private MemorySegment context;

    private OsMesaContext(MemorySegment context, int width, int height) {
        this.context = context;
        this.width = width;
        this.height = height;
        this.buffer = Arena.ofShared();
        this.pixels = buffer.allocate(4L * width * height, 16);
    }

    static OsMesaContext create(int width, int height) {
        try {
            MemorySegment ctx = (MemorySegment) OsMesa.createContextExt.invokeExact(GL_RGBA, 24, 8, 0, MemorySegment.NULL);
            if (ctx.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("OSMesa: OSMesaCreateContextExt(GL_RGBA, depth 24, stencil 8) failed");
            }
            return new OsMesaContext(ctx, width, height);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    @Override
    public String backend() {
        return "osmesa";
    }

    @Override
    public void makeCurrent() {
        if (context == null) {
            throw new IllegalStateException("OSMesa context is destroyed");
        }
        try {
            if ((int) OsMesa.makeCurrent.invokeExact(context, pixels, GL_UNSIGNED_BYTE, width, height) == 0) {
                throw new IllegalStateException("OSMesa: OSMesaMakeCurrent(" + width + "x" + height + ") failed");
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** OSMesa has no call to detach a context; making another current replaces it, which is all a second thread needs. */
    @Override
    public void release() {
    }

    @Override
    public void close() {
        if (context != null) {
            try {
                OsMesa.destroyContext.invokeExact(context);
            } catch (Throwable t) {
                throw Native.rethrow(t);
            } finally {
                context = null;
                buffer.close();
            }
        }
    }
}
