package dev.javelin.rl.sac;

import dev.javelin.env.Box;
import dev.javelin.policy.PolicySpec;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.export.Exports;
import dev.javelin.rl.export.PolicyExporter;
import java.util.ArrayList;
import java.util.List;

/**
 * SAC's deterministic policy as evaluation runs it: {@code tanh(mu(latent_pi(s)))} rescaled from [-1, 1] onto the
 * env's bounds (with gSDE the mean clipped to clip_mean first); the {@code log_std} head or parameter is not needed.
 */
public final class SacExporter implements PolicyExporter<SacConfig> {
    @Override
    public String algo() {
        return "sac";
    }

    @Override
    public Class<SacConfig> configClass() {
        return SacConfig.class;
    }

    @Override
    public PolicySpec policy(SacConfig c, String envId, Checkpoint checkpoint) {
        Exports.Spaces spaces = Exports.spaces(envId, c.envKwargs());
        PolicySpec.TanhRescale squashed = (PolicySpec.TanhRescale) Exports.squashed(spaces.actions(), envId);
        PolicySpec.Head head = c.useSde() && c.clipMean() > 0
                ? new PolicySpec.TanhRescale(squashed.low(), squashed.high(), (float) c.clipMean()) : squashed;
        int hidden = c.netArch().size();
        // latent_pi is Linear + activation for every entry of net_arch, then mu is linear
        List<String> names = new ArrayList<>(Exports.mlp("latent_pi", hidden));
        names.add("mu");
        return new PolicySpec(
                Exports.scaler(checkpoint, SacAgent.scalerFor(c, spaces.observations().size())),
                Exports.layers(checkpoint, "policy", names, Exports.hiddenThenLinear(c.activation(), hidden + 1),
                        ((Box) spaces.actions()).size()),
                head, Exports.info(algo(), envId, spaces));
    }
}
