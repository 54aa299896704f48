package dev.javelin.optim;

import dev.javelin.nn.Module;
import dev.javelin.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/** Soft target-network update (Lillicrap et al. 2016): target = tau source + (1 - tau) target, in place. */
public final class Polyak {
    private Polyak() {}

    /** target = tau * source + (1 - tau) * target for each pair of tensors, in place, without gradients. */
    public static void update(List<Tensor> target, List<Tensor> source, double tau) {
        if (!(tau >= 0 && tau <= 1)) throw new IllegalArgumentException("Polyak.update: tau " + tau + " must be in [0, 1]");
        if (target.size() != source.size()) {
            throw new IllegalArgumentException("Polyak.update: " + target.size() + " target tensors but " + source.size() + " source tensors");
        }
        for (int i = 0; i < target.size(); i++) {
            if (!Arrays.equals(target.get(i).shape(), source.get(i).shape())) {
                throw new IllegalArgumentException("Polyak.update: tensor " + i + " has target shape " + Arrays.toString(target.get(i).shape())
                        + " but source shape " + Arrays.toString(source.get(i).shape()));
            }
        }
        // as skrl and SB3: target.mul_(1 - tau) then target.add_(source, alpha = tau), in float32
        float keep = (float) (1 - tau), t = (float) tau;
        for (int i = 0; i < target.size(); i++) {
            float[] d = target.get(i).data(), s = source.get(i).data();
            for (int j = 0; j < d.length; j++) d[j] = d[j] * keep + t * s[j];
        }
    }

    /** Over the modules' parameters, which must have the same names in the same order. */
    public static void update(Module target, Module source, double tau) {
        var tn = target.parameters().keySet();
        var sn = source.parameters().keySet();
        if (!List.copyOf(tn).equals(List.copyOf(sn))) {
            throw new IllegalArgumentException("Polyak.update: target parameters " + tn + " differ from source parameters " + sn);
        }
        update(target.parameterList(), source.parameterList(), tau);
    }
}
