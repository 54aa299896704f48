package dev.javelin.mujoco;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * MuJoCo's own renderer ({@code mjv_updateScene}, {@code mjr_render}, {@code mjr_readPixels}) drawing offscreen
 * into an EGL or OSMesa OpenGL context ({@link GlBackends}: {@code MUJOCO_GL}), as Gymnasium's
 * {@code OffScreenViewer}: a scene of at most 1000 geoms, fonts at 150%, MuJoCo's offscreen framebuffer.
 *
 * <pre>{@code
 * try (MjRenderer r = new MjRenderer(model, 480, 480)) {
 *     r.useFreeCamera(data, CameraConfig.free().distance(4.0));
 *     BufferedImage frame = r.render(data);
 * }
 * }</pre>
 *
 * The context is made current for each frame and released after it, so frames may come from different threads
 * one after another (the methods are synchronized). The model's offscreen buffer ({@code vis.global.offwidth/
 * offheight}) must be at least the renderer's size: MuJoCo sizes its framebuffer from it.
 */
public final class MjRenderer implements AutoCloseable {
    /** Gymnasium's {@code max_geom}. */
    static final int MAX_GEOM = 1000;

    private final MjModel model;
    private final int width;
    private final int height;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment scene, context, option, perturb, camera, viewport, rgb;
    private final GlContext gl;
    private boolean closed;

    /**
     * A renderer of {@code width x height} for a model that several envs share: the model's offscreen buffer is
     * grown first when it is smaller (under the model's lock, never shrinking what another env's renderer relies on).
     */
    public static MjRenderer sized(MjModel model, int width, int height) {
        synchronized (model) {
            if (width > model.offscreenWidth() || height > model.offscreenHeight()) {
                model.setOffscreenSize(Math.max(width, model.offscreenWidth()), Math.max(height, model.offscreenHeight()));
            }
        }
        return new MjRenderer(model, width, height);
    }

