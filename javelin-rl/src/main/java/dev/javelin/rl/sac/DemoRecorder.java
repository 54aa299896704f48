package dev.javelin.rl.sac;

import java.util.Map;
import dev.javelin.env.Env;
import dev.javelin.env.Step;
import dev.javelin.rl.memory.Transitions;

/** Transitions of a trained policy acting deterministically (a = tanh(mean)), to learn from as demonstrations. */
final class DemoRecorder {
    private DemoRecorder() {
    }

    /** {@code count} transitions of the deterministic policy, actions in [-1, 1], raw env rewards. */
    static Transitions record(ActingPolicy policy, String envId, Map<String, Object> envKwargs, long seed, int count) {
        try (Env<float[], float[]> env = SacEnv.make(envId, envKwargs)) {
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
