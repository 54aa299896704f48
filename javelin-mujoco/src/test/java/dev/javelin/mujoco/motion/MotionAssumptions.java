package dev.javelin.mujoco.motion;

import dev.javelin.mujoco.MuJoCoAssumptions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;

/**
 * Retargeting tests need MuJoCo and the CMU clips of Debian's assimp-testmodels package: they skip without them on a
 * developer's machine and fail in CI ({@code JAVELIN_REQUIRE_MUJOCO=1}), where {@code .ci/run} installs both.
 */
final class MotionAssumptions {
    private MotionAssumptions() {
    }

    static void assumeClips() {
        MuJoCoAssumptions.assumeMuJoCo();
        if (System.getenv("JAVELIN_REQUIRE_MUJOCO") != null) {
            MotionLibraries.resolve("01_01");
            return;
        }
        Assumptions.assumeTrue(Files.isRegularFile(MotionLibraries.ASSIMP_BVH.resolve("01_01.bvh")),
                () -> "CMU clips not installed: no " + MotionLibraries.ASSIMP_BVH.resolve("01_01.bvh")
                        + " (sudo apt-get install assimp-testmodels)");
    }
}
