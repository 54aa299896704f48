package dev.javelin.rl.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javelin.rl.config.ConfigException;
import dev.javelin.rl.config.Configs;
import dev.javelin.rl.preprocess.RunningStandardScaler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmpConfigTest {
    @Test
    void defaultsAreSkrlsAmpDefaultConfig() {
        var tree = Configs.toTree(Configs.defaults(AmpConfig.class));
        Map<String, Object> skrl = Map.ofEntries(Map.entry("rollouts", 16), Map.entry("learning_epochs", 6),
                Map.entry("mini_batches", 2), Map.entry("discount_factor", 0.99), Map.entry("lambda", 0.95),
                Map.entry("learning_rate", 5e-5), Map.entry("random_timesteps", 0), Map.entry("learning_starts", 0),
                Map.entry("grad_norm_clip", 0.0), Map.entry("ratio_clip", 0.2), Map.entry("value_clip", 0.2),
                Map.entry("clip_predicted_values", false), Map.entry("entropy_loss_scale", 0.0),
                Map.entry("value_loss_scale", 2.5), Map.entry("discriminator_loss_scale", 5.0),
                Map.entry("amp_batch_size", 512), Map.entry("task_reward_weight", 0.0),
                Map.entry("style_reward_weight", 1.0), Map.entry("discriminator_batch_size", 0),
                Map.entry("discriminator_reward_scale", 2.0), Map.entry("discriminator_logit_regularization_scale", 0.05),
                Map.entry("discriminator_gradient_penalty_scale", 5.0),
                Map.entry("discriminator_weight_decay_scale", 1e-4), Map.entry("time_limit_bootstrap", false));
        skrl.forEach((key, value) -> {
            assertTrue(tree.has(key), key);
            if (value instanceof Boolean b) {
                assertEquals(b, tree.get(key).booleanValue(), key);
            } else {
                assertEquals(((Number) value).doubleValue(), tree.get(key).doubleValue(), 1e-12, key);
            }
        });
        for (String key : List.of("learning_rate_scheduler", "state_preprocessor", "value_preprocessor",
                "amp_state_preprocessor", "rewards_shaper")) {
            assertTrue(tree.get(key).isNull(), key);
        }
        for (String key : List.of("learning_rate_scheduler_kwargs", "state_preprocessor_kwargs",
                "value_preprocessor_kwargs", "amp_state_preprocessor_kwargs")) {
            assertTrue(tree.get(key).isEmpty(), key);
        }
    }

    @Test
    void badValuesNameTheirKey() {
        AmpConfig d = Configs.defaults(AmpConfig.class);
        for (var bad : List.of(
                List.of("discriminator_gradient_penalty_scale=-1", "discriminator_gradient_penalty_scale"),
                List.of("amp_batch_size=0", "amp_batch_size"),
                List.of("learning_rate_scheduler=kl_adaptive", "learning_rate_scheduler"),
                List.of("amp_state_preprocessor=batch_norm", "amp_state_preprocessor"),
                List.of("state_preprocessor_kwargs.epsilon=1e-8", "state_preprocessor_kwargs.epsilon"),
                List.of("mini_batches=64", "mini_batches"),
                List.of("style_reward_weight=.nan", "style_reward_weight"))) {
            var e = assertThrows(ConfigException.class, () -> Configs.override(d, List.of(bad.get(0))));
            assertTrue(e.getMessage().contains(bad.get(1)), bad.get(0) + ": " + e.getMessage());
        }
        AmpConfig scaled = Configs.override(d, List.of("amp_state_preprocessor=running_standard_scaler",
                "amp_state_preprocessor_kwargs.epsilon=1e-6"));
        assertEquals(1e-6, RunningStandardScaler.fromKwargs(2, scaled.ampStatePreprocessorKwargs()).epsilon(), 1e-18);
    }
}
