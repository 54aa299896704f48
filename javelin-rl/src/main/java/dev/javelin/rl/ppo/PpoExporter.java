package dev.javelin.rl.ppo;

import dev.javelin.env.Box;
import dev.javelin.env.Discrete;
import dev.javelin.policy.PolicySpec;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.export.Exports;
import dev.javelin.rl.export.PolicyExporter;
import dev.javelin.rl.preprocess.RunningStandardScaler;
import java.util.ArrayList;
import java.util.List;

/**
 * PPO's deterministic policy (the agent's {@code deterministic}, then evaluation's clip into the box): the actor's
 * argmax logits or Gaussian mean, from separate nets ({@code actor.0}, {@code actor.2}, ...) or a shared trunk
 * ({@code trunk.*}, activation after every layer) and the linear {@code actor} head; a state-dependent log-std's
 * half of the actor's output is left out.
 */
public final class PpoExporter implements PolicyExporter<PpoConfig> {
    @Override
    public String algo() {
        return "ppo";
    }

    @Override
    public Class<PpoConfig> configClass() {
        return PpoConfig.class;
    }

    @Override
    public PolicySpec policy(PpoConfig c, String envId, Checkpoint checkpoint) {
        Exports.Spaces spaces = Exports.spaces(envId, c.envKwargs());
        int outputs = switch (spaces.actions()) {
            case Discrete d -> d.n();
            case Box b -> b.size();
            default -> throw new IllegalArgumentException("PPO supports Discrete and Box action spaces; " + envId
                    + " has " + spaces.actions());
        };
        ActorCritic.Architecture a = c.architecture();
        int hidden = a.hiddenSizes().size();
        List<PolicySpec.Layer> layers;
        if (a.sharedModel()) {
            List<String> names = new ArrayList<>(Exports.mlp("trunk", hidden));
            names.add("actor");
            layers = Exports.layers(checkpoint, "policy", names, Exports.hiddenThenLinear(a.activation(), hidden + 1), outputs);
        } else {
            layers = Exports.layers(checkpoint, "policy", Exports.mlp("actor", hidden + 1),
                    Exports.hiddenThenLinear(a.activation(), hidden + 1), outputs);
        }
        int size = spaces.observations().size();
        return new PolicySpec(
                Exports.scaler(checkpoint, c.effectiveStatePreprocessor()
                        .map(p -> RunningStandardScaler.fromKwargs(size, c.effectiveStatePreprocessorKwargs()))),
                layers, Exports.head(spaces.actions(), envId), Exports.info(algo(), envId, spaces));
    }
}
