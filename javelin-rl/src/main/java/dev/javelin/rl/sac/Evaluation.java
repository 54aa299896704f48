package dev.javelin.rl.sac;

import dev.javelin.env.Env;
import dev.javelin.env.Step;
import dev.javelin.env.render.GifWriter;
import dev.javelin.rl.EvalResult;
import dev.javelin.rl.memory.Transitions;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The deterministic policy a = tanh(mean) on a fresh env: returns of whole episodes (the first one seeded,
 * the next continuing its generator, as SB3's evaluate_policy on one env), or recorded transitions.
 */
final class Evaluation {
    private Evaluation() {
    }

    static EvalResult run(Policy policy, String envId, long seed, int episodes, Optional<Path> video) {
        double[] returns = new double[episodes];
        try (Env<float[], float[]> env = SacEnv.make(envId)) {
            float[] s = env.reset(seed).observation();
            GifWriter gif = video.map(v -> new GifWriter(v, env.renderFps())).orElse(null);
            try {
                for (int e = 0; e < episodes; e++) {
                    if (e > 0) {
                        s = env.reset().observation();
                    }
                    if (gif != null && e == 0) {
                        gif.addFrame(env.render());
                    }
                    double total = 0;
                    while (true) {
                        Step<float[]> step = env.step(policy.deterministic(s));
                        total += step.reward();
                        s = step.observation();
                        if (gif != null && e == 0) {
                            gif.addFrame(env.render());
                        }
                        if (step.done()) {
                            break;
                        }
                    }
                    returns[e] = total;
                    if (gif != null && e == 0) {
                        gif.close();
                        gif = null;
                    }
                }
            } finally {
                if (gif != null) {
                    gif.close();
                }
            }
        }
        return new EvalResult(returns);
    }

    /** {@code count} transitions of the deterministic policy, actions in [-1, 1], raw env rewards. */
    static Transitions record(Policy policy, String envId, long seed, int count) {
        try (Env<float[], float[]> env = SacEnv.make(envId)) {
            int sd = SacEnv.stateDim(env);
            int ad = SacEnv.actionDim(env);
            float[] states = new float[count * sd];
            float[] actions = new float[count * ad];
            float[] rewards = new float[count];
            float[] next = new float[count * sd];
            float[] dones = new float[count];
            float[] s = env.reset(seed).observation();
            for (int i = 0; i < count; i++) {
                float[] a = policy.deterministic(s);
                Step<float[]> step = env.step(a);
                System.arraycopy(s, 0, states, i * sd, sd);
                System.arraycopy(a, 0, actions, i * ad, ad);
                rewards[i] = (float) step.reward();
                System.arraycopy(step.observation(), 0, next, i * sd, sd);
                dones[i] = step.terminated() ? 1 : 0;
                s = step.done() ? env.reset().observation() : step.observation();
            }
            return new Transitions(count, sd, ad, states, actions, rewards, next, dones);
        }
    }
}
