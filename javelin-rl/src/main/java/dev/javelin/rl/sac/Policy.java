package dev.javelin.rl.sac;

import dev.javelin.rl.preprocess.RunningStandardScaler;
import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.Optional;

/** What acts in an env: the actor behind the optional state preprocessor, on one state at a time, no graph. */
final class Policy {
    final SquashedGaussianActor actor;
    final Optional<RunningStandardScaler> scaler;

    Policy(SquashedGaussianActor actor, Optional<RunningStandardScaler> scaler) {
        this.actor = actor;
        this.scaler = scaler;
    }

    /** a ~ pi(.|s) in [-1, 1]. */
    float[] sample(float[] state, Rng rng) {
        try (var g = Grad.disabled()) {
            return actor.sample(input(state), rng).action().data();
        }
    }

    /** tanh(mean(s)). */
    float[] deterministic(float[] state) {
        try (var g = Grad.disabled()) {
            return actor.deterministic(input(state)).data();
        }
    }

    private Tensor input(float[] state) {
        Tensor s = Tensor.of(state.clone(), 1, state.length);
        return scaler.map(sc -> sc.apply(s, false)).orElse(s);
    }

    /** Copies the other policy's parameters and statistics into this one's (same shapes). */
    void copyFrom(Policy other) {
        actor.copyFrom(other.actor);
        scaler.ifPresent(sc -> sc.load(other.scaler.orElseThrow().state()));
    }
}
