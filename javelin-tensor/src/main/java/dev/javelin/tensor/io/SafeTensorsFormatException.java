package dev.javelin.tensor.io;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not a valid safetensors file; the message names the file and what is wrong with it. */
public final class SafeTensorsFormatException extends IOException {
    SafeTensorsFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    SafeTensorsFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
