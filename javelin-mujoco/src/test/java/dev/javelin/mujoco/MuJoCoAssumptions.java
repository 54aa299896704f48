package dev.javelin.mujoco;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need MuJoCo skip when it is not installed on a developer's machine, but fail in CI, where
 * {@code .ci/run} installs it and sets {@code JAVELIN_REQUIRE_MUJOCO=1}, so a broken install cannot pass unseen.
 */
public final class MuJoCoAssumptions {
    private MuJoCoAssumptions() {
    }

    public static void assumeMuJoCo() {
        if (System.getenv("JAVELIN_REQUIRE_MUJOCO") != null) {
            MuJoCo.get().assets();
            return;
        }
        Assumptions.assumeTrue(MuJoCo.available() && MuJoCo.get().hasAssets(),
                () -> "MuJoCo not installed: " + MuJoCo.unavailableReason().orElse("no Gymnasium assets"));
    }

    /** As {@link #assumeMuJoCo()}, for tests that build their model from a string and need no Gymnasium assets. */
    public static void assumeMuJoCoLibrary() {
        if (System.getenv("JAVELIN_REQUIRE_MUJOCO") != null) {
            MuJoCo.get();
            return;
        }
        Assumptions.assumeTrue(MuJoCo.available(), () -> "MuJoCo not installed: " + MuJoCo.unavailableReason().orElse(""));
    }
}
