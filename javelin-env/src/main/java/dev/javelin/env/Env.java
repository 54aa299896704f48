package dev.javelin.env;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A Markov decision process with Gymnasium's API (0.26+ step/reset semantics).
 *
 * <pre>{@code
 * Env<float[], Integer> env = ...;
 * Reset<float[]> r = env.reset(42);          // seeds the env's own generator, first observation
 * Step<float[]> s = env.step(1);             // observation, reward, terminated, truncated, info
 * if (s.done()) env.reset();                 // continue with the same generator
 * }</pre>
 *
 * <p>Contract, for implementors:
 * <ul>
 * <li>{@link #reset(long)} makes the env's randomness a deterministic function of the seed; the same
 *     seed and actions give the same episode bit for bit. {@link #reset()} continues the generator
 *     (seeding it from entropy if the env was never seeded, as Gymnasium does).</li>
 * <li>{@link #step} rejects an action outside {@link #actionSpace()} with an {@link IllegalArgumentException}
 *     naming the action and the space (see {@link Space#check}); wrap with ClipAction to clip instead.
 *     Stepping before the first reset throws {@link IllegalStateException}.</li>
 * <li>Observations are fresh objects the caller may keep; the env must not keep the action object
 *     after {@code step} returns (callers such as vector envs reuse action buffers).</li>
 * </ul>
 *
 * @param <O> observation type (classic control: {@code float[]})
 * @param <A> action type ({@code Integer} for Discrete, {@code float[]} for Box, {@code int[]} for MultiDiscrete)
 */
public interface Env<O, A> extends AutoCloseable {

    /** The space every observation is in. */
    Space<O> observationSpace();

    /** The space {@link #step} accepts actions from; an action outside it is rejected with a message. */
    Space<A> actionSpace();

    /** Starts an episode with the generator re-seeded from {@code seed}. */
    Reset<O> reset(long seed);

    /** Starts an episode continuing the current generator. */
    Reset<O> reset();

    /** Takes one step: observation, reward, terminated, truncated and info, as Gymnasium's {@code step}. */
    Step<O> step(A action);

    /** The current state drawn as an RGB image at the env's natural size. */
    default BufferedImage render() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not render");
    }

    /**
     * The current state drawn at {@code width x height}; envs that draw with vector graphics override this
     * to draw at that size directly (the pixel-observation path), others scale {@link #render()}.
     */
    default BufferedImage render(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("render: size " + width + "x" + height + ", expected positive");
        }
        BufferedImage full = render();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(full, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    /** Frames per second for videos of this env (Gymnasium's {@code metadata["render_fps"]}). */
    default int renderFps() {
        return 30;
    }

    /** The innermost env under all wrappers. */
    default Env<?, ?> unwrapped() {
        return this;
    }

    @Override
    default void close() {
    }
}
