package dev.javelin.mujoco;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * A headless OpenGL context from EGL (Mesa's libEGL on Debian), as MuJoCo's own Python renderer makes with
 * {@code MUJOCO_GL=egl}: no window and no surface; MuJoCo renders into its own offscreen framebuffer.
 * Displays are tried in order: Mesa's surfaceless platform, the first EGL device, the default display.
 * A context is current on one thread at a time: {@link #makeCurrent()} before each frame.
 */
final class EglContext implements AutoCloseable {
    /** What installs the libraries, for the error message. */
    static final String INSTALL = "apt-get install libegl1 libegl-mesa0 libgl1-mesa-dri";

    private static final int EGL_NONE = 0x3038, EGL_RED_SIZE = 0x3024, EGL_GREEN_SIZE = 0x3023, EGL_BLUE_SIZE = 0x3022,
            EGL_ALPHA_SIZE = 0x3021, EGL_DEPTH_SIZE = 0x3025, EGL_STENCIL_SIZE = 0x3026, EGL_RENDERABLE_TYPE = 0x3040,
            EGL_OPENGL_BIT = 0x0008, EGL_SURFACE_TYPE = 0x3033, EGL_PBUFFER_BIT = 0x0001, EGL_OPENGL_API = 0x30A2, EGL_PLATFORM_SURFACELESS_MESA = 0x31DD,
            EGL_PLATFORM_DEVICE_EXT = 0x313F;

    private static final Linker LINKER = Linker.nativeLinker();
    private static volatile Functions functions;

    /** libEGL's entry points, loaded once. */
    private record Functions(MethodHandle getProcAddress, MethodHandle getDisplay, MethodHandle initialize,
                             MethodHandle chooseConfig, MethodHandle bindApi, MethodHandle createContext,
                             MethodHandle makeCurrent, MethodHandle destroyContext, MethodHandle getError) {
    }

    private final MemorySegment display;
    private final MemorySegment context;
    private boolean closed;

    EglContext() {
        Functions f = functions();
        List<String> tried = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dpy = initializedDisplay(f, arena, tried);
            MemorySegment attributes = arena.allocateFrom(JAVA_INT, EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8,
                    EGL_ALPHA_SIZE, 8, EGL_DEPTH_SIZE, 24, EGL_STENCIL_SIZE, 8, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
                    // pbuffer configs, as MuJoCo's own EGL context asks: the default (window) has none without a display server
                    EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_NONE);
            MemorySegment config = arena.allocate(ADDRESS);
            MemorySegment count = arena.allocate(JAVA_INT);
            int ok = (int) f.chooseConfig().invokeExact(dpy, attributes, config, 1, count);
            if (ok == 0 || count.get(JAVA_INT, 0) < 1) {
                throw unavailable("eglChooseConfig found no OpenGL config (error 0x" + error(f) + ")", tried);
            }
            if ((int) f.bindApi().invokeExact(EGL_OPENGL_API) == 0) {
                throw unavailable("eglBindAPI(EGL_OPENGL_API) failed (error 0x" + error(f) + ")", tried);
            }
            MemorySegment ctx = (MemorySegment) f.createContext().invokeExact(dpy, config.get(ADDRESS, 0),
                    MemorySegment.NULL, MemorySegment.NULL);
            if (ctx.equals(MemorySegment.NULL)) {
                throw unavailable("eglCreateContext failed (error 0x" + error(f) + ")", tried);
            }
            this.display = dpy;
            this.context = ctx;
        } catch (MuJoCoUnavailableException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
        makeCurrent();
    }

    private static MemorySegment initializedDisplay(Functions f, Arena arena, List<String> tried) throws Throwable {
        MemorySegment getPlatformDisplay = (MemorySegment) f.getProcAddress().invokeExact(arena.allocateFrom("eglGetPlatformDisplayEXT"));
        List<MemorySegment> candidates = new ArrayList<>();
        if (!getPlatformDisplay.equals(MemorySegment.NULL)) {
            MethodHandle platformDisplay = LINKER.downcallHandle(getPlatformDisplay, FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
            candidates.add((MemorySegment) platformDisplay.invokeExact(EGL_PLATFORM_SURFACELESS_MESA, MemorySegment.NULL, MemorySegment.NULL));
            tried.add("surfaceless");
            MemorySegment queryDevices = (MemorySegment) f.getProcAddress().invokeExact(arena.allocateFrom("eglQueryDevicesEXT"));
            if (!queryDevices.equals(MemorySegment.NULL)) {
                MemorySegment devices = arena.allocate(ADDRESS, 4);
                MemorySegment n = arena.allocate(JAVA_INT);
                int ok = (int) LINKER.downcallHandle(queryDevices, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS))
                        .invokeExact(4, devices, n);
                if (ok != 0 && n.get(JAVA_INT, 0) > 0) {
                    candidates.add((MemorySegment) platformDisplay.invokeExact(EGL_PLATFORM_DEVICE_EXT, devices.get(ADDRESS, 0),
                            MemorySegment.NULL));
                    tried.add("device 0");
                }
            }
        }
        candidates.add((MemorySegment) f.getDisplay().invokeExact(MemorySegment.NULL));
        tried.add("default display");
        for (MemorySegment dpy : candidates) {
            if (!dpy.equals(MemorySegment.NULL)
                    && (int) f.initialize().invokeExact(dpy, MemorySegment.NULL, MemorySegment.NULL) != 0) {
                return dpy;
            }
        }
        throw unavailable("no EGL display could be initialized (error 0x" + error(f) + ")", tried);
    }

    private static String error(Functions f) throws Throwable {
        return Integer.toHexString((int) f.getError().invokeExact());
    }

    private static MuJoCoUnavailableException unavailable(String what, List<String> tried) {
        return new MuJoCoUnavailableException("MuJoCo rendering: " + what + "; tried " + tried
                + ". Install Mesa's EGL with: " + INSTALL);
    }

    private static Functions functions() {
        Functions f = functions;
        if (f == null) {
            synchronized (EglContext.class) {
                f = functions;
                if (f == null) {
                    f = load();
                    functions = f;
                }
            }
        }
        return f;
    }

    private static Functions load() {
        SymbolLookup egl;
        try {
            egl = SymbolLookup.libraryLookup("libEGL.so.1", Arena.global());
        } catch (IllegalArgumentException e) {
            throw new MuJoCoUnavailableException("MuJoCo rendering needs an OpenGL context and libEGL.so.1 was not found. "
                    + "Install Mesa's EGL with: " + INSTALL, e);
        }
        return new Functions(
                fn(egl, "eglGetProcAddress", FunctionDescriptor.of(ADDRESS, ADDRESS)),
                fn(egl, "eglGetDisplay", FunctionDescriptor.of(ADDRESS, ADDRESS)),
                fn(egl, "eglInitialize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS)),
                fn(egl, "eglChooseConfig", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS)),
                fn(egl, "eglBindAPI", FunctionDescriptor.of(JAVA_INT, JAVA_INT)),
                fn(egl, "eglCreateContext", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS)),
                fn(egl, "eglMakeCurrent", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS)),
                fn(egl, "eglDestroyContext", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
                fn(egl, "eglGetError", FunctionDescriptor.of(JAVA_INT)));
    }

    private static MethodHandle fn(SymbolLookup lib, String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(lib.find(name).orElseThrow(
                () -> new MuJoCoUnavailableException("libEGL.so.1 has no " + name + ". Install Mesa's EGL with: " + INSTALL)), d);
    }

    /** Makes this context current on the calling thread. */
    void makeCurrent() {
        if (closed) {
            throw new IllegalStateException("EglContext is closed");
        }
        try {
            int ok = (int) functions().makeCurrent().invokeExact(display, MemorySegment.NULL, MemorySegment.NULL, context);
            if (ok == 0) {
                throw new IllegalStateException("eglMakeCurrent failed (error 0x" + error(functions()) + ")");
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                int released = (int) functions().makeCurrent().invokeExact(display, MemorySegment.NULL, MemorySegment.NULL,
                        MemorySegment.NULL);
                int destroyed = (int) functions().destroyContext().invokeExact(display, context);
            } catch (Throwable t) {
                throw Native.rethrow(t);
            }
        }
    }

}
