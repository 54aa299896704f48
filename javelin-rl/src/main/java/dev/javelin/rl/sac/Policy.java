package dev.javelin.rl.sac;

import dev.javelin.rl.preprocess.RunningStandardScaler;
import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What acts in an env: the actor behind the optional state preprocessor, on one state at a time, no graph.
 * Public for remote collectors (javelin-cluster), which receive its {@link #state()} from the learner.
 */
public final class Policy implements ActingPolicy {
    final SquashedGaussianActor actor;
    final Optional<RunningStandardScaler> scaler;
    private static final String SCALER = "state_preprocessor.";

    Policy(SquashedGaussianActor actor, Optional<RunningStandardScaler> scaler) {
        this.actor = actor;
        this.scaler = scaler;
    }

    /** a ~ pi(.|s) in [-1, 1]. */
    public float[] sample(float[] state, Rng rng) {
        try (var g = Grad.disabled()) {
            return actor.sample(input(state), rng).action().data();
        }
    }

    /** a ~ pi(.|s): SAC explores by sampling its policy, whatever the step. */
    @Override
    public float[] explore(float[] state, long step, Rng rng) {
        return sample(state, rng);
    }

    /** Whether the actor explores with gSDE, so {@link #sample(float[], Tensor)} acts. */
    @Override
    public boolean usesSde() {
        return actor.usesSde();
    }

    /** One gSDE exploration matrix [1, L, A] from the current log_std, without a graph. */
    @Override
    public Tensor exploration(Rng rng) {
        try (var g = Grad.disabled()) {
            return actor.exploration(1, rng);
        }
    }

    /** gSDE: a = tanh(mean(s) + latent_pi(s) · W) in [-1, 1] for the matrix {@code exploration}. */
    @Override
    public float[] sample(float[] state, Tensor exploration) {
        try (var g = Grad.disabled()) {
            return actor.pi(input(state), exploration).draw(null).action().data();
        }
    }

    /** tanh(mean(s)). */
    @Override
    public float[] deterministic(float[] state) {
        try (var g = Grad.disabled()) {
            return actor.deterministic(input(state)).data();
        }
    }

    private Tensor input(float[] state) {
        Tensor s = Tensor.of(state.clone(), 1, state.length);
        return scaler.map(sc -> sc.apply(s, false)).orElse(s);
    }

    /** Copies the other policy's parameters and statistics into this one's (same shapes). */
    @Override
    public void copyFrom(ActingPolicy other) {
        if (!(other instanceof Policy p)) {
            throw new IllegalArgumentException("a SAC policy copies only another SAC policy, got " + other.getClass().getName());
        }
        actor.copyFrom(p.actor);
        scaler.ifPresent(sc -> sc.load(p.scaler.orElseThrow().state()));
    }

    /** The actor's parameters, then the preprocessor's statistics (prefixed "state_preprocessor."), in a fixed order. */
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>(actor.state());
        // the scaler's float64 statistics travel as float32 tensors: an acting copy needs no more than its float32 cast
        scaler.ifPresent(sc -> sc.state().forEach((k, v) -> out.put(SCALER + k, Tensor.of(narrow(v.data()), v.shape()))));
        return out;
    }

    /** Restores {@link #state()}. */
    public void load(Map<String, Tensor> state) {
        Map<String, Tensor> actorState = new LinkedHashMap<>();
        Map<String, dev.javelin.tensor.io.Float64Data> scalerState = new LinkedHashMap<>();
        state.forEach((k, v) -> {
            if (k.startsWith(SCALER)) {
                scalerState.put(k.substring(SCALER.length()), new dev.javelin.tensor.io.Float64Data(v.shape(), widen(v.data())));
            } else {
                actorState.put(k, v);
            }
        });
        actor.load(actorState);
        scaler.ifPresent(sc -> sc.load(scalerState));
    }

    private static float[] narrow(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
