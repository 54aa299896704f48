package dev.javelin.cli;

import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.Step;
import dev.javelin.env.wrappers.FlattenDictObservation;
import dev.javelin.mujoco.robotics.FetchEnv;
import dev.javelin.mujoco.robotics.FetchScriptedPolicy;
import dev.javelin.rl.memory.Transitions;
import java.util.Map;

/**
 * Episodes of {@link FetchScriptedPolicy} as demonstrations: states are the Dict observations flattened as SAC sees
 * them (sorted keys), actions the controller's (already in [-1, 1]), rewards the env's, done only on termination
 * (Fetch episodes end by the 50-step limit, so 0 throughout).
 */
final class FetchDemos {
    /** The transitions and the share of episodes that ended in success. */
    record Recording(Transitions transitions, double successRate) {
    }

    private FetchDemos() {
    }

    @SuppressWarnings("unchecked")
    static Recording record(String envId, int episodes, long seed) {
        if (episodes < 1) {
            throw new IllegalArgumentException("--episodes must be >= 1, got " + episodes);
        }
        Env<?, ?> made = Envs.make(envId, Map.of());
        if (!(made.unwrapped() instanceof FetchEnv fetch)) {
            made.close();
            throw new IllegalArgumentException("demos fetch: " + envId + " is not a Fetch task; expected FetchPickAndPlace-v4 or FetchPush-v4");
        }
        FetchScriptedPolicy policy;
        try {
            policy = new FetchScriptedPolicy(fetch.task());
        } catch (IllegalArgumentException e) {
            made.close();
            throw e;
        }
        Env<Map<String, Object>, float[]> env = (Env<Map<String, Object>, float[]>) made;
        try (FlattenDictObservation<float[]> flat = new FlattenDictObservation<>(env)) {
            int sd = flat.observationSpace().size();
            int ad = 4;
            java.util.List<float[]> rows = new java.util.ArrayList<>();
            int successes = 0;
            // the controller reads the Dict; the stored states are the same observations flattened
            for (int e = 0; e < episodes; e++) {
                Map<String, Object> obs = (e == 0 ? env.reset(seed) : env.reset()).observation();
                policy.reset();
                while (true) {
                    float[] action = policy.act(obs);
                    Step<Map<String, Object>> s = env.step(action);
                    rows.add(concat(flatten(flat, obs), action, new float[] {(float) s.reward()}, flatten(flat, s.observation()),
                            new float[] {s.terminated() ? 1f : 0f}));
                    if (s.done()) {
                        successes += s.info().get("is_success") instanceof Number n && n.doubleValue() == 1.0 ? 1 : 0;
                        break;
                    }
                    obs = s.observation();
                }
            }
            int n = rows.size();
            float[] states = new float[n * sd], actions = new float[n * ad], rewards = new float[n], next = new float[n * sd], dones = new float[n];
            for (int i = 0; i < n; i++) {
                float[] r = rows.get(i);
                System.arraycopy(r, 0, states, i * sd, sd);
                System.arraycopy(r, sd, actions, i * ad, ad);
                rewards[i] = r[sd + ad];
                System.arraycopy(r, sd + ad + 1, next, i * sd, sd);
                dones[i] = r[2 * sd + ad + 1];
            }
            return new Recording(new Transitions(n, sd, ad, states, actions, rewards, next, dones), successes / (double) episodes);
        }
    }

    private static float[] flatten(FlattenDictObservation<float[]> flat, Map<String, Object> obs) {
        float[] out = new float[flat.observationSpace().size()];
        for (String key : obs.keySet()) {
            float[] v = (float[]) obs.get(key);
            System.arraycopy(v, 0, out, flat.offset(key), v.length);
        }
        return out;
    }

    private static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int i = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }
}
