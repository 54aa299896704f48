package dev.javelin.mujoco;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lookup order's first rule, and what a failed lookup reports. */
class MuJoCoLocatorTest {

    @Test
    void anExplicitLibraryThatDoesNotExistIsReportedNotSkipped() {
        String before = System.getProperty("javelin.mujoco.lib");
        System.setProperty("javelin.mujoco.lib", "/nonexistent/libmujoco.so.3.99.0");
        try {
            MuJoCoLocator locator = new MuJoCoLocator();
            assertTrue(locator.library().isEmpty());
            assertTrue(locator.looked().getFirst().equals("-Djavelin.mujoco.lib=/nonexistent/libmujoco.so.3.99.0: no such file"),
                    locator.looked().toString());
        } finally {
            if (before == null) {
                System.clearProperty("javelin.mujoco.lib");
            } else {
                System.setProperty("javelin.mujoco.lib", before);
            }
        }
    }

    @Test
    void anExplicitLibraryThatExistsIsTakenAsItIs() throws Exception {
        Path fake = java.nio.file.Files.createTempFile("libmujoco", ".so");
        String before = System.getProperty("javelin.mujoco.lib");
        System.setProperty("javelin.mujoco.lib", fake.toString());
        try {
            assertTrue(new MuJoCoLocator().library().orElseThrow().equals(fake));
        } finally {
            if (before == null) {
                System.clearProperty("javelin.mujoco.lib");
            } else {
                System.setProperty("javelin.mujoco.lib", before);
            }
            java.nio.file.Files.delete(fake);
        }
    }

    @Test
    void theInstallCommandIsTheReadmeLine() {
        assertTrue(MuJoCoLocator.INSTALL.contains("pip install mujoco gymnasium"), MuJoCoLocator.INSTALL);
    }
}
