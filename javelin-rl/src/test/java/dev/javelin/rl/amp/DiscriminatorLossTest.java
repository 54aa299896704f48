package dev.javelin.rl.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Tensor;
import dev.javelin.tensor.io.SafeTensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Against tools/make_amp_fixtures.py (PyTorch 1.13 running skrl's loss term by term). */
class DiscriminatorLossTest {
    private static final List<String> PARAMS = List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias");
    private static final DiscriminatorLoss.Scales SKRL = new DiscriminatorLoss.Scales(0.05, 5, 1e-4, 5);

    static Map<String, Tensor> fixtures() throws Exception {
        return SafeTensors.read(Path.of(DiscriminatorLossTest.class.getResource("/fixtures/amp.safetensors").toURI()));
    }

    private static void close(Tensor expected, Tensor actual, double tol, String what) {
        assertEquals(expected.size(), actual.size(), what + ": size");
        float[] e = expected.data(), a = actual.data();
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(e[i] - a[i]);
            assertTrue(err <= tol * (1 + Math.abs(e[i])), what + "[" + i + "]: expected " + e[i] + ", got " + a[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "tanh"})
    void termsAndGradientsMatchPyTorch(String activation) throws Exception {
        Map<String, Tensor> f = fixtures();
        List<Tensor> params = new ArrayList<>();
        for (String p : PARAMS) {
            params.add(f.get(activation + "/" + p).copy().requiresGrad(true));
        }
        UnaryOperator<Tensor> act = activation.equals("relu") ? Tensor::relu : Tensor::tanh;
        UnaryOperator<Tensor> d = x -> Tensor.linear(act.apply(Tensor.linear(act.apply(
                Tensor.linear(x, params.get(0), params.get(1))), params.get(2), params.get(3))), params.get(4), params.get(5));
        List<Tensor> weights = List.of(params.get(0), params.get(2), params.get(4));

        var terms = DiscriminatorLoss.compute(d, params.get(4), weights, f.get(activation + "/agent"),
                f.get(activation + "/replay"), f.get(activation + "/reference"), SKRL);
        close(f.get(activation + "/prediction"), terms.prediction(), 1e-5, "prediction");
        close(f.get(activation + "/logit_regularization"), terms.logitRegularization(), 1e-5, "logit regularization");
        close(f.get(activation + "/gradient_penalty"), terms.gradientPenalty(), 1e-5, "gradient penalty");
        close(f.get(activation + "/weight_decay"), terms.weightDecay(), 1e-5, "weight decay");
        close(f.get(activation + "/total"), terms.total(), 1e-5, "total");
        assertEquals(16, terms.agentLogits().dim(0));

        List<Tensor> penaltyGrads = Grad.of(List.of(terms.gradientPenalty()), params, false);
        terms.total().backward();
        for (int i = 0; i < PARAMS.size(); i++) {
            String p = PARAMS.get(i);
            close(f.get(activation + "/grad_penalty/" + p), penaltyGrads.get(i), 1e-4, "d penalty / d " + p);
            close(f.get(activation + "/grad_total/" + p), params.get(i).grad(), 1e-4, "d total / d " + p);
        }
    }

    @Test
    void theReferenceInputGradientIsPyTorchs() throws Exception {
        Map<String, Tensor> f = fixtures();
        Tensor w0 = f.get("tanh/0.weight"), b0 = f.get("tanh/0.bias"), w2 = f.get("tanh/2.weight");
        Tensor b2 = f.get("tanh/2.bias"), w4 = f.get("tanh/4.weight"), b4 = f.get("tanh/4.bias");
        Tensor x = f.get("tanh/reference").copy().requiresGrad(true);
        Tensor logits = Tensor.linear(Tensor.linear(Tensor.linear(x, w0, b0).tanh(), w2, b2).tanh(), w4, b4);
        Tensor g = Grad.of(List.of(logits), List.of(x), List.of(Tensor.ones(logits.shape())), true).getFirst();
        close(f.get("tanh/reference_input_grad"), g, 1e-5, "dD/dx");
    }

    @Test
    void zeroScalesLeaveTheirTermsOut() throws Exception {
        Map<String, Tensor> f = fixtures();
        Tensor w = f.get("relu/0.weight");
        // A linear discriminator on the first input column: every term but prediction is skipped.
        UnaryOperator<Tensor> d = x -> x.narrow(1, 0, 1);
        var terms = DiscriminatorLoss.compute(d, w, List.of(w), f.get("relu/agent"), f.get("relu/replay"),
                f.get("relu/reference"), new DiscriminatorLoss.Scales(0, 0, 0, 2));
        assertEquals(0, terms.gradientPenalty().item());
        assertEquals(0, terms.weightDecay().item());
        assertEquals(2 * terms.prediction().item(), terms.total().item(), 1e-6);
        var bad = assertThrows(IllegalArgumentException.class, () -> new DiscriminatorLoss.Scales(0.05, -1, 0, 1));
        assertTrue(bad.getMessage().contains("discriminator_gradient_penalty_scale"), bad.getMessage());
    }

    @Test
    void accuraciesCountLogitsOnTheRightSide() {
        Tensor z = Tensor.scalar(0);
        var terms = new DiscriminatorLoss.Terms(z, z, z, z, z, Tensor.of(new float[] {-1, -2, 3, -0.5f}, 4, 1),
                Tensor.of(new float[] {1, -1}, 2, 1));
        assertEquals(0.75, terms.agentAccuracy());
        assertEquals(0.5, terms.referenceAccuracy());
    }

    @Test
    void styleRewardMatchesSkrlIncludingTheFloor() throws Exception {
        Map<String, Tensor> f = fixtures();
        Tensor r = StyleReward.of(f.get("style/logits"), 2);
        close(f.get("style/reward"), r, 1e-4, "style reward");
        assertEquals(-2 * Math.log(1e-4), r.data()[r.size() - 1], 1e-3);
    }
}
