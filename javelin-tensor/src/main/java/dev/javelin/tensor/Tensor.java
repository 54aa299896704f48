package dev.javelin.tensor;

import dev.javelin.tensor.kernel.Gemm;
import dev.javelin.tensor.kernel.Elementwise;
import dev.javelin.tensor.kernel.RowNorm;
import dev.javelin.tensor.kernel.RowSoftmax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A float32 tensor: row-major contiguous data in a {@code float[]} and an {@code int[]} shape.
 *
 * <p>Define-by-run autodiff: an op whose inputs require grad (while {@link Grad#isEnabled()}) records
 * its inputs and a backward rule. Backward rules are written with Tensor ops, so gradients can be
 * differentiated again ({@link Grad#of} with createGraph). Tensors are treated as immutable by the ops;
 * {@link #data()} exposes the live array for optimizers and I/O, which update parameters in place
 * under {@link Grad#disabled()}.
 */
public final class Tensor {
    /**
     * Backward rule of an op: given grad = d loss / d out, returns one entry per input, the gradient
     * for each input whose {@code need} flag is set (null otherwise). Written with Tensor ops, so that
     * under createGraph the rule is itself recorded and can be differentiated again.
     */
    @FunctionalInterface
    public interface Backward {
        /**
         * The gradients of the inputs: {@code grad} is d loss / d {@code out}; entries whose {@code need} is false
         * may be null.
         */
        Tensor[] apply(Tensor grad, Tensor out, boolean[] need);
    }

    final float[] data;
    final int[] shape;
    final Tensor[] inputs;
    final Backward backward;
    private boolean requiresGrad;
    private Tensor grad;
    private boolean hasGrad;

    private Tensor(float[] data, int[] shape, Tensor[] inputs, Backward backward) {
        this.data = data;
        this.shape = shape;
        this.inputs = inputs;
        this.backward = backward;
        this.requiresGrad = inputs != null;
    }

    /** An untracked tensor over {@code data} (not copied); the shape must already be validated. */
    static Tensor wrap(float[] data, int[] shape) {
        return new Tensor(data, shape, null, null);
    }

    /** Result of an op: tracked only when recording is on and some input requires grad. */
    static Tensor result(float[] data, int[] shape, Backward backward, Tensor... inputs) {
        if (Grad.isEnabled()) {
            for (Tensor t : inputs) {
                if (t.requiresGrad) return new Tensor(data, shape, inputs, backward);
            }
        }
        return new Tensor(data, shape, null, null);
    }

    /**
     * A custom op: {@code data} (not copied) computed from {@code inputs} by a fused kernel, with its
     * gradient rule. Recorded like the built-in ops, so fused kernels elsewhere (nn, kernel) get autodiff.
     */
    public static Tensor custom(float[] data, int[] shape, Backward backward, Tensor... inputs) {
        int[] s = Shapes.checked("Tensor.custom", shape);
        if (Shapes.size(s) != data.length) {
            throw new IllegalArgumentException("Tensor.custom: shape " + Shapes.str(s) + " needs " + Shapes.size(s)
                    + " elements but data has " + data.length);
        }
        return result(data, s, backward, inputs.clone());
    }

    // ---- creation -------------------------------------------------------------------------------

    /** A tensor over {@code data}, which becomes its storage (not copied; call {@link #copy()} for that). */
    public static Tensor of(float[] data, int... shape) {
        int[] s = Shapes.checked("Tensor.of", shape);
        if (Shapes.size(s) != data.length) {
            throw new IllegalArgumentException("Tensor.of: shape " + Shapes.str(s) + " needs " + Shapes.size(s)
                    + " elements but data has " + data.length);
        }
        return wrap(data, s);
    }

    /** A rank-0 tensor holding {@code value}. */
    public static Tensor scalar(float value) {
        return wrap(new float[] {value}, Shapes.SCALAR);
    }

    /** A tensor of zeros of the given shape. */
    public static Tensor zeros(int... shape) {
        int[] s = Shapes.checked("Tensor.zeros", shape);
        return wrap(new float[Shapes.size(s)], s);
    }

    /** A tensor of ones of the given shape. */
    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    /** A tensor of the given shape with every element {@code value}. */
    public static Tensor full(float value, int... shape) {
        int[] s = Shapes.checked("Tensor.full", shape);
        float[] d = new float[Shapes.size(s)];
        Arrays.fill(d, value);
        return wrap(d, s);
    }

    /** Standard normal entries. */
    public static Tensor randn(Rng rng, int... shape) {
        int[] s = Shapes.checked("Tensor.randn", shape);
        float[] d = new float[Shapes.size(s)];
        for (int i = 0; i < d.length; i++) d[i] = (float) rng.nextGaussian();
        return wrap(d, s);
    }

    /** Entries uniform in [lo, hi). */
    public static Tensor uniform(Rng rng, float lo, float hi, int... shape) {
        if (!(hi >= lo)) throw new IllegalArgumentException("Tensor.uniform: hi " + hi + " < lo " + lo);
        int[] s = Shapes.checked("Tensor.uniform", shape);
        float[] d = new float[Shapes.size(s)];
        for (int i = 0; i < d.length; i++) d[i] = lo + (hi - lo) * rng.nextFloat();
        return wrap(d, s);
    }

    /** 0, 1, ..., n-1. */
    public static Tensor arange(int n) {
        if (n < 0) throw new IllegalArgumentException("Tensor.arange: negative length " + n);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) d[i] = i;
        return wrap(d, new int[] {n});
    }

    /** start, start+step, ... while below end (above end for a negative step), as torch.arange. */
    public static Tensor arange(float start, float end, float step) {
        if (step == 0 || Float.isNaN(step)) throw new IllegalArgumentException("Tensor.arange: step " + step + " must be non-zero");
        long n = (long) Math.max(0, Math.ceil((end - start) / (double) step));
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("Tensor.arange: " + n + " elements is too many");
        float[] d = new float[(int) n];
        for (int i = 0; i < d.length; i++) d[i] = (float) (start + i * (double) step);
        return wrap(d, new int[] {d.length});
    }

    /** A leaf that requires grad, over {@code data} (not copied). */
    public static Tensor parameter(float[] data, int... shape) {
        return of(data, shape).requiresGrad(true);
    }

    // ---- accessors ------------------------------------------------------------------------------

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of axes. */
    public int rank() {
        return shape.length;
    }

    /** Extent of dimension i; negative i counts from the end. */
    public int dim(int i) {
        return shape[Shapes.axis("dim", i, shape.length)];
    }

    /** The number of elements. */
    public int size() {
        return data.length;
    }

    /** The live storage: writes are seen by every tensor sharing it (reshape/view/detach share). */
    public float[] data() {
        return data;
    }

    /** The value of a one-element tensor; any other shape is rejected. */
    public float item() {
        if (data.length != 1) throw new IllegalArgumentException("item: tensor of shape " + Shapes.str(shape) + " is not a single value");
        return data[0];
    }

    /** The element at {@code index}, one coordinate per axis. */
    public float get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: index " + Arrays.toString(index) + " has " + index.length
                    + " coordinates for shape " + Shapes.str(shape));
        }
        int off = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IllegalArgumentException("get: index " + Arrays.toString(index) + " out of bounds for shape " + Shapes.str(shape));
            }
            off = off * shape[i] + index[i];
        }
        return data[off];
    }

    /** A fresh, untracked tensor with a copy of the data. */
    public Tensor copy() {
        return wrap(data.clone(), shape);
    }

    // ---- autodiff state -------------------------------------------------------------------------

    /** Whether gradients flow to this tensor (a parameter, or a result computed from one). */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf as a parameter (or not); returns this. */
    public Tensor requiresGrad(boolean value) {
        if (!isLeaf()) throw new IllegalArgumentException("requiresGrad: only leaves can change requiresGrad; use detach() for a result");
        requiresGrad = value;
        return this;
    }

    /** True for tensors not produced by a recorded op (parameters, inputs, constants). */
    public boolean isLeaf() {
        return inputs == null;
    }

    /** Whether backward has accumulated a gradient since the last {@link #zeroGrad()}. */
    public synchronized boolean hasGrad() {
        return hasGrad;
    }

    /** The accumulated gradient (zeros if none yet); its data is live, so clipping can scale it in place. */
    public synchronized Tensor grad() {
        if (grad == null) grad = zeros(shape);
        return grad;
    }

    /** Clears the accumulated gradient, keeping its buffer. */
    public synchronized void zeroGrad() {
        if (grad != null) Arrays.fill(grad.data, 0f);
        hasGrad = false;
    }

    /** Replaces the accumulated gradient (e.g. with an average gathered from worker threads). */
    public synchronized void setGrad(Tensor g) {
        if (!Shapes.same(g.shape, shape)) {
            throw new IllegalArgumentException("setGrad: gradient shape " + Shapes.str(g.shape) + " != tensor shape " + Shapes.str(shape));
        }
        if (grad == null) grad = zeros(shape);
        System.arraycopy(g.data, 0, grad.data, 0, g.data.length);
        hasGrad = true;
    }

    /** Called by backward; synchronized so worker threads sharing a parameter add safely. */
    synchronized void accumulateGrad(Tensor g) {
        if (grad == null) grad = zeros(shape);
        float[] d = grad.data, s = g.data;
        if (hasGrad) {
            for (int i = 0; i < d.length; i++) d[i] += s[i];
        } else {
            System.arraycopy(s, 0, d, 0, d.length);
            hasGrad = true;
        }
    }

    /** d this / d leaf accumulated into every leaf that requires grad; this must be a scalar. */
    public void backward() {
        if (data.length != 1) {
            throw new IllegalArgumentException("backward: tensor of shape " + Shapes.str(shape)
                    + " is not a scalar; use backward(gradOutput)");
        }
        Grad.backward(this, full(1f, shape));
    }

    /** Accumulates the vector-Jacobian product gradOutput^T d this / d leaf into the leaves. */
    public void backward(Tensor gradOutput) {
        if (!Shapes.same(gradOutput.shape, shape)) {
            throw new IllegalArgumentException("backward: gradOutput shape " + Shapes.str(gradOutput.shape)
                    + " != tensor shape " + Shapes.str(shape));
        }
        Grad.backward(this, gradOutput);
    }

    /** Same data, cut from the graph. */
    public Tensor detach() {
        return wrap(data, shape);
    }

    // ---- broadcasting binary ops ----------------------------------------------------------------

    private static Tensor binary(int op, String name, Tensor a, Tensor b, Backward bw) {
        int[] os = Shapes.broadcast(name, a.shape, b.shape);
        return result(Broadcast.binary(op, a.data, a.shape, b.data, b.shape, os), os, bw, a, b);
    }

    /** this + o elementwise, with broadcasting. */
    public Tensor add(Tensor o) {
        return binary(Broadcast.ADD, "add", this, o, (g, out, need) -> new Tensor[] {
                need[0] ? g.sumTo(shape) : null,
                need[1] ? g.sumTo(o.shape) : null});
    }

    /** this - o elementwise, with broadcasting. */
    public Tensor sub(Tensor o) {
        return binary(Broadcast.SUB, "sub", this, o, (g, out, need) -> new Tensor[] {
                need[0] ? g.sumTo(shape) : null,
                need[1] ? g.neg().sumTo(o.shape) : null});
    }

    /** this * o elementwise, with broadcasting. */
    public Tensor mul(Tensor o) {
        return binary(Broadcast.MUL, "mul", this, o, (g, out, need) -> new Tensor[] {
                need[0] ? g.mul(o).sumTo(shape) : null,
                need[1] ? g.mul(this).sumTo(o.shape) : null});
    }

    /** this / o elementwise, with broadcasting. */
    public Tensor div(Tensor o) {
        return binary(Broadcast.DIV, "div", this, o, (g, out, need) -> new Tensor[] {
                need[0] ? g.div(o).sumTo(shape) : null,
                // d(a/b)/db = -a/b^2 = -out/b
                need[1] ? g.mul(out).div(o).neg().sumTo(o.shape) : null});
    }

    /** this + s elementwise. */
    public Tensor add(float s) {
        return add(scalar(s));
    }

    /** this - s elementwise. */
    public Tensor sub(float s) {
        return sub(scalar(s));
    }

    /** this * s elementwise. */
    public Tensor mul(float s) {
        return mul(scalar(s));
    }

    /** this / s elementwise. */
    public Tensor div(float s) {
        return div(scalar(s));
    }

    /** this ^ e elementwise, with broadcasting; the exponent's gradient is out * log(this). */
    public Tensor pow(Tensor e) {
        return binary(Broadcast.POW, "pow", this, e, (g, out, need) -> new Tensor[] {
                need[0] ? g.mul(e).mul(pow(e.sub(1f))).sumTo(shape) : null,
                need[1] ? g.mul(out).mul(log()).sumTo(e.shape) : null});
    }

    // ---- broadcasting and its adjoint -----------------------------------------------------------

    /** Broadcast to {@code target} (materialized), as torch.Tensor.expand; gradient sums back. */
    public Tensor expand(int... target) {
        if (Shapes.same(target, shape)) return this;
        if (!Shapes.broadcastsTo(shape, target)) {
            throw new IllegalArgumentException("expand: shape " + Shapes.str(shape) + " cannot broadcast to " + Shapes.str(target));
        }
        int[] t = Shapes.checked("expand", target);
        return result(Broadcast.expand(data, shape, t), t, (g, out, need) -> new Tensor[] {g.sumTo(shape)}, this);
    }

    /** Sum over the dimensions along which {@code target} would broadcast to this shape (torch sum_to_size). */
    public Tensor sumTo(int... target) {
        if (Shapes.same(target, shape)) return this;
        if (!Shapes.broadcastsTo(target, shape)) {
            throw new IllegalArgumentException("sumTo: shape " + Shapes.str(target) + " does not broadcast to " + Shapes.str(shape));
        }
        int[] t = target.clone();
        return result(Broadcast.sumTo(data, shape, t), t, (g, out, need) -> new Tensor[] {g.expand(shape)}, this);
    }

    // ---- unary ops ------------------------------------------------------------------------------

    /** Below this length elementwise loops take a shared scalar path (see {@link #map}). */
    static final int SMALL = 16;

    private static final int NEG = 0, EXP = 1, LOG = 2, SQRT = 3, TANH = 4, SIGMOID = 5, RELU = 6, SILU = 7;

    /**
     * An elementwise function into a new array. The JIT vectorizes a loop only when its profiled trip
     * count is large, and scalars and tiny tensors pass through these ops all the time (a loss times a
     * coefficient): they take one shared switch loop, so each op's own loop only ever sees long arrays.
     */
    private float[] map(int op) {
        float[] x = data, o = Arena.overwritten(x.length);
        int n = o.length;
        if (n < SMALL) {
            for (int i = 0; i < n; i++) o[i] = mapOne(op, x[i]);
            return o;
        }
        switch (op) {
            case NEG -> { for (int i = 0; i < n; i++) o[i] = -x[i]; }
            case EXP -> Elementwise.exp(x, o, n);
            case LOG -> { for (int i = 0; i < n; i++) o[i] = FastMath.log(x[i]); }
            case SQRT -> { for (int i = 0; i < n; i++) o[i] = (float) Math.sqrt(x[i]); }
            case TANH -> Elementwise.tanh(x, o, n);
            case SIGMOID -> Elementwise.sigmoid(x, o, n);
            // max rather than a conditional: the JIT vectorizes it, while x > 0 ? x : 0 stays a mispredicted branch
            case RELU -> { for (int i = 0; i < n; i++) o[i] = Math.max(x[i], 0f); }
            case SILU -> Elementwise.silu(x, o, n);
            default -> throw new IllegalStateException("unknown elementwise op " + op);
        }
        return o;
    }

    private static float mapOne(int op, float v) {
        return switch (op) {
            case NEG -> -v;
            case EXP -> FastMath.exp(v);
            case LOG -> FastMath.log(v);
            case SQRT -> (float) Math.sqrt(v);
            case TANH -> FastMath.tanh(v);
            case SIGMOID -> FastMath.sigmoid(v);
            case RELU -> Math.max(v, 0f);
            case SILU -> v * FastMath.sigmoid(v);
            default -> throw new IllegalStateException("unknown elementwise op " + op);
        };
    }

    /** -this elementwise. */
    public Tensor neg() {
        float[] o = map(NEG);
        return result(o, shape, (g, out, need) -> new Tensor[] {g.neg()}, this);
    }

    /** e^this elementwise. */
    public Tensor exp() {
        float[] o = map(EXP);
        return result(o, shape, (g, out, need) -> new Tensor[] {g.mul(out)}, this);
    }

    /** The natural logarithm, elementwise. */
    public Tensor log() {
        float[] o = map(LOG);
        return result(o, shape, (g, out, need) -> new Tensor[] {g.div(this)}, this);
    }

    /** The square root, elementwise. */
    public Tensor sqrt() {
        float[] o = map(SQRT);
        return result(o, shape, (g, out, need) -> new Tensor[] {g.div(out.mul(2f))}, this);
    }

    /** this ^ p for a constant exponent. */
    public Tensor pow(float p) {
        float[] o = Arena.overwritten(data.length);
        if (p == 2f) {
            for (int i = 0; i < o.length; i++) o[i] = data[i] * data[i];
        } else {
            for (int i = 0; i < o.length; i++) o[i] = (float) Math.pow(data[i], p);
        }
        return result(o, shape, (g, out, need) -> new Tensor[] {
                g.mul(p == 2f ? mul(2f) : pow(p - 1f).mul(p))}, this);
    }

    /** tanh, elementwise; the gradient is 1 - tanh^2. */
    public Tensor tanh() {
        float[] o = map(TANH);
        return result(o, shape, (g, out, need) -> new Tensor[] {tanhGrad(g, out)}, this);
    }

    /** g (1 - y^2): tanh's gradient fused into one pass, itself differentiable for createGraph. */
    static Tensor tanhGrad(Tensor g, Tensor y) {
        float[] o = Arena.overwritten(g.data.length), gd = g.data, yd = y.data;
        if (o.length < SMALL) {
            for (int i = 0; i < o.length; i++) o[i] = gd[i] * (1f - yd[i] * yd[i]); // kept apart, see map()
        } else {
            Elementwise.tanhGrad(gd, yd, o, o.length);
        }
        return result(o, g.shape, (gg, out, need) -> new Tensor[] {
                need[0] ? tanhGrad(gg, y) : null,
                need[1] ? gg.mul(g).mul(y).mul(-2f) : null}, g, y);
    }

    /** The logistic sigmoid 1 / (1 + e^-x), elementwise. */
    public Tensor sigmoid() {
        float[] o = map(SIGMOID);
        return result(o, shape, (g, out, need) -> new Tensor[] {sigmoidGrad(g, out)}, this);
    }

    /** g s (1 - s): sigmoid's gradient fused into one pass, itself differentiable for createGraph. */
    static Tensor sigmoidGrad(Tensor g, Tensor s) {
        float[] o = Arena.overwritten(g.data.length), gd = g.data, sd = s.data;
        if (o.length < SMALL) {
            for (int i = 0; i < o.length; i++) o[i] = gd[i] * sd[i] * (1f - sd[i]); // kept apart, see map()
        } else {
            for (int i = 0; i < o.length; i++) o[i] = gd[i] * sd[i] * (1f - sd[i]);
        }
        return result(o, g.shape, (gg, out, need) -> new Tensor[] {
                need[0] ? sigmoidGrad(gg, s) : null,
                need[1] ? gg.mul(g).mul(s.mul(-2f).add(1f)) : null}, g, s);
    }

    /** max(x, 0) elementwise; the gradient is 0 at 0, as PyTorch's. */
    public Tensor relu() {
        float[] o = map(RELU);
        return result(o, shape, (g, out, need) -> new Tensor[] {reluGrad(g, data)}, this);
    }

    /** g where x > 0, else 0; linear in g (relu has no curvature), so its own gradient is the same mask. */
    static Tensor reluGrad(Tensor g, float[] x) {
        float[] o = Arena.overwritten(g.data.length);
        Elementwise.reluGrad(g.data, x, o, o.length);
        return result(o, g.shape, (gg, out, need) -> new Tensor[] {reluGrad(gg, x)}, g);
    }

    /** |x| elementwise; the gradient is sign(x), 0 at 0. */
    public Tensor abs() {
        float[] o = Arena.floats(data.length);
        for (int i = 0; i < o.length; i++) o[i] = Math.abs(data[i]);
        return result(o, shape, (g, out, need) -> new Tensor[] {g.mul(sign())}, this);
    }

    /** -1, 0 or 1; not differentiable (zero gradient), so untracked. */
    public Tensor sign() {
        float[] o = Arena.floats(data.length);
        for (int i = 0; i < o.length; i++) o[i] = Math.signum(data[i]);
        return wrap(o, shape);
    }

    /** log(1 + x), accurate for small x. */
    public Tensor log1p() {
        float[] o = Arena.floats(data.length);
        for (int i = 0; i < o.length; i++) o[i] = (float) Math.log1p(data[i]);
        return result(o, shape, (g, out, need) -> new Tensor[] {g.div(add(1f))}, this);
    }

    /** exp(x) - 1, accurate for small x. */
    public Tensor expm1() {
        float[] o = Arena.floats(data.length);
        for (int i = 0; i < o.length; i++) o[i] = (float) Math.expm1(data[i]);
        return result(o, shape, (g, out, need) -> new Tensor[] {g.mul(out.add(1f))}, this);
    }

    /** x^2 elementwise. */
    public Tensor square() {
        return pow(2f);
    }

    /** x if x > 0 else alpha (exp(x) - 1). */
    public Tensor elu(float alpha) {
        float[] o = Arena.floats(data.length);
        for (int i = 0; i < o.length; i++) o[i] = data[i] > 0 ? data[i] : (float) (alpha * Math.expm1(data[i]));
        // d/dx = 1 for x > 0, alpha exp(x) = out + alpha otherwise
        return result(o, shape, (g, out, need) -> new Tensor[] {where(gt(0f), g, g.mul(out.add(alpha)))}, this);
    }

    /** ELU with alpha 1: x for x > 0, e^x - 1 otherwise (PyTorch's {@code nn.ELU()}). */
    public Tensor elu() {
        return elu(1f);
    }

    /** x sigmoid(x) (a.k.a. swish). */
    public Tensor silu() {
        float[] o = map(SILU);
        return result(o, shape, (g, out, need) -> new Tensor[] {siluGrad(g, this)}, this);
    }

    /**
     * g s (1 + x (1 - s)) with s = sigmoid(x), SiLU's gradient, in one pass over fresh memory (composed of
     * Tensor ops it took seven passes and arrays, a quarter of a DreamerV3 update). Differentiable: in g
     * it is linear, in x its derivative is g s (1 - s) (2 + x (1 - 2 s)).
     */
    static Tensor siluGrad(Tensor g, Tensor x) {
        float[] o = Arena.overwritten(g.data.length), gd = g.data, xd = x.data;
        if (o.length < SMALL) {
            for (int i = 0; i < o.length; i++) { // kept apart, see map()
                float s = FastMath.sigmoid(xd[i]);
                o[i] = gd[i] * (s * (xd[i] * (1f - s) + 1f));
            }
        } else {
            Elementwise.siluGrad(gd, xd, o, o.length);
        }
        return result(o, g.shape, (gg, out, need) -> {
            Tensor second = null;
            if (need[1]) {
                Tensor sg = x.sigmoid();
                second = gg.mul(g).mul(sg.mul(sg.neg().add(1f))).mul(x.mul(sg.mul(-2f).add(1f)).add(2f));
            }
            return new Tensor[] {need[0] ? siluGrad(gg, x) : null, second};
        }, g, x);
    }

    /** log(1 + exp(x)) as torch.nn.functional.softplus(beta=1, threshold=20). */
    public Tensor softplus() {
        return softplus(1f, 20f);
    }

    /** log(1 + exp(beta x)) / beta, and x itself where beta x > threshold (PyTorch's overflow guard). */
    public Tensor softplus(float beta, float threshold) {
        if (!(beta > 0)) throw new IllegalArgumentException("softplus: beta " + beta + " must be positive");
        float[] o = Arena.floats(data.length);
        for (int i = 0; i < o.length; i++) {
            float x = data[i], bx = x * beta;
            o[i] = bx > threshold ? x : FastMath.softplus(bx) / beta;
        }
        return result(o, shape, (g, out, need) -> new Tensor[] {
                where(mul(beta).gt(threshold), g, g.mul(mul(beta).sigmoid()))}, this);
    }

    /** Limits to [min, max]; the gradient passes where min &lt;= x &lt;= max, as torch.clamp. */
    public Tensor clamp(float min, float max) {
        if (min > max) throw new IllegalArgumentException("clamp: min " + min + " > max " + max);
        float[] o = Arena.floats(data.length);
        for (int i = 0; i < o.length; i++) o[i] = Math.min(Math.max(data[i], min), max);
        return result(o, shape, (g, out, need) -> {
            float[] m = Arena.floats(data.length);
            for (int i = 0; i < m.length; i++) m[i] = data[i] >= min && data[i] <= max ? 1f : 0f;
            return new Tensor[] {g.mul(wrap(m, shape))};
        }, this);
    }

    /** Elementwise minimum with broadcasting; ties split the gradient in half, as torch.minimum. */
    public Tensor minimum(Tensor o) {
        return binary(Broadcast.MIN, "minimum", this, o, (g, out, need) -> minMaxGrads(g, lt(o), o, need));
    }

    /** Elementwise maximum with broadcasting; ties split the gradient in half, as torch.maximum. */
    public Tensor maximum(Tensor o) {
        return binary(Broadcast.MAX, "maximum", this, o, (g, out, need) -> minMaxGrads(g, gt(o), o, need));
    }

    private Tensor[] minMaxGrads(Tensor g, Tensor wins, Tensor o, boolean[] need) {
        Tensor share = wins.add(eq(o).mul(0.5f));
        return new Tensor[] {
                need[0] ? g.mul(share).sumTo(shape) : null,
                need[1] ? g.mul(share.neg().add(1f)).sumTo(o.shape) : null};
    }

    /** Elementwise mask ? a : b with broadcasting of all three; mask entries are true when non-zero. */
    public static Tensor where(Tensor mask, Tensor a, Tensor b) {
        int[] os = Shapes.broadcast("where", Shapes.broadcast("where", mask.shape, a.shape), b.shape);
        float[] m = operand(mask, os), x = operand(a, os), y = operand(b, os);
        float[] o = Arena.floats(m.length);
        for (int i = 0; i < o.length; i++) o[i] = m[i] != 0 ? x[i] : y[i];
        Tensor zero = scalar(0f);
        return result(o, os, (g, out, need) -> new Tensor[] {
                null,
                need[1] ? where(mask, g, zero).sumTo(a.shape) : null,
                need[2] ? where(mask, zero, g).sumTo(b.shape) : null}, mask, a, b);
    }

    /** The data of t laid out in shape os: its own array when no broadcasting is needed (read only). */
    private static float[] operand(Tensor t, int[] os) {
        return Shapes.same(t.shape, os) ? t.data : Broadcast.expand(t.data, t.shape, os);
    }

    /** Value of {@code hard}, gradient of {@code soft}: hard + soft - stop_gradient(soft). */
    public static Tensor straightThrough(Tensor hard, Tensor soft) {
        if (!Shapes.same(hard.shape, soft.shape)) {
            throw new IllegalArgumentException("straightThrough: hard " + Shapes.str(hard.shape) + " and soft "
                    + Shapes.str(soft.shape) + " differ in shape");
        }
        return result(hard.data.clone(), hard.shape, (g, out, need) -> new Tensor[] {g}, soft);
    }

    // ---- comparisons: 0/1 masks, never tracked ---------------------------------------------------

    private Tensor compare(int op, String name, Tensor o) {
        int[] os = Shapes.broadcast(name, shape, o.shape);
        return wrap(Broadcast.binary(op, data, shape, o.data, o.shape, os), os);
    }

    /** 1 where {@code this > o}, else 0, with broadcasting; no gradient. */
    public Tensor gt(Tensor o) { return compare(Broadcast.GT, "gt", o); }
    /** 1 where {@code this >= o}, else 0, with broadcasting; no gradient. */
    public Tensor ge(Tensor o) { return compare(Broadcast.GE, "ge", o); }
    /** 1 where {@code this < o}, else 0, with broadcasting; no gradient. */
    public Tensor lt(Tensor o) { return compare(Broadcast.LT, "lt", o); }
    /** 1 where {@code this <= o}, else 0, with broadcasting; no gradient. */
    public Tensor le(Tensor o) { return compare(Broadcast.LE, "le", o); }
    /** 1 where {@code this == o}, else 0, with broadcasting; no gradient. */
    public Tensor eq(Tensor o) { return compare(Broadcast.EQ, "eq", o); }
    /** 1 where {@code this != o}, else 0, with broadcasting; no gradient. */
    public Tensor ne(Tensor o) { return compare(Broadcast.NE, "ne", o); }
    /** 1 where {@code this > s}, else 0; no gradient. */
    public Tensor gt(float s) { return gt(scalar(s)); }
    /** 1 where {@code this >= s}, else 0; no gradient. */
    public Tensor ge(float s) { return ge(scalar(s)); }
    /** 1 where {@code this < s}, else 0; no gradient. */
    public Tensor lt(float s) { return lt(scalar(s)); }
    /** 1 where {@code this <= s}, else 0; no gradient. */
    public Tensor le(float s) { return le(scalar(s)); }
    /** 1 where {@code this == s}, else 0; no gradient. */
    public Tensor eq(float s) { return eq(scalar(s)); }
    /** 1 where {@code this != s}, else 0; no gradient. */
    public Tensor ne(float s) { return ne(scalar(s)); }

    // ---- matrix products ------------------------------------------------------------------------

    /**
     * Matrix product over the last two dims: [.., m, k] x [.., k, n]. Batch dims must be equal, or one
     * side is a plain matrix that is shared by every batch entry.
     */
    public Tensor matmul(Tensor b) {
        return mm(this, false, b, false);
    }

    /** op(a) op(b) where op transposes the last two dims when its flag is set; gradients use flags, never copies. */
    static Tensor mm(Tensor a, boolean ta, Tensor b, boolean tb) {
        int ra = a.shape.length, rb = b.shape.length;
        if (ra < 2 || rb < 2) {
            throw new IllegalArgumentException("matmul: needs at least 2-D operands, got " + Shapes.str(a.shape) + " and " + Shapes.str(b.shape));
        }
        int ar = a.shape[ra - 2], ac = a.shape[ra - 1], br = b.shape[rb - 2], bc = b.shape[rb - 1];
        int m = ta ? ac : ar, k = ta ? ar : ac, kb = tb ? bc : br, n = tb ? br : bc;
        if (k != kb) {
            throw new IllegalArgumentException("matmul: shapes " + Shapes.str(a.shape) + (ta ? "^T" : "") + " and "
                    + Shapes.str(b.shape) + (tb ? "^T" : "") + " do not align: " + k + " != " + kb);
        }
        int[] batchShape;
        int batchA = Shapes.size(Arrays.copyOf(a.shape, ra - 2)), batchB = Shapes.size(Arrays.copyOf(b.shape, rb - 2));
        if (ra == 2) batchShape = Arrays.copyOf(b.shape, rb - 2);
        else if (rb == 2 || Arrays.equals(Arrays.copyOf(a.shape, ra - 2), Arrays.copyOf(b.shape, rb - 2))) batchShape = Arrays.copyOf(a.shape, ra - 2);
        else throw new IllegalArgumentException("matmul: batch dimensions of " + Shapes.str(a.shape) + " and "
                    + Shapes.str(b.shape) + " differ (equal batch dims or one 2-D operand are supported)");
        int[] os = Arrays.copyOf(batchShape, batchShape.length + 2);
        os[os.length - 2] = m;
        os[os.length - 1] = n;
        float[] c = Arena.overwritten(Shapes.size(os));
        int batch = Shapes.size(batchShape);
        if (ra > 2 && rb == 2 && !ta) {
            // A shared right operand: the batch folds into the rows of one GEMM.
            Gemm.sgemm(false, tb, batch * m, n, k, 1f, a.data, 0, ac, b.data, 0, bc, 0f, c, 0, n);
        } else {
            for (int i = 0; i < batch; i++) {
                int offA = batchA == 1 ? 0 : i * ar * ac, offB = batchB == 1 ? 0 : i * br * bc;
                Gemm.sgemm(ta, tb, m, n, k, 1f, a.data, offA, ac, b.data, offB, bc, 0f, c, i * m * n, n);
            }
        }
        boolean folded = ra > 2 && rb == 2 && !ta;
        return result(c, os, (g, out, need) -> {
            Tensor db = null;
            if (need[1] && folded) {
                // Shared right operand: its gradient sums over the batch, which one GEMM over the folded rows does.
                Tensor a2 = a.reshape(batch * m, k), g2 = g.reshape(batch * m, n);
                db = tb ? mm(g2, true, a2, false) : mm(a2, true, g2, false);
            } else if (need[1]) {
                db = (tb ? mm(g, true, a, ta) : mm(a, !ta, g, false)).sumTo(b.shape);
            }
            return new Tensor[] {need[0] ? (ta ? mm(b, tb, g, true) : mm(g, false, b, !tb)).sumTo(a.shape) : null, db};
        }, a, b);
    }

    /** x W^T + b with PyTorch's weight layout w [out, in]; x is [..., in]; bias [out] or null. */
    public static Tensor linear(Tensor x, Tensor w, Tensor bias) {
        return linear(x, w, bias, false);
    }

    /**
     * relu(x W^T + b), as {@code linear(x, w, bias).relu()} with the same bits, in one pass: the bias and the ReLU
     * are applied as the product stores its tiles, so neither the bias rows nor the pre-activation are written
     * out. The gradient masks by the output (positive exactly where the pre-activation was).
     */
    public static Tensor linearRelu(Tensor x, Tensor w, Tensor bias) {
        return linear(x, w, bias, true);
    }

    private static Tensor linear(Tensor x, Tensor w, Tensor bias, boolean relu) {
        if (w.shape.length != 2 || x.shape.length < 1 || x.shape[x.shape.length - 1] != w.shape[1]) {
            throw new IllegalArgumentException("linear: input " + Shapes.str(x.shape) + " and weight " + Shapes.str(w.shape)
                    + " do not align (weight is [out, in], input [..., in])");
        }
        int in = w.shape[1], outF = w.shape[0];
        if (bias != null && (bias.shape.length != 1 || bias.shape[0] != outF)) {
            throw new IllegalArgumentException("linear: bias " + Shapes.str(bias.shape) + " does not match weight " + Shapes.str(w.shape));
        }
        int rows = in == 0 ? Shapes.size(Arrays.copyOf(x.shape, x.shape.length - 1)) : x.data.length / in;
        int[] os = x.shape.clone();
        os[os.length - 1] = outF;
        float[] c = Arena.overwritten(rows * outF);
        Gemm.linear(rows, outF, in, x.data, w.data, bias != null ? bias.data : null, relu, c);
        Backward bw = (g, out, need) -> {
            Tensor g2 = (relu ? reluGrad(g, out.data) : g).reshape(rows, outF);
            return new Tensor[] {
                    need[0] ? mm(g2, false, w, false).reshape(x.shape) : null,
                    need[1] ? mm(g2, true, x.reshape(rows, in), false) : null,
                    bias != null && need[2] ? g2.sum(0, false) : null};
        };
        return bias != null ? result(c, os, bw, x, w, bias) : result(c, os, bw, x, w);
    }

    // ---- reductions -----------------------------------------------------------------------------

    /** Sum of all elements, as a scalar. */
    public Tensor sum() {
        float s = (float) Broadcast.sum(data, 0, data.length);
        return result(new float[] {s}, Shapes.SCALAR, (g, out, need) -> new Tensor[] {g.expand(shape)}, this);
    }

    /** Sum over one axis (negative counts from the end). */
    public Tensor sum(int axis, boolean keepDim) {
        int ax = Shapes.axis("sum", axis, shape.length);
        int outer = Shapes.outer(shape, ax), n = shape[ax], inner = Shapes.inner(shape, ax);
        float[] o = Arena.floats(outer * inner);
        if (n > 0) {
            // Row sums X ones and column sums ones^T X as GEMMs: the kernel vectorizes them, where scalar
            // loops are latency-bound or too short (the bias gradient of every linear layer comes here).
            float[] ones = Arena.floats(n);
            Arrays.fill(ones, 1f);
            if (inner == 1) {
                Gemm.sgemm(false, false, outer, 1, n, 1f, data, 0, n, ones, 0, 1, 0f, o, 0, 1);
            } else {
                for (int i = 0; i < outer; i++) {
                    Gemm.sgemm(false, false, 1, inner, n, 1f, ones, 0, n, data, i * n * inner, inner, 0f, o, i * inner, inner);
                }
            }
        }
        int[] kept = Shapes.withAxis(shape, ax, 1);
        int[] os = keepDim ? kept : Shapes.removeAxis(shape, ax);
        return result(o, os, (g, out, need) -> new Tensor[] {g.reshape(kept).expand(shape)}, this);
    }

    /** Sum over one axis, dropping it (torch's keepdim=False default). */
    public Tensor sum(int axis) {
        return sum(axis, false);
    }

    /** The mean over {@code axis}, which is removed. */
    public Tensor mean(int axis) {
        return mean(axis, false);
    }

    /** The mean of all elements, as a scalar; an empty tensor is rejected. */
    public Tensor mean() {
        if (data.length == 0) throw new IllegalArgumentException("mean: empty tensor of shape " + Shapes.str(shape));
        return sum().mul(1f / data.length);
    }

    /** The mean over {@code axis}, kept with size 1 when {@code keepDim}. */
    public Tensor mean(int axis, boolean keepDim) {
        int n = shape[Shapes.axis("mean", axis, shape.length)];
        if (n == 0) throw new IllegalArgumentException("mean: axis " + axis + " of shape " + Shapes.str(shape) + " is empty");
        return sum(axis, keepDim).mul(1f / n);
    }

    // ---- shape ops ------------------------------------------------------------------------------

    /** Same data, new shape (one entry may be -1 to infer it); shares storage like torch view. */
    public Tensor reshape(int... newShape) {
        int[] s = newShape.clone();
        int infer = -1, known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("reshape: more than one -1 in " + Arrays.toString(newShape));
                infer = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException("reshape: invalid dimension " + s[i] + " in " + Arrays.toString(newShape));
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || data.length % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + Shapes.str(shape) + " to " + Arrays.toString(newShape));
            }
            s[infer] = data.length / known;
        } else if (known != data.length) {
            throw new IllegalArgumentException("reshape: cannot reshape " + Shapes.str(shape) + " (" + data.length
                    + " elements) to " + Arrays.toString(newShape) + " (" + known + " elements)");
        }
        if (Shapes.same(s, shape)) return this;
        return result(data, s, (g, out, need) -> new Tensor[] {g.reshape(shape)}, this);
    }

    /** Alias of {@link #reshape} (storage is always contiguous). */
    public Tensor view(int... newShape) {
        return reshape(newShape);
    }

    /** Flattens all dims from {@code startDim} on into one. */
    public Tensor flatten(int startDim) {
        int s = Shapes.axis("flatten", startDim, Math.max(1, shape.length));
        int[] ns = Arrays.copyOf(shape, s + 1);
        ns[s] = Shapes.size(Arrays.copyOfRange(shape, s, shape.length));
        return reshape(ns);
    }

    /** Swaps axes {@code i} and {@code j} (a copy in the new row-major order). */
    public Tensor transpose(int i, int j) {
        int a = Shapes.axis("transpose", i, shape.length), b = Shapes.axis("transpose", j, shape.length);
        int[] perm = new int[shape.length];
        for (int k = 0; k < perm.length; k++) perm[k] = k;
        perm[a] = b;
        perm[b] = a;
        return permute(perm);
    }

    /** Reorders dims: result dim k is this dim perm[k]. */
    public Tensor permute(int... perm) {
        int r = shape.length;
        if (perm.length != r) throw new IllegalArgumentException("permute: " + Arrays.toString(perm) + " for shape " + Shapes.str(shape));
        boolean[] seen = new boolean[r];
        int[] p = new int[r];
        boolean identity = true;
        for (int k = 0; k < r; k++) {
            int a = Shapes.axis("permute", perm[k], r);
            if (seen[a]) throw new IllegalArgumentException("permute: repeated dim in " + Arrays.toString(perm));
            seen[a] = true;
            p[k] = a;
            identity &= a == k;
        }
        if (identity) return this;
        int[] os = new int[r];
        int[] st = Shapes.strides(shape), src = new int[r];
        for (int k = 0; k < r; k++) {
            os[k] = shape[p[k]];
            src[k] = st[p[k]];
        }
        float[] o = Arena.floats(data.length);
        if (r == 2) {
            int rows = os[0], cols = os[1];
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) o[i * cols + j] = data[j * rows + i];
        } else if (o.length > 0) {
            int[] idx = new int[r];
            int off = 0;
            for (int i = 0; i < o.length; i++) {
                o[i] = data[off];
                for (int k = r - 1; k >= 0; k--) {
                    off += src[k];
                    if (++idx[k] < os[k]) break;
                    off -= src[k] * os[k];
                    idx[k] = 0;
                }
            }
        }
        int[] inv = new int[r];
        for (int k = 0; k < r; k++) inv[p[k]] = k;
        return result(o, os, (g, out, need) -> new Tensor[] {g.permute(inv)}, this);
    }

    // ---- more reductions ------------------------------------------------------------------------

    /** Largest element; ties share the gradient evenly, as torch.max() without a dim. */
    public Tensor max() {
        return extremeAll(true);
    }

    /** The smallest element, as a scalar; the gradient goes to the first smallest. */
    public Tensor min() {
        return extremeAll(false);
    }

    private Tensor extremeAll(boolean isMax) {
        String op = isMax ? "max" : "min";
        if (data.length == 0) throw new IllegalArgumentException(op + ": empty tensor of shape " + Shapes.str(shape));
        float best = data[0];
        for (float v : data) {
            if (v != v) { best = v; break; }
            if (isMax ? v > best : v < best) best = v;
        }
        return result(new float[] {best}, Shapes.SCALAR, (g, out, need) -> {
            Tensor ties = eq(out);
            return new Tensor[] {g.mul(ties.div(ties.sum())).expand(shape)};
        }, this);
    }

    /** Largest entry along an axis; the gradient goes to the first maximal position, as torch.max(dim). */
    public Tensor max(int axis, boolean keepDim) {
        return extreme("max", axis, keepDim, true);
    }

    /** The smallest element along {@code axis}, kept with size 1 when {@code keepDim}. */
    public Tensor min(int axis, boolean keepDim) {
        return extreme("min", axis, keepDim, false);
    }

    /** Position of the first largest entry along the axis (as float), axis removed; untracked. */
    public Tensor argmax(int axis) {
        int ax = Shapes.axis("argmax", axis, shape.length);
        int[] arg = argExtreme("argmax", ax, true);
        float[] o = Arena.floats(arg.length);
        for (int i = 0; i < o.length; i++) o[i] = arg[i];
        return wrap(o, Shapes.removeAxis(shape, ax));
    }

    private int[] argExtreme(String op, int ax, boolean isMax) {
        int outer = Shapes.outer(shape, ax), n = shape[ax], inner = Shapes.inner(shape, ax);
        if (n == 0) throw new IllegalArgumentException(op + ": axis " + ax + " of shape " + Shapes.str(shape) + " is empty");
        int[] arg = new int[outer * inner];
        for (int i = 0; i < outer; i++) {
            for (int j = 0; j < inner; j++) {
                int base = i * n * inner + j, bi = 0;
                float best = data[base];
                for (int k = 1; k < n && best == best; k++) {
                    float v = data[base + k * inner];
                    // NaN wins, as in PyTorch
                    if (v != v || (isMax ? v > best : v < best)) {
                        best = v;
                        bi = k;
                    }
                }
                arg[i * inner + j] = bi;
            }
        }
        return arg;
    }

    private Tensor extreme(String op, int axis, boolean keepDim, boolean isMax) {
        int ax = Shapes.axis(op, axis, shape.length);
        int n = shape[ax], inner = Shapes.inner(shape, ax);
        int[] arg = argExtreme(op, ax, isMax);
        float[] o = Arena.floats(arg.length);
        for (int r = 0; r < arg.length; r++) {
            int i = r / inner, j = r % inner;
            o[r] = data[(i * n + arg[r]) * inner + j];
        }
        int[] kept = Shapes.withAxis(shape, ax, 1);
        return result(o, keepDim ? kept : Shapes.removeAxis(shape, ax), (g, out, need) -> {
            float[] m = Arena.floats(data.length);
            for (int r = 0; r < arg.length; r++) m[(r / inner * n + arg[r]) * inner + r % inner] = 1f;
            return new Tensor[] {g.reshape(kept).expand(shape).mul(wrap(m, shape))};
        }, this);
    }

    /** log(sum(exp(x))) along an axis, computed with the max subtracted so it cannot overflow. */
    public Tensor logsumexp(int axis, boolean keepDim) {
        int ax = Shapes.axis("logsumexp", axis, shape.length);
        int outer = Shapes.outer(shape, ax), n = shape[ax], inner = Shapes.inner(shape, ax);
        float[] o = Arena.floats(outer * inner);
        for (int i = 0; i < outer; i++) {
            for (int j = 0; j < inner; j++) {
                int base = i * n * inner + j;
                float m = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) m = Math.max(m, data[base + k * inner]);
                if (m == Float.NEGATIVE_INFINITY || m == Float.POSITIVE_INFINITY) {
                    o[i * inner + j] = m;
                    continue;
                }
                double s = 0;
                for (int k = 0; k < n; k++) s += Math.exp(data[base + k * inner] - m);
                o[i * inner + j] = (float) (m + Math.log(s));
            }
        }
        int[] kept = Shapes.withAxis(shape, ax, 1);
        // d lse / dx = softmax(x) = exp(x - lse)
        return result(o, keepDim ? kept : Shapes.removeAxis(shape, ax), (g, out, need) -> new Tensor[] {
                g.reshape(kept).mul(sub(out.reshape(kept)).exp())}, this);
    }

    /** log(sum(e^x)) over all elements, computed stably, as a scalar. */
    public Tensor logsumexp() {
        return reshape(-1).logsumexp(0, false);
    }

    /** Variance along an axis; unbiased divides by n - 1 (torch's default), else by n. */
    public Tensor var(int axis, boolean unbiased, boolean keepDim) {
        int ax = Shapes.axis("var", axis, shape.length);
        int n = shape[ax] - (unbiased ? 1 : 0);
        if (n <= 0) throw new IllegalArgumentException("var: axis " + axis + " of shape " + Shapes.str(shape) + " has too few entries");
        Tensor xc = sub(mean(ax, true));
        return xc.mul(xc).sum(ax, keepDim).div(n);
    }

    /** The variance of all elements, as a scalar; {@code unbiased} divides by n - 1 instead of n. */
    public Tensor var(boolean unbiased) {
        return reshape(-1).var(0, unbiased, false);
    }

    /** The standard deviation along {@code axis}; {@code unbiased} divides by n - 1 instead of n. */
    public Tensor std(int axis, boolean unbiased, boolean keepDim) {
        return var(axis, unbiased, keepDim).sqrt();
    }

    /** The standard deviation of all elements, as a scalar; {@code unbiased} divides by n - 1 instead of n. */
    public Tensor std(boolean unbiased) {
        return var(unbiased).sqrt();
    }

    // ---- softmax family -------------------------------------------------------------------------

    /** Softmax along {@code axis}, shifted by the maximum for stability. */
    public Tensor softmax(int axis) {
        int ax = Shapes.axis("softmax", axis, shape.length);
        float[] o = Arena.floats(data.length);
        softmaxInto(o, ax, false);
        // dx = y (g - sum(g y))
        return result(o, shape, (g, out, need) -> new Tensor[] {out.mul(g.sub(g.mul(out).sum(ax, true)))}, this);
    }

    /** Log-softmax along {@code axis}: x - logsumexp(x), computed stably. */
    public Tensor logSoftmax(int axis) {
        int ax = Shapes.axis("logSoftmax", axis, shape.length);
        float[] o = Arena.floats(data.length);
        softmaxInto(o, ax, true);
        // dx = g - exp(y) sum(g)
        return result(o, shape, (g, out, need) -> new Tensor[] {g.sub(out.exp().mul(g.sum(ax, true)))}, this);
    }

    private void softmaxInto(float[] o, int ax, boolean log) {
        int outer = Shapes.outer(shape, ax), n = shape[ax], inner = Shapes.inner(shape, ax);
        if (inner == 1 && data.length >= SMALL) {
            softmaxRows(o, outer, n, log);
            return;
        }
        for (int i = 0; i < outer; i++) {
            for (int j = 0; j < inner; j++) {
                int base = i * n * inner + j;
                float m = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) m = Math.max(m, data[base + k * inner]);
                double s = 0;
                for (int k = 0; k < n; k++) {
                    float e = FastMath.exp(data[base + k * inner] - m);
                    if (!log) o[base + k * inner] = e;
                    s += e;
                }
                if (log) {
                    float lse = (float) (m + Math.log(s));
                    for (int k = 0; k < n; k++) o[base + k * inner] = data[base + k * inner] - lse;
                } else {
                    float inv = (float) (1 / s);
                    for (int k = 0; k < n; k++) o[base + k * inner] *= inv;
                }
            }
        }
    }

    /** The same numbers as the general loop, for contiguous rows (the last axis), from {@link RowSoftmax}. */
    private void softmaxRows(float[] o, int rows, int n, boolean log) {
        float[] lse = Arena.floats(rows);
        RowSoftmax.probs(data, rows, n, o, lse);
        if (log) {
            for (int i = 0; i < rows; i++) {
                for (int k = i * n; k < (i + 1) * n; k++) o[k] = data[k] - lse[i];
            }
        }
    }

    // ---- indexing and joining -------------------------------------------------------------------

    /** Inserts a dimension of extent 1 at {@code axis} (in [-rank-1, rank]). */
    public Tensor unsqueeze(int axis) {
        int ax = Shapes.axis("unsqueeze", axis, shape.length + 1);
        int[] s = new int[shape.length + 1];
        for (int i = 0, j = 0; i < s.length; i++) s[i] = i == ax ? 1 : shape[j++];
        return reshape(s);
    }

    /** Removes a dimension of extent 1. */
    public Tensor squeeze(int axis) {
        int ax = Shapes.axis("squeeze", axis, shape.length);
        if (shape[ax] != 1) throw new IllegalArgumentException("squeeze: dim " + axis + " of shape " + Shapes.str(shape) + " is not 1");
        return reshape(Shapes.removeAxis(shape, ax));
    }

    /** Entries start..start+length-1 along an axis (torch.narrow; slicing). */
    public Tensor narrow(int axis, int start, int length) {
        int ax = Shapes.axis("narrow", axis, shape.length);
        if (start < 0 || length < 0 || start + length > shape[ax]) {
            throw new IllegalArgumentException("narrow: range [" + start + ", " + (start + length) + ") out of bounds for dim "
                    + axis + " of shape " + Shapes.str(shape));
        }
        if (length == shape[ax]) return this;
        int outer = Shapes.outer(shape, ax), n = shape[ax], inner = Shapes.inner(shape, ax);
        float[] o = Arena.floats(outer * length * inner);
        for (int i = 0; i < outer; i++) System.arraycopy(data, (i * n + start) * inner, o, i * length * inner, length * inner);
        int[] range = new int[length];
        for (int k = 0; k < length; k++) range[k] = start + k;
        return result(o, Shapes.withAxis(shape, ax, length), (g, out, need) -> new Tensor[] {g.indexAdd(ax, range, shape)}, this);
    }

    /** Splits an axis into consecutive pieces of the given sizes (torch.split with a list). */
    public java.util.List<Tensor> split(int axis, int... sizes) {
        int ax = Shapes.axis("split", axis, shape.length);
        int total = 0;
        for (int s : sizes) total += s;
        if (total != shape[ax]) {
            throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " sum to " + total + " but dim " + axis
                    + " of shape " + Shapes.str(shape) + " is " + shape[ax]);
        }
        java.util.List<Tensor> parts = new java.util.ArrayList<>(sizes.length);
        int off = 0;
        for (int s : sizes) {
            parts.add(narrow(ax, off, s));
            off += s;
        }
        return parts;
    }

    /** Splits an axis into {@code chunks} equal pieces (torch.chunk when the extent divides evenly). */
    public java.util.List<Tensor> chunk(int chunks, int axis) {
        int ax = Shapes.axis("chunk", axis, shape.length);
        if (chunks <= 0 || shape[ax] % chunks != 0) {
            throw new IllegalArgumentException("chunk: dim " + axis + " of shape " + Shapes.str(shape) + " does not split into "
                    + chunks + " equal pieces");
        }
        int[] sizes = new int[chunks];
        Arrays.fill(sizes, shape[ax] / chunks);
        return split(ax, sizes);
    }

    /** Selects whole slices along an axis: out[.., j, ..] = this[.., index[j], ..] (torch.index_select). */
    public Tensor indexSelect(int axis, int[] index) {
        int ax = Shapes.axis("indexSelect", axis, shape.length);
        int outer = Shapes.outer(shape, ax), n = shape[ax], inner = Shapes.inner(shape, ax), m = index.length;
        for (int k : index) {
            if (k < 0 || k >= n) throw new IllegalArgumentException("indexSelect: index " + k + " out of range for dim " + axis + " of shape " + Shapes.str(shape));
        }
        int[] idx = index.clone();
        float[] o = Arena.floats(outer * m * inner);
        for (int i = 0; i < outer; i++) {
            for (int j = 0; j < m; j++) System.arraycopy(data, (i * n + idx[j]) * inner, o, (i * m + j) * inner, inner);
        }
        return result(o, Shapes.withAxis(shape, ax, m), (g, out, need) -> new Tensor[] {g.indexAdd(ax, idx, shape)}, this);
    }

    /**
     * The slices at {@code index} (integer-valued, rank 1) along {@code axis}, in that order; the gradient scatters
     * back.
     */
    public Tensor indexSelect(int axis, Tensor index) {
        return indexSelect(axis, indices("indexSelect", index, Integer.MAX_VALUE));
    }

    /** Adjoint of indexSelect: zeros of {@code target} with slice index[j] += this slice j. */
    Tensor indexAdd(int ax, int[] idx, int[] target) {
        int outer = Shapes.outer(target, ax), n = target[ax], inner = Shapes.inner(target, ax), m = idx.length;
        float[] o = Arena.floats(Shapes.size(target));
        for (int i = 0; i < outer; i++) {
            for (int j = 0; j < m; j++) {
                int src = (i * m + j) * inner, dst = (i * n + idx[j]) * inner;
                for (int t = 0; t < inner; t++) o[dst + t] += data[src + t];
            }
        }
        return result(o, target.clone(), (g, out, need) -> new Tensor[] {g.indexSelect(ax, idx)}, this);
    }

    /**
     * out[.., j, ..] = this[.., index[.., j, ..], ..] along an axis (torch.gather); index holds integer
     * values and has this tensor's shape except along the axis.
     */
    public Tensor gather(int axis, Tensor index) {
        int ax = Shapes.axis("gather", axis, shape.length);
        checkIndexShape("gather", ax, index);
        int outer = Shapes.outer(shape, ax), n = shape[ax], inner = Shapes.inner(shape, ax), m = index.shape[ax];
        int[] idx = indices("gather", index, n);
        float[] o = Arena.floats(idx.length);
        for (int i = 0; i < outer; i++) {
            for (int j = 0; j < m; j++) {
                int r = (i * m + j) * inner;
                for (int t = 0; t < inner; t++) o[r + t] = data[(i * n + idx[r + t]) * inner + t];
            }
        }
        return result(o, index.shape, (g, out, need) -> new Tensor[] {g.scatterAdd(ax, index, shape)}, this);
    }

    /** Adjoint of gather: zeros of {@code target} with target[.., index[.., j, ..], ..] += this[.., j, ..]. */
    Tensor scatterAdd(int ax, Tensor index, int[] target) {
        int outer = Shapes.outer(target, ax), n = target[ax], inner = Shapes.inner(target, ax), m = index.shape[ax];
        int[] idx = indices("scatterAdd", index, n);
        float[] o = Arena.floats(Shapes.size(target));
        for (int i = 0; i < outer; i++) {
            for (int j = 0; j < m; j++) {
                int r = (i * m + j) * inner;
                for (int t = 0; t < inner; t++) o[(i * n + idx[r + t]) * inner + t] += data[r + t];
            }
        }
        return result(o, target.clone(), (g, out, need) -> new Tensor[] {g.gather(ax, index)}, this);
    }

    private void checkIndexShape(String op, int ax, Tensor index) {
        boolean ok = index.shape.length == shape.length;
        for (int d = 0; ok && d < shape.length; d++) ok = d == ax || index.shape[d] == shape[d];
        if (!ok) {
            throw new IllegalArgumentException(op + ": index shape " + Shapes.str(index.shape) + " must equal input shape "
                    + Shapes.str(shape) + " except along dim " + ax);
        }
    }

    /** Integer values of an index tensor, each checked to lie in [0, bound). */
    private static int[] indices(String op, Tensor index, int bound) {
        int[] r = new int[index.data.length];
        for (int i = 0; i < r.length; i++) {
            float v = index.data[i];
            r[i] = (int) v;
            if (r[i] != v || r[i] < 0 || r[i] >= bound) {
                throw new IllegalArgumentException(op + ": index value " + v + " is not an integer in [0, " + bound + ")");
            }
        }
        return r;
    }

    /** One-hot rows: shape indices.shape + [numClasses]; untracked (indices have no gradient). */
    public static Tensor oneHot(Tensor indices, int numClasses) {
        if (numClasses <= 0) throw new IllegalArgumentException("oneHot: numClasses " + numClasses + " must be positive");
        int[] idx = indices("oneHot", indices, numClasses);
        float[] o = Arena.floats(idx.length * numClasses);
        for (int i = 0; i < idx.length; i++) o[i * numClasses + idx[i]] = 1f;
        int[] s = Arrays.copyOf(indices.shape, indices.shape.length + 1);
        s[s.length - 1] = numClasses;
        return wrap(o, s);
    }

    /** Joins tensors along an existing axis; all other dims must agree. */
    public static Tensor concat(int axis, Tensor... ts) {
        if (ts.length == 0) throw new IllegalArgumentException("concat: no tensors");
        int[] s0 = ts[0].shape;
        int ax = Shapes.axis("concat", axis, s0.length);
        int total = 0;
        for (Tensor t : ts) {
            boolean ok = t.shape.length == s0.length;
            for (int d = 0; ok && d < s0.length; d++) ok = d == ax || t.shape[d] == s0[d];
            if (!ok) {
                throw new IllegalArgumentException("concat: shapes " + Shapes.str(s0) + " and " + Shapes.str(t.shape)
                        + " differ outside dim " + axis);
            }
            total += t.shape[ax];
        }
        int[] os = Shapes.withAxis(s0, ax, total);
        int outer = Shapes.outer(s0, ax), inner = Shapes.inner(s0, ax);
        float[] o = Arena.floats(Shapes.size(os));
        int off = 0;
        int[] offsets = new int[ts.length];
        for (int k = 0; k < ts.length; k++) {
            offsets[k] = off;
            int n = ts[k].shape[ax];
            for (int i = 0; i < outer; i++) System.arraycopy(ts[k].data, i * n * inner, o, (i * total + off) * inner, n * inner);
            off += n;
        }
        Tensor[] inputs = ts.clone();
        return result(o, os, (g, out, need) -> {
            Tensor[] gs = new Tensor[inputs.length];
            for (int k = 0; k < gs.length; k++) if (need[k]) gs[k] = g.narrow(ax, offsets[k], inputs[k].shape[ax]);
            return gs;
        }, inputs);
    }

    /** The tensors joined along an existing {@code axis}; the other axes must agree. */
    public static Tensor concat(int axis, java.util.List<Tensor> ts) {
        return concat(axis, ts.toArray(new Tensor[0]));
    }

    /** Joins equally shaped tensors along a new axis. */
    public static Tensor stack(int axis, Tensor... ts) {
        if (ts.length == 0) throw new IllegalArgumentException("stack: no tensors");
        Tensor[] u = new Tensor[ts.length];
        for (int k = 0; k < ts.length; k++) {
            if (!Shapes.same(ts[k].shape, ts[0].shape)) {
                throw new IllegalArgumentException("stack: shapes " + Shapes.str(ts[0].shape) + " and " + Shapes.str(ts[k].shape) + " differ");
            }
            u[k] = ts[k].unsqueeze(axis);
        }
        return concat(axis, u);
    }

    /** The tensors, all of one shape, stacked along a new {@code axis}. */
    public static Tensor stack(int axis, java.util.List<Tensor> ts) {
        return stack(axis, ts.toArray(new Tensor[0]));
    }

    // ---- normalization and convolution ----------------------------------------------------------

    /**
     * (x - mean) / sqrt(var + eps) over the trailing {@code normalizedShape} dims (biased variance),
     * then * weight + bias when given, as torch.nn.functional.layer_norm. One fused kernel forward and backward
     * ({@link RowNorm}): as nine elementwise ops with their autodiff it was a seventh of a DreamerV3 update's
     * allocations. Unlike the other ops its first-order backward rule is that kernel, not Tensor ops; with
     * {@code createGraph} the gradient is taken through the composed ops, so gradients of gradients still work.
     */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, float eps) {
        int rank = x.shape.length, nk = normalizedShape.length;
        boolean ok = nk >= 1 && nk <= rank;
        for (int i = 0; ok && i < nk; i++) ok = x.shape[rank - nk + i] == normalizedShape[i];
        if (!ok) {
            throw new IllegalArgumentException("layerNorm: input " + Shapes.str(x.shape) + " does not end with normalized shape "
                    + Arrays.toString(normalizedShape));
        }
        for (Tensor p : new Tensor[] {weight, bias}) {
            if (p != null && !Arrays.equals(p.shape, normalizedShape)) {
                throw new IllegalArgumentException("layerNorm: weight/bias shape " + Shapes.str(p.shape) + " != normalized shape "
                        + Arrays.toString(normalizedShape));
            }
        }
        int d = Shapes.size(normalizedShape);
        if (d == 0) return composedLayerNorm(x, d, weight, bias, eps);
        int rows = x.data.length / d;
        // xhat and 1/std per row are kept for the backward pass
        float[] xhat = Arena.floats(x.data.length), rstd = Arena.floats(rows), y = Arena.floats(x.data.length);
        float[] xd = x.data, wd = weight != null ? weight.data : null, bd = bias != null ? bias.data : null;
        RowNorm.forward(xd, rows, d, wd, bd, eps, xhat, rstd, y);
        Tensor[] in = weight == null && bias == null ? new Tensor[] {x} : weight == null ? new Tensor[] {x, bias}
                : bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        int wi = weight != null ? 1 : -1, bi = bias != null ? (weight != null ? 2 : 1) : -1;
        Backward bw = (g, out, need) -> {
            Tensor[] grads = new Tensor[in.length];
            if (Grad.isEnabled()) {
                // createGraph: the gradient must itself be differentiable in x, so it is taken through the composed ops
                List<Tensor> wrt = new ArrayList<>();
                for (int k = 0; k < in.length; k++) if (need[k]) wrt.add(in[k]);
                List<Tensor> gs = Grad.of(List.of(composedLayerNorm(x, d, weight, bias, eps)), wrt, List.of(g), true);
                for (int k = 0, i = 0; k < in.length; k++) if (need[k]) grads[k] = gs.get(i++);
                return grads;
            }
            float[] gd = g.data;
            if (need[0]) {
                float[] dx = Arena.floats(xd.length);
                RowNorm.inputGrad(gd, xhat, rstd, wd, rows, d, dx);
                grads[0] = wrap(dx, x.shape);
            }
            if (wi > 0 && need[wi] || bi > 0 && need[bi]) {
                float[] dw = wi > 0 && need[wi] ? Arena.floats(d) : null, db = bi > 0 && need[bi] ? Arena.floats(d) : null;
                RowNorm.affineGrad(gd, xhat, rows, d, dw, db);
                if (dw != null) grads[wi] = wrap(dw, weight.shape);
                if (db != null) grads[bi] = wrap(db, bias.shape);
            }
            return grads;
        };
        return result(y, x.shape.clone(), bw, in);
    }

    /** LayerNorm written as its elementwise ops: the reference the fused op matches, and its second-order path. */
    static Tensor composedLayerNorm(Tensor x, int d, Tensor weight, Tensor bias, float eps) {
        Tensor x2 = x.reshape(-1, d);
        Tensor xc = x2.sub(x2.mean(1, true));
        Tensor y = xc.mul(xc.mul(xc).mean(1, true).add(eps).pow(-0.5f)).reshape(x.shape);
        if (weight != null) y = y.mul(weight);
        if (bias != null) y = y.add(bias);
        return y;
    }

    /**
     * 2-D convolution (cross-correlation, as PyTorch): x [N, C, H, W], w [O, C, kh, kw], bias [O] or
     * null; lowered per image to im2col and one GEMM, so the column buffer is one image's, not the batch's.
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int stride, int padding) {
        if (x.shape.length != 4 || w.shape.length != 4 || x.shape[1] != w.shape[1]) {
            throw new IllegalArgumentException("conv2d: input " + Shapes.str(x.shape) + " and weight " + Shapes.str(w.shape)
                    + " must be [N, C, H, W] and [O, C, kh, kw] with equal C");
        }
        checkConvArgs("conv2d", stride, padding, 0);
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], wd = x.shape[3], o = w.shape[0], kh = w.shape[2], kw = w.shape[3];
        int oh = (h + 2 * padding - kh) / stride + 1, ow = (wd + 2 * padding - kw) / stride + 1;
        if (h + 2 * padding < kh || wd + 2 * padding < kw) {
            throw new IllegalArgumentException("conv2d: kernel " + kh + "x" + kw + " larger than padded input " + Shapes.str(x.shape)
                    + " with padding " + padding);
        }
        if (bias != null) checkBias("conv2d", bias, o);
        Tensor y = convForward(x, w, stride, padding, oh, ow);
        return bias != null ? y.add(bias.reshape(1, o, 1, 1)) : y;
    }

    /**
     * Transposed convolution (the gradient of conv2d with respect to its input): x [N, Cin, H, W],
     * w [Cin, Cout, kh, kw] (PyTorch's layout); output side (H - 1) stride - 2 padding + k + outputPadding.
     */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, int stride, int padding, int outputPadding) {
        if (x.shape.length != 4 || w.shape.length != 4 || x.shape[1] != w.shape[0]) {
            throw new IllegalArgumentException("convTranspose2d: input " + Shapes.str(x.shape) + " and weight " + Shapes.str(w.shape)
                    + " must be [N, Cin, H, W] and [Cin, Cout, kh, kw] with equal Cin");
        }
        checkConvArgs("convTranspose2d", stride, padding, outputPadding);
        int n = x.shape[0], cin = x.shape[1], h = x.shape[2], wd = x.shape[3], cout = w.shape[1], kh = w.shape[2], kw = w.shape[3];
        int oh = (h - 1) * stride - 2 * padding + kh + outputPadding, ow = (wd - 1) * stride - 2 * padding + kw + outputPadding;
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException("convTranspose2d: output size " + oh + "x" + ow + " is not positive for input "
                    + Shapes.str(x.shape) + ", kernel " + kh + "x" + kw + ", stride " + stride + ", padding " + padding);
        }
        if (bias != null) checkBias("convTranspose2d", bias, cout);
        Tensor y = convTransposeForward(x, w, stride, padding, oh, ow);
        return bias != null ? y.add(bias.reshape(1, cout, 1, 1)) : y;
    }

    private static void checkConvArgs(String op, int stride, int padding, int outputPadding) {
        if (stride < 1 || padding < 0 || outputPadding < 0 || outputPadding >= stride) {
            throw new IllegalArgumentException(op + ": stride " + stride + ", padding " + padding + ", outputPadding " + outputPadding
                    + " invalid (need stride >= 1, padding >= 0, 0 <= outputPadding < stride)");
        }
    }

    private static Tensor checkBias(String op, Tensor bias, int channels) {
        if (bias.shape.length != 1 || bias.shape[0] != channels) {
            throw new IllegalArgumentException(op + ": bias " + Shapes.str(bias.shape) + " must be [" + channels + "]");
        }
        return bias;
    }

    /*
     * The three convolution ops are each other's gradients, as in PyTorch: for y = conv(x, w),
     * dx = convTranspose(dy, w) and dw = convWeight(x, dy); convTranspose and convWeight are bilinear
     * the same way. Writing every rule with these ops keeps convolutions twice differentiable.
     */

    /** conv2d without bias to an oh x ow output: per image, im2col into one reused buffer, then W [O, C kh kw] x cols. */
    private static Tensor convForward(Tensor x, Tensor w, int s, int p, int oh, int ow) {
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], wd = x.shape[3], o = w.shape[0], kh = w.shape[2], kw = w.shape[3];
        int k = c * kh * kw, l = oh * ow;
        float[] cols = Arena.floats(k * l), y = Arena.floats(n * o * l);
        for (int b = 0; b < n; b++) {
            Im2col.im2col(x.data, b * c * h * wd, c, h, wd, kh, kw, s, p, oh, ow, cols, 0);
            Gemm.sgemm(false, false, o, l, k, 1f, w.data, 0, k, cols, 0, l, 0f, y, b * o * l, l);
        }
        return result(y, new int[] {n, o, oh, ow}, (g, out, need) -> new Tensor[] {
                need[0] ? convTransposeForward(g, w, s, p, h, wd) : null,
                need[1] ? convWeight(x, g, kh, kw, s, p) : null}, x, w);
    }

    /**
     * conv_transpose2d without bias to an oh x ow output: per image, columns W^T x [Cout kh kw, H W]
     * summed into the image by col2im (the im2col grid of an oh x ow image is exactly H x W).
     */
    private static Tensor convTransposeForward(Tensor x, Tensor w, int s, int p, int oh, int ow) {
        int n = x.shape[0], cin = x.shape[1], h = x.shape[2], wd = x.shape[3], cout = w.shape[1], kh = w.shape[2], kw = w.shape[3];
        int k = cout * kh * kw, l = h * wd;
        float[] cols = Arena.floats(k * l), y = Arena.floats(n * cout * oh * ow);
        for (int b = 0; b < n; b++) {
            Gemm.sgemm(true, false, k, l, cin, 1f, w.data, 0, k, x.data, b * cin * l, l, 0f, cols, 0, l);
            Im2col.col2im(cols, 0, cout, oh, ow, kh, kw, s, p, h, wd, y, b * cout * oh * ow);
        }
        return result(y, new int[] {n, cout, oh, ow}, (g, out, need) -> new Tensor[] {
                need[0] ? convForward(g, w, s, p, h, wd) : null,
                need[1] ? convWeight(g, x, kh, kw, s, p) : null}, x, w);
    }

    /**
     * The convolution weight gradient [G, C, kh, kw] = sum over images of grad [G, gh gw] x
     * im2col(img)^T, for img [N, C, H, W] and grad [N, G, gh, gw].
     */
    private static Tensor convWeight(Tensor img, Tensor grad, int kh, int kw, int s, int p) {
        int n = img.shape[0], c = img.shape[1], h = img.shape[2], wd = img.shape[3];
        int gc = grad.shape[1], gh = grad.shape[2], gw = grad.shape[3];
        int k = c * kh * kw, l = gh * gw;
        float[] cols = Arena.floats(k * l), dw = Arena.floats(gc * k);
        for (int b = 0; b < n; b++) {
            Im2col.im2col(img.data, b * c * h * wd, c, h, wd, kh, kw, s, p, gh, gw, cols, 0);
            Gemm.sgemm(false, true, gc, k, l, 1f, grad.data, b * gc * l, l, cols, 0, l, 1f, dw, 0, k);
        }
        return result(dw, new int[] {gc, c, kh, kw}, (gg, out, need) -> new Tensor[] {
                need[0] ? convTransposeForward(grad, gg, s, p, h, wd) : null,
                need[1] ? convForward(img, gg, s, p, gh, gw) : null}, img, grad);
    }

    // ---- printing -------------------------------------------------------------------------------

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Shapes.str(shape)).append(' ');
        if (shape.length == 0) return sb.append(data[0]).toString();
        appendNested(sb, 0, 0);
        return sb.toString();
    }

    private int appendNested(StringBuilder sb, int dim, int off) {
        sb.append('[');
        int n = shape[dim];
        int limit = 6;
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(", ");
            if (n > limit && i == limit / 2) {
                sb.append("...");
                int skip = n - limit;
                off += skip * Shapes.inner(shape, dim);
                i += skip - 1;
                continue;
            }
            if (dim == shape.length - 1) sb.append(data[off++]);
            else off = appendNested(sb, dim + 1, off);
        }
        sb.append(']');
        return off;
    }
}
