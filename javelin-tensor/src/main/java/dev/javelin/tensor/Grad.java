package dev.javelin.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

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
        IdentityHashMap<Tensor, Node> nodes = run(outputs, seeds("Grad.of", outputs, gradOutputs), targets, createGraph);
        List<Tensor> result = new ArrayList<>(inputs.size());
        for (Tensor in : inputs) {
            Node n = nodes.get(in);
            result.add(n != null && n.grad != null ? n.grad : Tensor.zeros(in.shape));
        }
        return result;
    }

    /** Accumulates d root / d leaf (times gradRoot) into every leaf that requires grad. */
    static void backward(Tensor root, Tensor gradRoot) {
        if (!root.requiresGrad()) {
            throw new IllegalArgumentException("backward: tensor of shape " + Shapes.str(root.shape) + " does not require grad");
        }
        for (Node n : run(List.of(root), List.of(gradRoot), null, false).values()) {
            if (n.tensor.isLeaf() && n.grad != null) n.tensor.accumulateGrad(n.grad);
        }
    }

    private static List<Tensor> seeds(String op, List<Tensor> outputs, List<Tensor> gradOutputs) {
        List<Tensor> seeds = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            Tensor out = outputs.get(i);
            if (gradOutputs != null) {
                Tensor g = gradOutputs.get(i);
                if (!Shapes.same(g.shape, out.shape)) {
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

    /** Per-run bookkeeping for one tensor of the graph (kept off Tensor: leaves are shared between threads). */
    private static final class Node {
        final Tensor tensor;
        /** A target is reachable from here (always true for backward, which targets every leaf). */
        boolean useful;
        Tensor grad;
        /** DFS cursor into tensor.inputs. */
        int next;

        Node(Tensor tensor) {
            this.tensor = tensor;
        }
    }

    /**
     * Propagates seeds from roots towards the leaves in reverse topological order. With targets, only
     * nodes from which a target is reachable are visited, and only inputs that lead to a target get a
     * gradient computed.
     */
    private static IdentityHashMap<Tensor, Node> run(List<Tensor> roots, List<Tensor> seeds,
                                                     IdentityHashMap<Tensor, Boolean> targets, boolean createGraph) {
        IdentityHashMap<Tensor, Node> nodes = new IdentityHashMap<>();
        List<Node> order = topoSort(roots, targets, nodes);
        for (int i = 0; i < roots.size(); i++) {
            Node r = nodes.get(roots.get(i));
            if (r != null && r.useful) r.grad = r.grad == null ? seeds.get(i) : r.grad.add(seeds.get(i));
        }
        Scope scope = createGraph ? null : disabled();
        try {
            for (int i = order.size() - 1; i >= 0; i--) {
                Node node = order.get(i);
                Tensor t = node.tensor, g = node.grad;
                if (g == null || t.isLeaf()) continue;
                Tensor[] in = t.inputs;
                Node[] children = new Node[in.length];
                boolean[] need = new boolean[in.length];
                boolean any = false;
                for (int k = 0; k < in.length; k++) {
                    children[k] = in[k].requiresGrad() ? nodes.get(in[k]) : null;
                    need[k] = children[k] != null && children[k].useful;
                    any |= need[k];
                }
                // Interior gradients are no longer needed once passed on; targets keep theirs.
                if (targets == null || !targets.containsKey(t)) node.grad = null;
                if (!any) continue;
                Tensor[] ig = t.backward.apply(g, t, need);
                for (int k = 0; k < in.length; k++) {
                    if (!need[k] || ig[k] == null) continue;
                    if (!Shapes.same(ig[k].shape, in[k].shape)) {
                        throw new IllegalStateException("backward rule produced gradient of shape " + Shapes.str(ig[k].shape)
                                + " for input of shape " + Shapes.str(in[k].shape));
                    }
                    Node c = children[k];
                    c.grad = c.grad == null ? ig[k] : c.grad.add(ig[k]);
                }
            }
        } finally {
            if (scope != null) scope.close();
        }
        return nodes;
    }

    /** Iterative post-order DFS over tensors that require grad; marks the nodes that lead to a target. */
    private static List<Node> topoSort(List<Tensor> roots, IdentityHashMap<Tensor, Boolean> targets,
                                       IdentityHashMap<Tensor, Node> nodes) {
        List<Node> order = new ArrayList<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        for (Tensor root : roots) {
            if (!root.requiresGrad() || nodes.containsKey(root)) continue;
            Node rn = new Node(root);
            nodes.put(root, rn);
            stack.push(rn);
            while (!stack.isEmpty()) {
                Node n = stack.peek();
                Tensor[] in = n.tensor.inputs;
                if (in != null && n.next < in.length) {
                    Tensor c = in[n.next++];
                    if (c.requiresGrad() && !nodes.containsKey(c)) {
                        Node cn = new Node(c);
                        nodes.put(c, cn);
                        stack.push(cn);
                    }
                    continue;
                }
                stack.pop();
                boolean u = targets == null || targets.containsKey(n.tensor);
                if (!u && in != null) {
                    for (Tensor c : in) {
                        Node cn = c.requiresGrad() ? nodes.get(c) : null;
                        u |= cn != null && cn.useful;
                    }
                }
                n.useful = u;
                order.add(n);
            }
        }
        return order;
    }
}
