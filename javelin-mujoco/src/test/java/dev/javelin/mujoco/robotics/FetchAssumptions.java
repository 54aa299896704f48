package dev.javelin.mujoco.robotics;

import dev.javelin.mujoco.MuJoCo;
import org.junit.jupiter.api.Assumptions;

/** Fetch tests skip without MuJoCo or dart-doc on a developer's machine, and fail in CI ({@code JAVELIN_REQUIRE_MUJOCO}). */
final class FetchAssumptions {
    private FetchAssumptions() {
    }

    static void assumeFetch() {
        if (System.getenv("JAVELIN_REQUIRE_MUJOCO") != null) {
            MuJoCo.get();
            FetchAssets.root();
            return;
        }
        Assumptions.assumeTrue(MuJoCo.available() && FetchAssets.unavailableReason().isEmpty(),
                () -> "Fetch tasks unavailable: " + MuJoCo.unavailableReason().or(FetchAssets::unavailableReason).orElse(""));
    }
}
