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
 * A surfaceless OpenGL (not GLES) context from Mesa's EGL: MuJoCo renders into its own framebuffer object
 * ({@code mjFB_OFFSCREEN}), so no window or pbuffer surface is needed. Uses Mesa's surfaceless platform when
 * {@code eglGetPlatformDisplayEXT} offers it, else the default display.
 */
final class EglContext implements GlContext {
    private static final int EGL_NONE = 0x3038;
    private static final int EGL_PLATFORM_SURFACELESS_MESA = 0x31DD;
    private static final int EGL_OPENGL_API = 0x30A2;
    private static final int EGL_SUCCESS = 0x3000;
    // the attributes MuJoCo's Python EGL backend asks for, minus the surface type (we draw into MuJoCo's FBO)
    private static final int[] CONFIG = {
            0x3024, 8, 0x3023, 8, 0x3022, 8, 0x3021, 8,   // red, green, blue, alpha sizes
            0x3025, 24, 0x3026, 8,                         // depth, stencil sizes
            0x303F, 0x308E,                                // EGL_COLOR_BUFFER_TYPE = EGL_RGB_BUFFER
            0x3040, 0x0008,                                // EGL_RENDERABLE_TYPE = EGL_OPENGL_BIT
            0x3033, 0,                                     // EGL_SURFACE_TYPE: any (no surface is made)
            EGL_NONE};

    /** libEGL's entry points, bound once per JVM. */
    private static final class Egl {
        static final SymbolLookup LIB = SymbolLookup.libraryLookup("libEGL.so.1", Arena.global());
        static final MethodHandle getProcAddress = fn("eglGetProcAddress", FunctionDescriptor.of(ADDRESS, ADDRESS));
        static final MethodHandle getDisplay = fn("eglGetDisplay", FunctionDescriptor.of(ADDRESS, ADDRESS));
        static final MethodHandle initialize = fn("eglInitialize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle chooseConfig = fn("eglChooseConfig",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
        static final MethodHandle bindApi = fn("eglBindAPI", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        static final MethodHandle createContext = fn("eglCreateContext",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle makeCurrent = fn("eglMakeCurrent",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle destroyContext = fn("eglDestroyContext", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle getError = fn("eglGetError", FunctionDescriptor.of(JAVA_INT));

        private static MethodHandle fn(String name, FunctionDescriptor d) {
            return Linker.nativeLinker().downcallHandle(LIB.findOrThrow(name), d);
        }
    }

    private final MemorySegment display;
    private MemorySegment context;

    private EglContext(MemorySegment display, MemorySegment context) {
        this.display = display;
        this.context = context;
    }

    /** Creates a context, or throws an exception saying which EGL call failed. */
    static EglContext create() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment display = display(arena);
            if ((int) Egl.initialize.invokeExact(display, MemorySegment.NULL, MemorySegment.NULL) == 0) {
                throw failure("eglInitialize");
            }
            MemorySegment configs = arena.allocate(ADDRESS);
            MemorySegment count = arena.allocate(JAVA_INT);
            if ((int) Egl.chooseConfig.invokeExact(display, arena.allocateFrom(JAVA_INT, CONFIG), configs, 1, count) == 0
                    || count.get(JAVA_INT, 0) < 1) {
                throw failure("eglChooseConfig (no RGBA8, depth 24, stencil 8 OpenGL config)");
            }
            if ((int) Egl.bindApi.invokeExact(EGL_OPENGL_API) == 0) {
                throw failure("eglBindAPI(EGL_OPENGL_API)");
            }
            MemorySegment context = (MemorySegment) Egl.createContext.invokeExact(display, configs.get(ADDRESS, 0),
                    MemorySegment.NULL, MemorySegment.NULL);
            if (context.equals(MemorySegment.NULL)) {
                throw failure("eglCreateContext");
            }
            return new EglContext(display, context);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    private static MemorySegment display(Arena arena) throws Throwable {
        MemorySegment getPlatformDisplay = (MemorySegment) Egl.getProcAddress.invokeExact(
                arena.allocateFrom("eglGetPlatformDisplayEXT"));
        if (!getPlatformDisplay.equals(MemorySegment.NULL)) {
            MethodHandle h = Linker.nativeLinker().downcallHandle(getPlatformDisplay,
                    FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
            MemorySegment d = (MemorySegment) h.invokeExact(EGL_PLATFORM_SURFACELESS_MESA, MemorySegment.NULL, MemorySegment.NULL);
            if (!d.equals(MemorySegment.NULL)) {
                return d;
            }
        }
        MemorySegment d = (MemorySegment) Egl.getDisplay.invokeExact(MemorySegment.NULL);
        if (d.equals(MemorySegment.NULL)) {
            throw failure("eglGetDisplay(EGL_DEFAULT_DISPLAY) after eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA)");
        }
        return d;
    }

    private static IllegalStateException failure(String call) throws Throwable {
        int error = (int) Egl.getError.invokeExact();
        return new IllegalStateException("EGL: " + call + " failed"
                + (error == EGL_SUCCESS ? "" : " (EGL error 0x" + Integer.toHexString(error) + ")"));
    }

    @Override
    public String backend() {
        return "egl";
    }

    @Override
    public void makeCurrent() {
        current(context, "eglMakeCurrent");
    }

    @Override
    public void release() {
        current(MemorySegment.NULL, "eglMakeCurrent(EGL_NO_CONTEXT)");
    }

    private void current(MemorySegment ctx, String call) {
        if (context == null) {
            throw new IllegalStateException("EGL context is destroyed");
        }
        try {
            // eglBindAPI is per thread: a thread that never bound OpenGL would make the context current as GLES
            if ((int) Egl.bindApi.invokeExact(EGL_OPENGL_API) == 0
                    || (int) Egl.makeCurrent.invokeExact(display, MemorySegment.NULL, MemorySegment.NULL, ctx) == 0) {
                throw failure(call);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** Destroys the context; the display stays initialized, as other renderers in this process share it. */
    @Override
    public void close() {
        if (context != null) {
            try {
                int ok = (int) Egl.destroyContext.invokeExact(display, context);
                context = null;
                if (ok == 0) {
                    throw failure("eglDestroyContext");
                }
            } catch (Throwable t) {
                throw Native.rethrow(t);
            }
        }
    }
}
