package dev.javelin.mujoco;

import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * MuJoCo's own renderer ({@code mjv_} scene, {@code mjr_} OpenGL context) drawing into an offscreen buffer of a
 * headless EGL context, with the camera set up as Gymnasium's {@code MujocoRenderer}: the model's camera named
 * "track" when it has one, else a free camera looking at the median geom position from the model's extent, then
 * the task's {@link CameraConfig} on top.
 *
 * <p>A renderer belongs to the thread that made it (an OpenGL context is current on one thread); it needs the
 * model's offscreen buffer ({@code vis.global.offwidth/offheight}) to be at least its size.
 */
public final class MjRenderer implements AutoCloseable {
    private static final int MAX_GEOM = 1000;

    private final MjModel model;
    private final int width;
    private final int height;
    private final Thread owner;
    private final Arena arena = Arena.ofShared();
    private final EglContext gl;
    private final MemorySegment camera, option, perturb, scene, context, rgb, viewport;
    private final OptionalInt trackCamera;
    private boolean cameraPlaced;
    private final CameraConfig config;
    private boolean closed;

    /**
     * @param config the task's default camera
     */
    public MjRenderer(MjModel model, int width, int height, CameraConfig config) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("MjRenderer: size " + width + "x" + height + ", expected positive");
        }
        if (width > model.offscreenWidth() || height > model.offscreenHeight()) {
            throw new IllegalArgumentException("MjRenderer: size " + width + "x" + height + " exceeds the model's offscreen buffer "
                    + model.offscreenWidth() + "x" + model.offscreenHeight() + " (vis.global.offwidth/offheight)");
        }
        this.model = model;
        this.width = width;
        this.height = height;
        this.config = config;
        this.owner = Thread.currentThread();
        this.gl = new EglContext();
        try {
            camera = arena.allocate(MjLayout.Camera.SIZE, 8);
            option = arena.allocate(MjLayout.Sizes.MJV_OPTION, 8);
            perturb = arena.allocate(MjLayout.Sizes.MJV_PERTURB, 8);
            scene = arena.allocate(MjLayout.Sizes.MJV_SCENE, 8);
            context = arena.allocate(MjLayout.Sizes.MJR_CONTEXT, 8);
            rgb = arena.allocate(3L * width * height);
            viewport = arena.allocate(Native.MJR_RECT);
            viewport.setAtIndex(ValueLayout.JAVA_INT, 2, width);
            viewport.setAtIndex(ValueLayout.JAVA_INT, 3, height);
            Native.mjv_defaultCamera.invokeExact(camera);
            Native.mjv_defaultOption.invokeExact(option);
            Native.mjv_defaultPerturb.invokeExact(perturb);
            Native.mjv_defaultScene.invokeExact(scene);
            Native.mjv_makeScene.invokeExact(model.live(), scene, MAX_GEOM);
            Native.mjr_defaultContext.invokeExact(context);
            Native.mjr_makeContext.invokeExact(model.live(), context, MjLayout.Enums.mjFONTSCALE_150);
            Native.mjr_setBuffer.invokeExact(MjLayout.Enums.mjFB_OFFSCREEN, context);
        } catch (Throwable t) {
            gl.close();
            arena.close();
            throw Native.rethrow(t);
        }
        trackCamera = model.id(MjObject.CAMERA, "track");
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Gymnasium's {@code _init_camera} then {@code _set_cam_config}, on the state of the first frame. */
    private void placeCamera(MjData data) {
        camera.set(ValueLayout.JAVA_INT, MjLayout.Camera.TYPE, MjLayout.Enums.mjCAMERA_FREE);
        camera.set(ValueLayout.JAVA_INT, MjLayout.Camera.FIXEDCAMID, -1);
        MjArray geoms = data.geomXpos();
        for (int axis = 0; axis < 3; axis++) {
            double[] column = new double[geoms.rows()];
            for (int g = 0; g < column.length; g++) {
                column[g] = geoms.get(g, axis);
            }
            camera.set(ValueLayout.JAVA_DOUBLE, MjLayout.Camera.LOOKAT + 8L * axis, median(column));
        }
        camera.set(ValueLayout.JAVA_DOUBLE, MjLayout.Camera.DISTANCE, model.extent());
        config.trackBodyId().ifPresent(id -> camera.set(ValueLayout.JAVA_INT, MjLayout.Camera.TRACKBODYID, id));
        config.distance().ifPresent(d -> camera.set(ValueLayout.JAVA_DOUBLE, MjLayout.Camera.DISTANCE, d));
        config.elevation().ifPresent(e -> camera.set(ValueLayout.JAVA_DOUBLE, MjLayout.Camera.ELEVATION, e));
        config.azimuth().ifPresent(a -> camera.set(ValueLayout.JAVA_DOUBLE, MjLayout.Camera.AZIMUTH, a));
        double[] lookat = config.lookat();
        for (int axis = 0; axis < lookat.length; axis++) {
            camera.set(ValueLayout.JAVA_DOUBLE, MjLayout.Camera.LOOKAT + 8L * axis, lookat[axis]);
        }
        // MujocoRenderer's default camera_name "track": a fixed camera when the model has one, else the free one
        int id = trackCamera.orElse(-1);
        camera.set(ValueLayout.JAVA_INT, MjLayout.Camera.TYPE, id >= 0 ? MjLayout.Enums.mjCAMERA_FIXED : MjLayout.Enums.mjCAMERA_FREE);
        camera.set(ValueLayout.JAVA_INT, MjLayout.Camera.FIXEDCAMID, id);
    }

    /** NumPy's median: the middle element, or the mean of the two middle ones. */
    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? 0 : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Draws {@code data}'s current state (of this renderer's model) as an RGB image. */
    public BufferedImage render(MjData data) {
        if (closed) {
            throw new IllegalStateException("MjRenderer is closed");
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("MjRenderer: made on thread " + owner.getName() + ", used on "
                    + Thread.currentThread().getName() + " (an OpenGL context is current on one thread)");
        }
        if (data.model() != model) {
            throw new IllegalArgumentException("MjRenderer: data of " + data.model() + ", expected data of " + model);
        }
        if (!cameraPlaced) {
            placeCamera(data);
            cameraPlaced = true;
        }
        gl.makeCurrent();
        try {
            Native.mjv_updateScene.invokeExact(model.live(), data.live(), option, perturb, camera, MjLayout.Enums.mjCAT_ALL, scene);
            Native.mjr_render.invokeExact(viewport, scene, context);
            Native.mjr_readPixels.invokeExact(rgb, MemorySegment.NULL, viewport, context);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            long base = 3L * width * y;
            for (int x = 0; x < width; x++) {
                long p = base + 3L * x;
                row[x] = (rgb.get(ValueLayout.JAVA_BYTE, p) & 0xff) << 16 | (rgb.get(ValueLayout.JAVA_BYTE, p + 1) & 0xff) << 8
                        | (rgb.get(ValueLayout.JAVA_BYTE, p + 2) & 0xff);
            }
            // OpenGL's rows start at the bottom
            image.setRGB(0, height - 1 - y, width, 1, row, 0, width);
        }
        return image;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                gl.makeCurrent();
                Native.mjr_freeContext.invokeExact(context);
                Native.mjv_freeScene.invokeExact(scene);
            } catch (Throwable t) {
                throw Native.rethrow(t);
            } finally {
                gl.close();
                arena.close();
            }
        }
    }
}
