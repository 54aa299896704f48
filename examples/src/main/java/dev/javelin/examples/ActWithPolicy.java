package dev.javelin.examples;

import dev.javelin.env.Discrete;
import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.Step;
import dev.javelin.policy.Policy;
import dev.javelin.policy.PolicySpec;
import java.nio.file.Path;

/**
 * Loads a trained policy and acts with it in a loop: {@code ActWithPolicy <run-dir|checkpoint|policy.onnx> [episodes]}.
 * The policy takes raw observations (its scaler is inside) and returns the env's action; only javelin-policy is
 * needed for an exported file, javelin-rl for a run directory or checkpoint.
 */
public final class ActWithPolicy {
    private ActWithPolicy() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: ActWithPolicy <run-dir|checkpoint|policy.onnx> [episodes]");
        }
        Thermostat.register(); // so policies trained on the custom env find it
        Policy policy = Policy.load(Path.of(args[0]));
        int episodes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String envId = policy.spec().info().get(PolicySpec.ENV);
        System.out.println(policy + ", acting on " + envId);
        try (Env<float[], Object> env = Envs.cast(Envs.make(envId))) {
            boolean discrete = (Object) env.actionSpace() instanceof Discrete;
            float[] observation = env.reset(0).observation();
            for (int episode = 0; episode < episodes; episode++) {
                double total = 0;
                int steps = 0;
                while (true) {
                    float[] action = policy.act(observation);
                    Step<float[]> s = env.step(discrete ? (Object) (int) action[0] : action);
                    total += s.reward();
                    steps++;
                    if (s.done()) {
                        observation = env.reset().observation();
                        break;
                    }
                    observation = s.observation();
                }
                System.out.printf("episode %d: return %.1f in %d steps%n", episode, total, steps);
            }
        }
    }
}
