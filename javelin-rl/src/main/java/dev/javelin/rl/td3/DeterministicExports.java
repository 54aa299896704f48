package dev.javelin.rl.td3;

import dev.javelin.env.Box;
import dev.javelin.nn.Activation;
import dev.javelin.policy.PolicySpec;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.export.Exports;
import java.util.List;
import java.util.Map;

/** The exported policy of TD3 and DDPG: {@code mu(s)} (tanh included) rescaled from [-1, 1] onto the env's bounds. */
final class DeterministicExports {
    private DeterministicExports() {
    }

    static PolicySpec policy(String algo, Td3Config c, String envId, Map<String, Object> envKwargs, Checkpoint checkpoint) {
        Exports.Spaces spaces = Exports.spaces(envId, envKwargs);
        PolicySpec.Head head = Exports.squashed(spaces.actions(), envId);
        int layers = c.netArch().size() + 1;
        // mu is Linear + activation for every entry of net_arch, then Linear; the head applies tanh and rescales
        List<Activation> activations = Exports.hiddenThenLinear(c.activation(), layers);
        return new PolicySpec(Exports.scaler(checkpoint, Td3Agent.scalerFor(c, spaces.observations().size())),
                Exports.layers(checkpoint, "policy", Exports.mlp("mu", layers), activations, ((Box) spaces.actions()).size()),
                head, Exports.info(algo, envId, spaces));
    }
}
