package dev.javelin.env.classic;

import dev.javelin.env.Box;
import dev.javelin.env.Env;
import dev.javelin.env.Reset;
import dev.javelin.env.Step;
import dev.javelin.env.random.NumpyGenerator;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Map;

/**
 * Shared plumbing of Gymnasium's classic-control tasks: a float64 state vector, Gymnasium's {@code np_random}
 * (a {@link NumpyGenerator}), action checking, and Java2D rendering.
 *
 * <p>Seeding is Gymnasium 1.3.0's: {@link #reset(long) reset(seed)} re-creates the generator as
 * {@code seeding.np_random(seed)}, {@link #reset()} continues it, and an env never seeded seeds it from
 * operating-system entropy. Initial states are drawn with the same NumPy calls as Gymnasium's
 * {@code reset}, so a seed gives Gymnasium's episode: the same initial state bit for bit, then the same
 * trajectory for the same actions (ClassicResetsTest replays episodes recorded from Gymnasium 1.3.0; Pendulum
 * and MountainCarContinuous steps agree to 1.5e-7 there, because Gymnasium on NumPy 2 rounds their
 * float32-action terms to float32 while these envs follow 0.29.1 on NumPy 1, see GymnasiumTransitionsTest).
 * Seeds are non-negative, as in Gymnasium; a negative one throws {@link IllegalArgumentException}.
 *
 * <p>Subclasses hold only the task: initial state, transition, observation and drawing. The state is
 * exposed ({@link #state()}, {@link #setState}) so recorded Gymnasium transitions can be replayed.
 */
public abstract class ClassicControlEnv<A> implements Env<float[], A> {
    protected final double[] state;
    private NumpyGenerator npRandom;
    private boolean started;

    protected ClassicControlEnv(int stateSize) {
        this.state = new double[stateSize];
    }

    /** Gymnasium's registered id, used in messages. */
    public abstract String id();

    @Override
    public abstract Box observationSpace();

    /** Gymnasium's {@code reset} body: draws the initial {@link #state} from {@code npRandom} with the same calls. */
    protected abstract void sampleInitialState(NumpyGenerator npRandom);

    /** Applies a checked action to {@link #state}. */
    protected abstract Step<float[]> transition(A action);

    /** The observation of the current state, cast to float32 as Gymnasium does. */
    protected abstract float[] observation();

    /** Natural frame size (Gymnasium's screen size). */
    protected abstract int screenWidth();

    protected abstract int screenHeight();

    /** Draws the state in Gymnasium's screen coordinates: y points up, origin bottom-left. */
    protected abstract void draw(Graphics2D g);

    @Override
    public final Reset<float[]> reset(long seed) {
        if (seed < 0) {
            throw new IllegalArgumentException(id() + ": reset seed " + seed
                    + ", expected a non-negative integer (Gymnasium rejects negative seeds)");
        }
        npRandom = NumpyGenerator.defaultRng(seed);
        return start();
    }

    @Override
    public final Reset<float[]> reset() {
        if (npRandom == null) {
            npRandom = NumpyGenerator.defaultRng();
        }
        return start();
    }

    private Reset<float[]> start() {
        sampleInitialState(npRandom);
        started = true;
        onReset();
        return new Reset<>(observation(), Map.of());
    }

    /** Hook for per-episode bookkeeping (CartPole's steps beyond termination). */
    protected void onReset() {
    }

    @Override
    public final Step<float[]> step(A action) {
        if (!started) {
            throw new IllegalStateException(id() + ": step before reset; call reset(seed) first");
        }
        return transition(actionSpace().check(action, id() + ": action"));
    }

    /** A copy of the float64 state. */
    public double[] state() {
        return state.clone();
    }

    /** Overwrites the state (for replaying recorded transitions); the env counts as reset afterwards. */
    public void setState(double... newState) {
        if (newState.length != state.length) {
            throw new IllegalArgumentException(id() + ": state of length " + newState.length + " ("
                    + Arrays.toString(newState) + "), expected " + state.length);
        }
        System.arraycopy(newState, 0, state, 0, state.length);
        started = true;
        onReset();
    }

    @Override
    public final BufferedImage render() {
        return render(screenWidth(), screenHeight());
    }

    /** Draws directly at the requested size (vector graphics), so small pixel observations stay cheap and sharp. */
    @Override
    public final BufferedImage render(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(id() + ": render size " + width + "x" + height + ", expected positive");
        }
        if (!started) {
            throw new IllegalStateException(id() + ": render before reset; call reset(seed) first");
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, width, height);
        // Gymnasium draws with y up and flips the surface: the same flip as a transform.
        AffineTransform t = new AffineTransform();
        t.scale((double) width / screenWidth(), (double) height / screenHeight());
        t.translate(0, screenHeight());
        t.scale(1, -1);
        g.transform(t);
        g.setStroke(new BasicStroke(1.5f));
        draw(g);
        g.dispose();
        return image;
    }

    @Override
    public String toString() {
        return id();
    }

    /** Python's {@code min(max(x, lo), hi)} / {@code np.clip} on a scalar. */
    static double clip(double x, double lo, double hi) {
        return Math.min(Math.max(x, lo), hi);
    }
}
