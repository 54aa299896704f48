package dev.javelin.mujoco;

/**
 * An offscreen OpenGL context that MuJoCo's {@code mjr_} functions draw into. GL contexts are current on one
 * thread at a time: {@link MjRenderer} makes its context current for each frame and releases it afterwards, so a
 * renderer may be used by one thread after another but never by two at once.
 */
interface GlContext extends AutoCloseable {
    /** The backend's name as {@code MUJOCO_GL} spells it ({@code egl}, {@code osmesa}). */
    String backend();

    /** Makes the context current on the calling thread. */
    void makeCurrent();

    /** Detaches the context from the calling thread, so another thread may make it current. */
    void release();

    @Override
    void close();
}