    /** A renderer of {@code width x height} pixels for {@code model}; throws if no OpenGL backend is available. */
    public MjRenderer(MjModel model, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("MjRenderer: size " + width + "x" + height + ", expected positive");
        }
        if (width > model.offscreenWidth() || height > model.offscreenHeight()) {
            throw new IllegalArgumentException("MjRenderer: size " + width + "x" + height + " exceeds the model's offscreen"
                    + " buffer " + model.offscreenWidth() + "x" + model.offscreenHeight() + " (vis.global.offwidth/offheight:"
                    + " set <global offwidth=.. offheight=..> in the model's <visual>)");
        }
        this.model = model;
        this.width = width;
        this.height = height;
        scene = arena.allocate(MjLayout.Sizes.MJV_SCENE, 8);
        context = arena.allocate(MjLayout.Sizes.MJR_CONTEXT, 8);
        option = arena.allocate(MjLayout.Sizes.MJV_OPTION, 8);
        perturb = arena.allocate(MjLayout.Sizes.MJV_PERTURB, 8);
        camera = arena.allocate(MjLayout.Camera.SIZE, 8);
        viewport = arena.allocate(Native.MJR_RECT);
        viewport.set(ValueLayout.JAVA_INT, MjLayout.Rect.WIDTH, width);
        viewport.set(ValueLayout.JAVA_INT, MjLayout.Rect.HEIGHT, height);
        rgb = arena.allocate(3L * width * height);
        GlContext made;
        try {
            made = GlBackends.create(width, height);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
        gl = made;
        try {
            Native.mjv_defaultCamera.invokeExact(camera);
            Native.mjv_defaultOption.invokeExact(option);
            Native.mjv_defaultPerturb.invokeExact(perturb);
            Native.mjv_defaultScene.invokeExact(scene);
            Native.mjv_makeScene.invokeExact(model.live(), scene, MAX_GEOM);
            Native.mjr_defaultContext.invokeExact(context);
            gl.makeCurrent();
            try {
                Native.mjr_makeContext.invokeExact(model.live(), context, MjLayout.Enums.mjFONTSCALE_150);
                Native.mjr_setBuffer.invokeExact(MjLayout.Enums.mjFB_OFFSCREEN, context);
            } finally {
                gl.release();
            }
        } catch (Throwable t) {
            close();
            throw Native.rethrow(t);
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The OpenGL backend in use ({@code egl} or {@code osmesa}). */
    public String backend() {
        return gl.backend();
    }

    /** Renders from the model's camera {@code id} ({@code mjCAMERA_FIXED}, Gymnasium's {@code camera_id}). */
    public synchronized void useFixedCamera(int id) {
        if (id < 0 || id >= model.ncam()) {
            throw new IllegalArgumentException("MjRenderer: camera id " + id + ", model has " + model.ncam() + " cameras");
        }
        camera.set(ValueLayout.JAVA_INT, MjLayout.Camera.TYPE, MjLayout.Enums.mjCAMERA_FIXED);
        camera.set(ValueLayout.JAVA_INT, MjLayout.Camera.FIXEDCAMID, id);
    }

    /**
     * Gymnasium's free camera: looking at the median of the geoms' positions in {@code data}, from the model's
     * extent away ({@code OffScreenViewer._init_camera}), then the task's {@code default_camera_config} fields set on
     * top ({@code _set_cam_config}). As in Gymnasium the type stays {@code mjCAMERA_FREE}; {@link CameraConfig#trackBodyId}
     * switches to {@code mjCAMERA_TRACKING} only when {@code track} is true.
     */
    public synchronized void useFreeCamera(MjData data, CameraConfig config, boolean track) {
        camera.set(ValueLayout.JAVA_INT, MjLayout.Camera.TYPE, MjLayout.Enums.mjCAMERA_FREE);
        camera.set(ValueLayout.JAVA_INT, MjLayout.Camera.FIXEDCAMID, -1);
        MjArray geoms = data.geomXpos();
        for (int axis = 0; axis < 3; axis++) {
            setLookat(axis, median(geoms, axis));
        }
        camera.set(ValueLayout.JAVA_DOUBLE, MjLayout.Camera.DISTANCE, model.extent());
        config.trackBodyId().ifPresent(id -> {
            if (id >= model.nbody()) {
                throw new IllegalArgumentException("MjRenderer: trackbodyid " + id + ", model has " + model.nbody() + " bodies");
            }
            camera.set(ValueLayout.JAVA_INT, MjLayout.Camera.TRACKBODYID, id);
            if (track && id >= 0) {
                camera.set(ValueLayout.JAVA_INT, MjLayout.Camera.TYPE, MjLayout.Enums.mjCAMERA_TRACKING);
            }
        });
        config.distance().ifPresent(d -> camera.set(ValueLayout.JAVA_DOUBLE, MjLayout.Camera.DISTANCE, d));
        config.elevation().ifPresent(e -> camera.set(ValueLayout.JAVA_DOUBLE, MjLayout.Camera.ELEVATION, e));
        config.azimuth().ifPresent(a -> camera.set(ValueLayout.JAVA_DOUBLE, MjLayout.Camera.AZIMUTH, a));
        double[] lookat = config.lookat();
        for (int axis = 0; axis < lookat.length; axis++) {
            setLookat(axis, lookat[axis]);
        }
    }

    private void setLookat(int axis, double v) {
        camera.set(ValueLayout.JAVA_DOUBLE, MjLayout.Camera.LOOKAT + 8L * axis, v);
    }

    /** NumPy's median: the mean of the two middle values when the count is even. */
    private static double median(MjArray rows, int column) {
        int n = rows.rows();
        if (n == 0) {
            return 0.0;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rows.get(i, column);
        }
        Arrays.sort(v);
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Draws the state in {@code data} (which must come from this renderer's model) as an RGB image. */
    public synchronized BufferedImage render(MjData data) {
        if (closed) {
            throw new IllegalStateException("MjRenderer is closed");
        }
        if (data.model() != model) {
            throw new IllegalArgumentException("MjRenderer: data of " + data.model() + ", expected data of " + model);
        }
        gl.makeCurrent();
        try {
            Native.mjv_updateScene.invokeExact(model.live(), data.live(), option, perturb, camera, MjLayout.Enums.mjCAT_ALL, scene);
            Native.mjr_render.invokeExact(viewport, scene, context);
            Native.mjr_readPixels.invokeExact(rgb, MemorySegment.NULL, viewport, context);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        } finally {
            gl.release();
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        byte[] bytes = rgb.toArray(ValueLayout.JAVA_BYTE);
        // OpenGL's rows run bottom to top
        for (int y = 0; y < height; y++) {
            int src = 3 * (height - 1 - y) * width;
            int dst = y * width;
            for (int x = 0; x < width; x++, src += 3) {
                out[dst + x] = (bytes[src] & 0xff) << 16 | (bytes[src + 1] & 0xff) << 8 | (bytes[src + 2] & 0xff);
            }
        }
        return image;
    }

    /** Frees MuJoCo's GL objects and scene, then the context; a closed renderer cannot render. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            gl.makeCurrent();
            try {
                Native.mjr_freeContext.invokeExact(context);
            } finally {
                gl.release();
            }
            Native.mjv_freeScene.invokeExact(scene);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        } finally {
            gl.close();
            arena.close();
        }
    }
}
