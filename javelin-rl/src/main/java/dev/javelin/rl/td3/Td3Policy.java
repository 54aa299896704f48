package dev.javelin.rl.td3;

import dev.javelin.rl.preprocess.RunningStandardScaler;
import dev.javelin.rl.sac.ActingPolicy;
import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.Optional;

/**
 * What acts for TD3 and DDPG: the deterministic actor behind the optional state preprocessor, plus the
 * exploration noise while collecting (skrl's {@code act}: noise scaled by the step's scale, the sum clipped to
 * the [-1, 1] action bounds), then with probability {@code exploration.random_eps} a uniform random action instead.
 */
public final class Td3Policy implements ActingPolicy {
    final DeterministicActor actor;
    private final Optional<RunningStandardScaler> scaler;
    private final Exploration exploration;
    private final Optional<GaussianNoise> noise;
    private final long runTimesteps;

    Td3Policy(DeterministicActor actor, Optional<RunningStandardScaler> scaler, Exploration exploration, long runTimesteps) {
        this.actor = actor;
        this.scaler = scaler;
        this.exploration = exploration;
        this.noise = exploration.gaussian();
        this.runTimesteps = runTimesteps;
    }

    /**
     * mu(s) plus the exploration noise of env step {@code step} (1-based, skrl's timestep step - 1), clipped to
     * [-1, 1]; with probability random_eps a uniform action instead (the generator is drawn for it only when
     * random_eps > 0, so runs without it are unchanged).
     */
    @Override
    public float[] explore(float[] state, long step, Rng rng) {
        float[] a = deterministic(state);
        Optional<Double> scale = noise.isEmpty() ? Optional.empty() : exploration.scaleAt(step - 1, runTimesteps);
        if (scale.isPresent()) {
            float k = (float) (double) scale.get();
            for (int i = 0; i < a.length; i++) {
                a[i] = Math.clamp(a[i] + k * noise.get().sample(rng), -1f, 1f);
            }
        }
        if (exploration.randomEps() > 0 && rng.nextDouble() < exploration.randomEps()) {
            for (int i = 0; i < a.length; i++) {
                a[i] = 2 * rng.nextFloat() - 1;
            }
        }
        return a;
    }

    /** mu(s). */
    @Override
    public float[] deterministic(float[] state) {
        try (var g = Grad.disabled()) {
            Tensor s = Tensor.of(state.clone(), 1, state.length);
            return actor.forward(scaler.map(sc -> sc.apply(s, false)).orElse(s)).data();
        }
    }

    @Override
    public void copyFrom(ActingPolicy other) {
        if (!(other instanceof Td3Policy p)) {
            throw new IllegalArgumentException("a TD3 policy copies only another TD3 policy, got " + other.getClass().getName());
        }
        actor.copyFrom(p.actor);
        scaler.ifPresent(sc -> sc.load(p.scaler.orElseThrow().state()));
    }
}
