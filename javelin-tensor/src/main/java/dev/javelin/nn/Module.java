package dev.javelin.nn;

import dev.javelin.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A network part that owns named parameters and submodules, named as PyTorch names them
 * ("actor.net.2.bias"), so a Javelin state reads into a torch.nn.Module's state_dict and back.
 *
 * <p>Order is torch's named_parameters(): a module's own parameters in registration order, then
 * each child's, depth first. Subclasses register everything in their constructor.
 */
public abstract class Module {
    /** A module without parameters or children; subclasses register theirs. */
    protected Module() {
    }

    private final Map<String, Tensor> own = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();

    /** Registers {@code t} (a leaf) as parameter {@code name}, marks it as requiring grad and returns it. */
    protected Tensor param(String name, Tensor t) {
        checkName(name);
        if (!t.isLeaf()) throw new IllegalArgumentException("param " + name + ": a parameter must be a leaf tensor, not an op result");
        own.put(name, t.requiresGrad(true));
        return t;
    }

    /** Registers {@code m} as submodule {@code name}, whose parameters become "name.*"; returns it. */
    protected <M extends Module> M child(String name, M m) {
        checkName(name);
        if (m == this) throw new IllegalArgumentException("child " + name + ": a module cannot contain itself");
        children.put(name, m);
        return m;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("name '" + name + "' must be non-empty and without '.' (dots join the path)");
        }
        if (own.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("name '" + name + "' is already registered in " + getClass().getSimpleName());
        }
    }

    /** Every parameter by its full name, in torch's order; the tensors are the live ones. */
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out) {
        own.forEach((n, t) -> out.put(prefix + n, t));
        children.forEach((n, m) -> m.collect(prefix + n + ".", out));
    }

    /** The live parameters in the order of {@link #parameters()}: what an optimizer takes. */
    public List<Tensor> parameterList() {
        return new ArrayList<>(parameters().values());
    }

    /** Number of scalar parameters. */
    public int parameterCount() {
        long n = 0;
        for (Tensor t : parameters().values()) n += t.size();
        return Math.toIntExact(n);
    }

    /** Copies of every parameter by name: a snapshot that later updates do not change. */
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        parameters().forEach((n, t) -> out.put(n, t.copy()));
        return out;
    }

    /**
     * Copies {@code state} into the live parameters in place (optimizers holding them see the new values).
     * Every name must be present with the same shape, and no other names: a partial load would leave a
     * silently mixed network. Nothing is written unless everything matches.
     */
    public void load(Map<String, Tensor> state) {
        Map<String, Tensor> live = parameters();
        Set<String> missing = new LinkedHashSet<>(live.keySet());
        missing.removeAll(state.keySet());
        Set<String> extra = new LinkedHashSet<>(state.keySet());
        extra.removeAll(live.keySet());
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".load: missing parameters " + missing
                    + ", unexpected names " + extra + " (expected exactly " + live.keySet() + ")");
        }
        live.forEach((n, t) -> {
            Tensor s = state.get(n);
            if (!Arrays.equals(s.shape(), t.shape())) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ".load: parameter " + n + " has shape "
                        + Arrays.toString(t.shape()) + " but the state holds " + Arrays.toString(s.shape()));
            }
        });
        live.forEach((n, t) -> System.arraycopy(state.get(n).data(), 0, t.data(), 0, t.size()));
    }

    /** Copies another module's parameters into this one's (hard target-network update); same names and shapes. */
    public void copyFrom(Module other) {
        load(other.parameters());
    }

    /** Clears the gradient of every parameter. */
    public void zeroGrad() {
        for (Tensor t : parameters().values()) t.zeroGrad();
    }

    /** Sets requiresGrad on every parameter (false freezes a target network); returns this. */
    public Module requiresGrad(boolean value) {
        for (Tensor t : parameters().values()) t.requiresGrad(value);
        return this;
    }
}
