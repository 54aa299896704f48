package dev.javelin.mujoco;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the OpenGL backend as Gymnasium does: {@code MUJOCO_GL=egl|osmesa} (or the system property
 * {@code javelin.mujoco.gl}) names one; otherwise EGL is tried first, then OSMesa.
 */
final class GlBackends {
    /** The Debian packages that provide each backend. */
    static final String INSTALL_EGL = "sudo apt-get install -y libegl1 libegl-mesa0 libgl1-mesa-dri";
    static final String INSTALL_OSMESA = "sudo apt-get install -y libosmesa6";

    private GlBackends() {
    }

    /** A new context able to draw {@code width x height}, or an exception naming what was tried and how to install it. */
    static GlContext create(int width, int height) {
        String wanted = System.getProperty("javelin.mujoco.gl", System.getenv("MUJOCO_GL"));
        List<String> order;
        if (wanted == null || wanted.isBlank()) {
            order = List.of("egl", "osmesa");
        } else {
            String w = wanted.trim().toLowerCase(Locale.ROOT);
            if (!w.equals("egl") && !w.equals("osmesa")) {
                throw new IllegalArgumentException("MUJOCO_GL=" + wanted + ": expected egl or osmesa"
                        + " (Javelin renders offscreen only; glfw needs a window)");
            }
            order = List.of(w);
        }
        List<String> failures = new ArrayList<>();
        for (String backend : order) {
            try {
                return backend.equals("egl") ? EglContext.create() : OsMesaContext.create(width, height);
            } catch (RuntimeException | LinkageError e) {
                failures.add(backend + ": " + describe(e));
            }
        }
        throw new MuJoCoUnavailableException("MuJoCo rendering: no OpenGL context could be made ("
                + String.join("; ", failures) + "). Install Mesa's EGL with: " + INSTALL_EGL
                + " (or OSMesa with: " + INSTALL_OSMESA + "), or choose one with MUJOCO_GL=egl|osmesa");
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? m : describeOuter(e) + ": " + m;
    }

    private static String describeOuter(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
