package dev.javelin.dist;

import dev.javelin.tensor.Tensor;
import dev.javelin.tensor.fixtures.Fixture;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The distributions against torch.distributions 1.13: outputs and gradients of every case in dist.safetensors. */
class DistFixtureTest {
    @TestFactory
    Stream<DynamicTest> dist() {
        Map<String, Function<Fixture.Inputs, Object>> ops = new LinkedHashMap<>();
        ops.put("normal.log_prob", in -> new Normal(in.x(0), in.x(1)).logProb(in.x(2)));
        ops.put("normal.entropy", in -> new Normal(in.x(0), in.x(1)).entropy());
        ops.put("categorical.log_prob", in -> new Categorical(in.x(0)).logProb(in.c(0)));
        ops.put("categorical.entropy", in -> new Categorical(in.x(0)).entropy());
        ops.put("categorical.kl", in -> new Categorical(in.x(0)).kl(new Categorical(in.x(1))));
        ops.put("tanh.log_abs_det_jacobian", in -> SquashedNormal.logAbsDetJacobian(in.x(0)));
        ops.put("squashed_normal.log_prob_from_pre_tanh", in -> new SquashedNormal(in.x(0), in.x(1)).logProbOfPreTanh(in.x(2)));
        ops.put("bernoulli.log_prob", in -> new Bernoulli(in.x(0)).logProb(in.c(0)));
        ops.put("bernoulli.entropy", in -> new Bernoulli(in.x(0)).entropy());
        ops.put("categorical.log_prob.batched", in -> new Categorical(in.x(0)).logProb(in.c(0)));
        ops.put("squashed_normal.log_prob_from_action", in -> new SquashedNormal(in.x(0), in.x(1)).logProb(in.x(2)));
        ops.put("bernoulli.mean", in -> new Bernoulli(in.x(0)).mean());
        ops.put("onehot.unimix.probs", in -> new OneHotCategorical(in.x(0), 0.01).probs());
        ops.put("onehot.unimix.log_prob", in -> new OneHotCategorical(in.x(0), 0.01).logProb(in.c(0)));
        ops.put("onehot.unimix.entropy", in -> new OneHotCategorical(in.x(0), 0.01).entropy());
        ops.put("onehot.unimix.kl", in -> new OneHotCategorical(in.x(0), 0.01).kl(new OneHotCategorical(in.x(1), 0.01)));
        ops.put("onehot.entropy", in -> new OneHotCategorical(in.x(0), 0).entropy());
        ops.put("symlog", in -> Symlog.symlog(in.x(0)));
        ops.put("symexp", in -> Symlog.symexp(in.x(0)));
        ops.put("twohot.symexp_bins", in -> TwoHot.symexpBins(255));
        ops.put("twohot.symlog_bins", in -> TwoHot.symlogBins(255));
        ops.put("twohot.encode.symexp_bins", in -> TwoHot.encode(in.x(0), in.c(0)));
        ops.put("twohot.encode.symlog_bins", in -> TwoHot.encode(Symlog.symlog(in.x(0)), in.c(0)));
        ops.put("twohot.log_prob.symexp_bins", in -> new TwoHot(in.x(0), in.c(1)).logProb(in.c(0)));
        ops.put("twohot.log_prob.symlog_bins", in -> TwoHot.inSymlogSpace(in.x(0), in.c(1)).logProb(in.c(0)));
        ops.put("twohot.mean.symexp_bins", in -> new TwoHot(in.x(0), in.c(0)).mean());
        ops.put("twohot.mean.symlog_bins", in -> TwoHot.inSymlogSpace(in.x(0), in.c(0)).mean());
        return Fixture.load("dist").tests(Fixture.REDUCTION, ops);
    }
}
