package dev.javelin.rl.amp;

import dev.javelin.env.Box;
import dev.javelin.policy.PolicySpec;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.export.Exports;
import dev.javelin.rl.export.PolicyExporter;
import dev.javelin.rl.preprocess.RunningStandardScaler;

/**
 * AMP's deterministic policy: the Gaussian mean of skrl's policy model ({@code net.0}, {@code net.2}, ...) on the
 * standardized observation, clipped into the box as evaluation does. The value model and discriminator stay behind.
 */
public final class AmpExporter implements PolicyExporter<AmpConfig> {
    @Override
    public String algo() {
        return "amp";
    }

    @Override
    public Class<AmpConfig> configClass() {
        return AmpConfig.class;
    }

    @Override
    public PolicySpec policy(AmpConfig c, String envId, Checkpoint checkpoint) {
        Exports.Spaces spaces = Exports.spaces(envId, c.envKwargs());
        if (!(spaces.actions() instanceof Box box) || !box.isBounded()) {
            throw new IllegalArgumentException("amp needs a bounded Box action space; " + envId + " has " + spaces.actions());
        }
        int count = c.hiddenSizes().size() + 1;
        int size = spaces.observations().size();
        return new PolicySpec(
                Exports.scaler(checkpoint, c.statePreprocessor().map(p -> RunningStandardScaler.fromKwargs(size,
                        c.statePreprocessorKwargs()))),
                Exports.layers(checkpoint, "policy", Exports.mlp("net", count),
                        Exports.hiddenThenLinear(c.activation(), count), box.size()),
                Exports.head(box, envId), Exports.info(algo(), envId, spaces));
    }
}
