package dev.javelin.rl.td3;

import dev.javelin.policy.PolicySpec;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.export.PolicyExporter;

/** TD3's deterministic policy as evaluation runs it: {@code tanh(mu(s))} rescaled onto the env's bounds. */
public final class Td3Exporter implements PolicyExporter<Td3Config> {
    /** Creates the exporter; {@link java.util.ServiceLoader} calls it. */
    public Td3Exporter() {
    }

    @Override
    public String algo() {
        return "td3";
    }

    @Override
    public Class<Td3Config> configClass() {
        return Td3Config.class;
    }

    @Override
    public PolicySpec policy(Td3Config c, String envId, Checkpoint checkpoint) {
        return DeterministicExports.policy(algo(), c, envId, c.envKwargs(), checkpoint);
    }
}
