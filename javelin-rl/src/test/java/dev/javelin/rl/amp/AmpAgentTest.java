package dev.javelin.rl.amp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.config.Configs;
import dev.javelin.tensor.Rng;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AmpAgentTest {
    private static AmpConfig config(String... sets) {
        return Configs.override(Configs.defaults(AmpConfig.class), List.of(sets));
    }

    @Test
    void checkpointsSkrlsPolicyAndValueModelsAndRestoresThem() {
        AmpConfig c = config("hidden_sizes=[8]", "discriminator_hidden_sizes=[4]", "fixed_log_std=false",
                "state_preprocessor=running_standard_scaler");
        AmpAgent agent = new AmpAgent(c, 3, 2, 6, new Rng(1));
        Checkpoint saved = agent.checkpoint();
        assertEquals(Set.of("log_std", "net.0.weight", "net.0.bias", "net.2.weight", "net.2.bias"),
                saved.group("policy").keySet());
        assertEquals(Set.of("0.weight", "0.bias", "2.weight", "2.bias"), saved.group("value").keySet());
        assertEquals(Set.of("policy", "value", "discriminator", "optimizer", "state_preprocessor"), saved.groups());

        float[] obs = {0.1f, -0.2f, 0.3f, 1, 2, 3};
        AmpAgent other = new AmpAgent(c, 3, 2, 6, new Rng(2));
        assertFalse(java.util.Arrays.equals(agent.deterministic(obs, 2), other.deterministic(obs, 2)));
        other.restore(saved);
        assertArrayEquals(agent.deterministic(obs, 2), other.deterministic(obs, 2));
        assertArrayEquals(agent.values(obs, 2), other.values(obs, 2));

        AmpConfig fixed = config("hidden_sizes=[8]", "discriminator_hidden_sizes=[4]");
        assertEquals(Set.of("net.0.weight", "net.0.bias", "net.2.weight", "net.2.bias"),
                new AmpAgent(fixed, 3, 2, 6, new Rng(1)).checkpoint().group("policy").keySet(), "a fixed log-std is no tensor");
    }
}
