package dev.javelin.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.javelin.tensor.Tensor;

import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

class SchedulersTest {
    /** skrl's KLAdaptiveLR.step, written out as its source reads, as the reference. */
    private static double skrl(double lr, double kl) {
        double klThreshold = 0.008, klFactor = 2, lrFactor = 1.5, minLr = 1e-6, maxLr = 1e-2;
        if (kl > klThreshold * klFactor) lr = Math.max(lr / lrFactor, minLr);
        else if (kl < klThreshold / klFactor) lr = Math.min(lr * lrFactor, maxLr);
        return lr;
    }

    @Test
    void klAdaptiveFollowsSkrlsRule() {
        KLAdaptiveLr s = new KLAdaptiveLr();
        double[] kls = {0.02, 0.02, 0.001, 0.008, 0.016, 0.004, 0.0161, 0.0039, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        double lr = 1e-3, reference = 1e-3;
        for (double kl : kls) {
            lr = s.step(lr, OptionalDouble.of(kl));
            reference = skrl(reference, kl);
            assertEquals(reference, lr, 0, "after kl " + kl);
        }
        assertEquals(1e-2, lr, "clamped at max_lr");
        assertEquals(1e-3 / 1.5, s.step(1e-3, OptionalDouble.of(0.0161)));
        assertEquals(1e-3, s.step(1e-3, OptionalDouble.of(0.016)), "kl == threshold * factor is inside the band");
        assertEquals(1e-3, s.step(1e-3, OptionalDouble.of(0.004)), "kl == threshold / factor is inside the band");
        assertEquals(1e-6, s.step(1.2e-6, OptionalDouble.of(1)), "clamped at min_lr");
        assertEquals(1e-3, s.step(1e-3, OptionalDouble.empty()), "no KL, no change");
    }

    @Test
    void klAdaptiveDrivesAnOptimizerAndValidates() {
        Optimizer opt = new Sgd(List.of(Tensor.parameter(new float[] {1f}, 1)), 1e-3);
        new KLAdaptiveLr(0.01).step(opt, OptionalDouble.of(0.1));
        assertEquals(1e-3 / 1.5, opt.learningRate(), 1e-15);
        var e = assertThrows(IllegalArgumentException.class, () -> new KLAdaptiveLr(0.008, 1e-2, 1e-3, 2, 1.5));
        assertEquals(true, e.getMessage().contains("min_lr 0.01"), e.getMessage());
    }

    @Test
    void linearFallsToTheEndFactorThenStays() {
        LinearLr s = new LinearLr(1e-3, 0, 4);
        double[] expected = {0.75e-3, 0.5e-3, 0.25e-3, 0, 0};
        for (double e : expected) assertEquals(e, s.step(123, OptionalDouble.of(9)), 1e-15);
        LinearLr toTenth = new LinearLr(2.0, 0.1, 10);
        for (int i = 0; i < 5; i++) toTenth.step(2.0, OptionalDouble.empty());
        assertEquals(2.0 * (1 - 0.9 * 0.5), toTenth.learningRate(), 1e-12);
        LinearLr resumed = new LinearLr(2.0, 0.1, 10);
        resumed.setUpdates(toTenth.updates());
        assertEquals(toTenth.learningRate(), resumed.learningRate());
        assertThrows(IllegalArgumentException.class, () -> new LinearLr(1e-3, 0, 0));
    }
}
