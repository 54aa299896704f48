package dev.javelin.rl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheWholeFileAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("sub/config.yaml");
        AtomicFiles.writeString(file, "first version, longer\n");
        AtomicFiles.write(file, (Writer w) -> w.write("second\n"));
        assertEquals("second\n", Files.readString(file));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aFailingWriteKeepsTheOldContentAndReportsTheFile() throws Exception {
        Path file = dir.resolve("checkpoint.safetensors");
        AtomicFiles.write(file, new byte[] {1, 2, 3});
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeStream(file, out -> {
            out.write(9);
            throw new IOException("disk full");
        }));
        assertEquals("cannot write " + file + ": disk full", e.getMessage());
        assertEquals(3, Files.readAllBytes(file).length);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }
}
