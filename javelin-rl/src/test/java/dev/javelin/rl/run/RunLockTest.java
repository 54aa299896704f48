package dev.javelin.rl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondWriterIsRefusedWithTheHoldersName() throws Exception {
        try (RunLock first = RunLock.acquire(dir)) {
            assertEquals(RunLock.owner(), Files.readString(dir.resolve(RunLock.FILE)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunLock.acquire(dir));
            assertTrue(e.getMessage().startsWith("run directory " + dir + " is in use by process " + RunLock.owner()),
                    e.getMessage());
        }
        // released on close: the next writer gets it
        try (RunLock again = RunLock.acquire(dir)) {
            assertEquals("", again.staleHolder());
        }
    }

    @Test
    void aLockFileLeftByADeadProcessIsTakenOver() throws Exception {
        // what kill -9 leaves: the file with its owner, but no OS lock (the OS dropped it with the process)
        Files.writeString(dir.resolve(RunLock.FILE), "999999@elsewhere");
        try (RunLock lock = RunLock.acquire(dir)) {
            assertEquals("999999@elsewhere", lock.staleHolder());
            assertEquals(RunLock.owner(), Files.readString(dir.resolve(RunLock.FILE)));
        }
    }
}
