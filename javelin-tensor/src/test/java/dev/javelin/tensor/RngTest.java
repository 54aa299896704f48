package dev.javelin.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class RngTest {
    @Test
    void counterBasedGeneratorDependsOnKeyAndIndexOnly() {
        long first = Rng.at(42, 7).nextLong();
        Rng elsewhere = new Rng(1);
        for (int i = 0; i < 100; i++) elsewhere.nextLong(); // draws elsewhere do not matter
        assertEquals(first, Rng.at(42, 7).nextLong());
        assertNotEquals(first, Rng.at(42, 8).nextLong());
        assertNotEquals(first, Rng.at(43, 7).nextLong());
    }
}
