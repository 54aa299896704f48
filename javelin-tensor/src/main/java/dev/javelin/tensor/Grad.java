package dev.javelin.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse-mode differentiation over the graph recorded by {@link Tensor} ops, and the thread-local
 * no-grad scope.
 *
 * <p>Backward rules are Tensor ops. With {@code createGraph} they are recorded like any forward op,
 * so the returned gradients can be differentiated again (AMP's gradient penalty); without it they
 * run under {@link #disabled()} and build nothing.
 */
public final class Grad {
    private Grad() {}

    private static final ThreadLocal<boolean[]> DISABLED = ThreadLocal.withInitial(() -> new boolean[1]);

    /** True unless the current thread is inside a {@link #disabled()} scope. */
    public static boolean isEnabled() {
        return !DISABLED.get()[0];
    }

    /** Turns graph recording off on this thread until the returned scope is closed; scopes nest. */
    public static Scope disabled() {
        boolean[] flag = DISABLED.get();
        Scope s = new Scope(flag, flag[0]);
        flag[0] = true;
        return s;
    }

    /** Restores the recording state that was current when the scope was opened. */
    public static final class Scope implements AutoCloseable {
        private final boolean[] flag;
        private final boolean previous;

        private Scope(boolean[] flag, boolean previous) {
            this.flag = flag;
            this.previous = previous;
        }

        @Override
        public void close() {
            flag[0] = previous;
        }
    }

    /** Gradients of the (scalar) outputs summed, with respect to each input; zeros for an input the outputs do not depend on. */
    public static List<Tensor> of(List<Tensor> outputs, List<Tensor> inputs, boolean createGraph) {
        return of(outputs, inputs, null, createGraph);
    }

    /**
     * Vector-Jacobian products: sum over i of gradOutputs[i]^T d outputs[i] / d input, for each input.
     * gradOutputs may be null only when every output is a scalar (then 1 is used).
     */
    public static List<Tensor> of(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs, boolean createGraph) {
        if (gradOutputs != null && gradOutputs.size() != outputs.size()) {
            throw new IllegalArgumentException("Grad.of: " + outputs.size() + " outputs but " + gradOutputs.size() + " gradOutputs");
        }
        for (Tensor in : inputs) {
            if (!in.requiresGrad()) {
                throw new IllegalArgumentException("Grad.of: input of shape " + Shapes.str(in.shape) + " does not require grad");
            }
        }
        IdentityHashMap<Tensor, Boolean> targets = new IdentityHashMap<>();
        for (Tensor in : inputs) targets.put(in, Boolean.TRUE);
        Map<Tensor, Tensor> grads = run(outputs, seeds("Grad.of", outputs, gradOutputs), targets, createGraph);
        List<Tensor> result = new ArrayList<>(inputs.size());
        for (Tensor in : inputs) {
            Tensor g = grads.get(in);
            result.add(g != null ? g : Tensor.zeros(in.shape));
        }
        return result;
    }

    /** Accumulates d root / d leaf (times gradRoot) into every leaf that requires grad. */
    static void backward(Tensor root, Tensor gradRoot) {
        if (!root.requiresGrad()) {
            throw new IllegalArgumentException("backward: tensor of shape " + Shapes.str(root.shape) + " does not require grad");
        }
        Map<Tensor, Tensor> grads = run(List.of(root), List.of(gradRoot), null, false);
        for (Map.Entry<Tensor, Tensor> e : grads.entrySet()) {
            if (e.getKey().isLeaf()) e.getKey().accumulateGrad(e.getValue());
        }
    }

    private static List<Tensor> seeds(String op, List<Tensor> outputs, List<Tensor> gradOutputs) {
        List<Tensor> seeds = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            Tensor out = outputs.get(i);
            if (gradOutputs != null) {
                Tensor g = gradOutputs.get(i);
                if (!java.util.Arrays.equals(g.shape, out.shape)) {
                    throw new IllegalArgumentException(op + ": gradOutput " + i + " has shape " + Shapes.str(g.shape)
                            + " but output has shape " + Shapes.str(out.shape));
                }
                seeds.add(g);
            } else {
                if (out.size() != 1) {
                    throw new IllegalArgumentException(op + ": output " + i + " has shape " + Shapes.str(out.shape)
                            + "; gradients can be implied only for scalar outputs, pass gradOutputs");
                }
                seeds.add(Tensor.full(1f, out.shape));
            }
        }
        return seeds;
    }

    /**
     * Propagates seeds from roots towards the leaves in reverse topological order. With targets, only
     * nodes from which a target is reachable are visited, and only inputs that lead to a target get a
     * gradient computed.
     */
    private static Map<Tensor, Tensor> run(List<Tensor> roots, List<Tensor> seeds,
                                           IdentityHashMap<Tensor, Boolean> targets, boolean createGraph) {
        List<Tensor> order = new ArrayList<>();
        IdentityHashMap<Tensor, Boolean> useful = new IdentityHashMap<>();
        topoSort(roots, targets, order, useful);
        IdentityHashMap<Tensor, Tensor> grads = new IdentityHashMap<>();
        for (int i = 0; i < roots.size(); i++) {
            Tensor r = roots.get(i);
            if (useful.get(r) == Boolean.TRUE) grads.merge(r, seeds.get(i), Tensor::add);
        }
        Scope scope = createGraph ? null : disabled();
        try {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor g = grads.get(t);
                if (g == null || t.isLeaf()) continue;
                Tensor[] in = t.inputs;
                boolean[] need = new boolean[in.length];
                boolean any = false;
                for (int k = 0; k < in.length; k++) {
                    need[k] = in[k].requiresGrad() && useful.get(in[k]) == Boolean.TRUE;
                    any |= need[k];
                }
                if (!any) continue;
                Tensor[] ig = t.backward.apply(g, t, need);
                for (int k = 0; k < in.length; k++) {
                    if (need[k] && ig[k] != null) {
                        if (!java.util.Arrays.equals(ig[k].shape, in[k].shape)) {
                            throw new IllegalStateException("backward rule produced gradient of shape " + Shapes.str(ig[k].shape)
                                    + " for input of shape " + Shapes.str(in[k].shape));
                        }
                        grads.merge(in[k], ig[k], Tensor::add);
                    }
                }
                // Interior gradients are no longer needed once passed on; targets keep theirs.
                if (targets == null || !targets.containsKey(t)) grads.remove(t);
            }
        } finally {
            if (scope != null) scope.close();
        }
        return grads;
    }

    /** Iterative post-order DFS over tensors that require grad; marks the nodes that lead to a target. */
    private static void topoSort(List<Tensor> roots, IdentityHashMap<Tensor, Boolean> targets,
                                 List<Tensor> order, IdentityHashMap<Tensor, Boolean> useful) {
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        for (Tensor root : roots) {
            if (!root.requiresGrad() || useful.containsKey(root)) continue;
            stack.push(root);
            next.push(0);
            useful.put(root, Boolean.FALSE);
            while (!stack.isEmpty()) {
                Tensor t = stack.peek();
                int k = next.pop();
                Tensor[] in = t.inputs;
                if (in != null && k < in.length) {
                    next.push(k + 1);
                    Tensor c = in[k];
                    if (c.requiresGrad() && !useful.containsKey(c)) {
                        useful.put(c, Boolean.FALSE);
                        stack.push(c);
                        next.push(0);
                    }
                    continue;
                }
                stack.pop();
                boolean u = targets == null ? true : targets.containsKey(t);
                if (!u && in != null) {
                    for (Tensor c : in) u |= useful.get(c) == Boolean.TRUE;
                }
                useful.put(t, u);
                order.add(t);
            }
        }
    }
}
