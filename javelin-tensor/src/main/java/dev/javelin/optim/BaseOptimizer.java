package dev.javelin.optim;

import dev.javelin.tensor.Tensor;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What every optimizer shares: the parameter list, the learning rate, and checked state loading. */
abstract class BaseOptimizer implements Optimizer {
    final String name;
    final List<Tensor> params;
    double lr;

    BaseOptimizer(String name, List<Tensor> params, double lr) {
        this.name = name;
        this.params = List.copyOf(params);
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < this.params.size(); i++) {
            Tensor p = this.params.get(i);
            if (!p.isLeaf() || !p.requiresGrad()) {
                throw new IllegalArgumentException(name + ": parameter " + i + " of shape " + Arrays.toString(p.shape())
                        + " must be a leaf that requires grad");
            }
            if (!seen.add(p)) throw new IllegalArgumentException(name + ": parameter " + i + " appears more than once");
        }
        setLearningRate(lr);
    }

    @Override
    public void zeroGrad() {
        for (Tensor p : params) p.zeroGrad();
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public void setLearningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) throw new IllegalArgumentException(name + ": learning rate " + lr + " must be finite and >= 0");
        this.lr = lr;
    }

    @Override
    public List<Tensor> parameters() {
        return params;
    }

    /** The named state buffers as live tensors over the optimizer's arrays; state() copies them and adds "lr". */
    abstract Map<String, Tensor> buffers();

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("lr", Tensor.scalar((float) lr));
        buffers().forEach((k, v) -> out.put(k, v.copy()));
        return out;
    }

    @Override
    public void load(Map<String, Tensor> state) {
        Map<String, Tensor> live = new LinkedHashMap<>();
        live.put("lr", Tensor.scalar(0));
        live.putAll(buffers());
        Set<String> expected = live.keySet();
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(state.keySet());
        Set<String> extra = new LinkedHashSet<>(state.keySet());
        extra.removeAll(expected);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new IllegalArgumentException(name + ".load: missing " + missing + ", unexpected " + extra
                    + " (expected exactly " + expected + ")");
        }
        for (String k : expected) {
            int[] want = live.get(k).shape();
            if (!Arrays.equals(state.get(k).shape(), want)) {
                throw new IllegalArgumentException(name + ".load: " + k + " has shape " + Arrays.toString(state.get(k).shape())
                        + ", expected " + Arrays.toString(want));
            }
        }
        setLearningRate(state.get("lr").item());
        live.remove("lr");
        live.forEach((k, v) -> System.arraycopy(state.get(k).data(), 0, v.data(), 0, v.size()));
    }
}
