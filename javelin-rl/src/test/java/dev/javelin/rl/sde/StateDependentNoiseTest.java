package dev.javelin.rl.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.io.InputStream;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Against Stable-Baselines3 2.8's StateDependentNoiseDistribution (tools/record_sde_fixtures.py), and by finite differences. */
class StateDependentNoiseTest {
    static JsonNode cases() throws Exception {
        try (InputStream in = StateDependentNoiseTest.class.getResourceAsStream("/fixtures/sde.json")) {
            return new ObjectMapper().readTree(in).get("cases");
        }
    }

    private static Tensor tensor(JsonNode c, String key, int... shape) {
        JsonNode a = c.get(key);
        float[] d = new float[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) a.get(i).asDouble();
        }
        return Tensor.of(d, shape);
    }

    private static void close(JsonNode c, String key, Tensor actual, double tolerance) {
        float[] got = actual.data();
        JsonNode want = c.get(key);
        assertEquals(want.size(), got.length, key);
        for (int i = 0; i < got.length; i++) {
            double w = want.get(i).asDouble();
            assertEquals(w, got[i], tolerance * Math.max(1, Math.abs(w)), key + "[" + i + "] of case " + c.get("full_std")
                    + "/" + c.get("use_expln") + "/" + c.get("squash"));
        }
    }

    @Test
    void matchesStableBaselines3() throws Exception {
        JsonNode cases = cases();
        assertEquals(8, cases.size());
        for (JsonNode c : cases) {
            int b = c.get("batch").asInt();
            int l = c.get("latent_dim").asInt();
            int a = c.get("actions_dim").asInt();
            Tensor logStd = tensor(c, "log_std", c.get("log_std_shape").get(0).asInt(), c.get("log_std_shape").get(1).asInt());
            Tensor std = StateDependentNoise.std(logStd, c.get("use_expln").asBoolean(), a);
            close(c, "std", std, 1e-6);
            StateDependentNoise d = new StateDependentNoise(tensor(c, "mean", b, a), std, tensor(c, "latent", b, l));
            close(c, "distribution_std", d.distribution().std(), 1e-6);
            close(c, "noise", d.noise(tensor(c, "weights", l, a)), 1e-6);
            close(c, "noise_per_row", d.noise(tensor(c, "per_row_weights", b, l, a)), 1e-6);
            if (c.get("squash").asBoolean()) {
                // SB3 recovers u = atanh(clamp(tanh u)) and uses log(1 - tanh(u)^2 + 1e-6); Javelin keeps u and the
                // exact Jacobian (as its plain SAC): equal to ~1e-5 for these unsaturated actions
                close(c, "log_prob", d.squashedLogProb(tensor(c, "gaussian_actions", b, a)), 1e-4);
                assertTrue(c.get("entropy").isNull());
            } else {
                close(c, "log_prob", d.logProb(tensor(c, "actions", b, a)), 1e-5);
                close(c, "entropy", d.entropy(), 1e-5);
            }
        }
    }

    /** Central differences in double of a float32 scalar function of one tensor's entries. */
    private static void checkGradient(Tensor x, Function<Tensor, Tensor> f) {
        Tensor p = x.copy().requiresGrad(true);
        Tensor y = f.apply(p);
        List<Tensor> g = Grad.of(List.of(y), List.of(p), false);
        float[] analytic = g.getFirst().data();
        float[] base = x.data();
        double h = 1e-2;
        for (int i = 0; i < base.length; i++) {
            float[] plus = base.clone();
            float[] minus = base.clone();
            plus[i] += (float) h;
            minus[i] -= (float) h;
            double numeric;
            try (var off = Grad.disabled()) {
                numeric = (f.apply(Tensor.of(plus, x.shape())).item() - f.apply(Tensor.of(minus, x.shape())).item()) / (2 * h);
            }
            assertEquals(numeric, analytic[i], 2e-2 * Math.max(1, Math.abs(numeric)), "d/dx[" + i + "]");
        }
    }

    @Test
    void gradientsReachLogStdAndMeanByFiniteDifferences() {
        Rng rng = new Rng(3);
        int b = 6;
        int l = 4;
        int a = 2;
        Tensor mean = Tensor.randn(rng, b, a).mul(0.5f);
        Tensor latent = Tensor.randn(rng, b, l);
        Tensor actions = mean.add(Tensor.randn(rng, b, a).mul(0.3f));
        Tensor eps = Tensor.randn(rng, l, a);
        Tensor logStd = Tensor.uniform(rng, -1.5f, 0.8f, l, a);
        for (boolean expln : new boolean[] {false, true}) {
            // log-prob and entropy through the variance
            checkGradient(logStd, ls -> new StateDependentNoise(mean, StateDependentNoise.std(ls, expln, a), latent)
                    .logProb(actions).sum());
            checkGradient(logStd, ls -> new StateDependentNoise(mean, StateDependentNoise.std(ls, expln, a), latent)
                    .entropy().sum());
            // SAC's reparameterized loss: through the noise's matrix W = std * eps as well as the variance
            checkGradient(logStd, ls -> {
                StateDependentNoise d = new StateDependentNoise(mean, StateDependentNoise.std(ls, expln, a), latent);
                Tensor u = d.sample(StateDependentNoise.std(ls, expln, a).mul(eps));
                return d.squashedLogProb(u).sum().add(u.tanh().sum());
            });
        }
        // the reduced log-std [L, 1]
        checkGradient(Tensor.uniform(rng, -1f, 0.5f, l, 1), ls -> new StateDependentNoise(mean,
                StateDependentNoise.std(ls, false, a), latent).logProb(actions).sum());
        Tensor std = StateDependentNoise.std(logStd, false, a);
        checkGradient(mean, m -> new StateDependentNoise(m, std, latent).logProb(actions).sum());
        checkGradient(mean, m -> {
            StateDependentNoise d = new StateDependentNoise(m, std, latent);
            return d.squashedLogProb(d.sample(std.mul(eps))).sum();
        });
    }

    @Test
    void theModeIsTheMeanAndWeightsFollowTheStd() {
        Rng rng = new Rng(5);
        Tensor mean = Tensor.randn(rng, 3, 2);
        Tensor logStd = Tensor.full(-1f, 4, 2);
        StateDependentNoise d = new StateDependentNoise(mean, StateDependentNoise.std(logStd, false, 2), Tensor.randn(rng, 3, 4));
        assertSame(mean, d.mode());
        Tensor w = StateDependentNoise.weights(StateDependentNoise.std(logStd, false, 2), 20_000, rng);
        double sq = 0;
        for (float v : w.data()) {
            sq += v * v;
        }
        assertEquals(Math.exp(-1), Math.sqrt(sq / w.data().length), 5e-3, "std of the exploration matrices");
        String m = assertThrows(IllegalArgumentException.class,
                () -> d.noise(Tensor.zeros(2, 4, 2))).getMessage();
        assertTrue(m.contains("[2, 4, 2]"), m);
    }
}
