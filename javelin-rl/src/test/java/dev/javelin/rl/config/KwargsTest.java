package dev.javelin.rl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KwargsTest {
    @Test
    void onlyTheChoicesKeysWithFiniteNumbersPass() {
        Map<String, Double> given = new java.util.HashMap<>(Map.of("epsilon", 1e-8));
        Map<String, Double> kept = Kwargs.checked("state_preprocessor_kwargs", given, List.of("clip_threshold", "epsilon"));
        given.put("epsilon", 1.0);
        assertEquals(Map.of("epsilon", 1e-8), kept, "a copy");
        assertThrows(UnsupportedOperationException.class, () -> kept.put("clip_threshold", 5.0));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Kwargs.checked("state_preprocessor_kwargs", Map.of("eps", 1e-8), List.of("epsilon", "clip_threshold")));
        assertTrue(e.getMessage().contains("'state_preprocessor_kwargs.eps'")
                && e.getMessage().contains("[clip_threshold, epsilon]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Kwargs.checked("value_preprocessor_kwargs", Map.of("epsilon", 1e-8), List.of()));
        assertTrue(e.getMessage().contains("'value_preprocessor_kwargs.epsilon'; allowed here: none"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Kwargs.checked("learning_rate_scheduler_kwargs",
                Map.of("min_lr", Double.POSITIVE_INFINITY), List.of("min_lr")));
        assertTrue(e.getMessage().contains("learning_rate_scheduler_kwargs.min_lr must be a finite number, got Infinity"),
                e.getMessage());
    }
}
