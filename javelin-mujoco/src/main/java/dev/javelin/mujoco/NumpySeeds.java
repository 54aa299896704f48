package dev.javelin.mujoco;

import dev.javelin.env.random.NumpyGenerator;
import java.math.BigInteger;

/**
 * The generator a MuJoCo task's {@code reset(seed)} seeds, as Gymnasium's {@code np_random(seed)}. NumPy takes
 * any non-negative integer; a negative Java long (training loops draw seeds as random longs) is read as the
 * unsigned 64-bit number with the same bits, so every long is a valid seed and non-negative ones mean what they
 * mean in Gymnasium.
 */
public final class NumpySeeds {
    private NumpySeeds() {
    }

    public static NumpyGenerator generator(long seed) {
        return seed >= 0 ? NumpyGenerator.defaultRng(seed) : NumpyGenerator.defaultRng(new BigInteger(Long.toUnsignedString(seed)));
    }
}
