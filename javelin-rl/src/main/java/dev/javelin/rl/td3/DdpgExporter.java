package dev.javelin.rl.td3;

import dev.javelin.policy.PolicySpec;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.export.PolicyExporter;

/** DDPG's deterministic policy as evaluation runs it: {@code tanh(mu(s))} rescaled onto the env's bounds. */
public final class DdpgExporter implements PolicyExporter<DdpgConfig> {
    /** Creates the exporter; {@link java.util.ServiceLoader} calls it. */
    public DdpgExporter() {
    }

    @Override
    public String algo() {
        return "ddpg";
    }

    @Override
    public Class<DdpgConfig> configClass() {
        return DdpgConfig.class;
    }

    @Override
    public PolicySpec policy(DdpgConfig c, String envId, Checkpoint checkpoint) {
        return DeterministicExports.policy(algo(), c.asTd3(), envId, c.envKwargs(), checkpoint);
    }
}
