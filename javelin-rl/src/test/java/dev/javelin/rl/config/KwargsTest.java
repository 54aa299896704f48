package dev.javelin.rl.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KwargsTest {
    @Test
    void onlyTheChoicesKeysWithFiniteNumbersPass() {
        Kwargs.check("state_preprocessor_kwargs", Map.of("epsilon", 1e-8), List.of("clip_threshold", "epsilon"));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Kwargs.check("state_preprocessor_kwargs", Map.of("eps", 1e-8), List.of("epsilon", "clip_threshold")));
        assertTrue(e.getMessage().contains("'state_preprocessor_kwargs.eps'")
                && e.getMessage().contains("[clip_threshold, epsilon]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Kwargs.check("value_preprocessor_kwargs", Map.of("epsilon", 1e-8), List.of()));
        assertTrue(e.getMessage().contains("'value_preprocessor_kwargs.epsilon'; allowed here: none"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Kwargs.check("learning_rate_scheduler_kwargs",
                Map.of("min_lr", Double.POSITIVE_INFINITY), List.of("min_lr")));
        assertTrue(e.getMessage().contains("learning_rate_scheduler_kwargs.min_lr must be a finite number, got Infinity"),
                e.getMessage());
    }
}
