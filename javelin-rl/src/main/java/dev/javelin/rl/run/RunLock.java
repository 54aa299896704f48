package dev.javelin.rl.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one writer of a run directory: {@code <run>/.lock} holds {@code pid@host} under an OS file lock
 * (and is left empty when released).
 * The OS drops the lock when its process dies (kill -9 included), so a lock file left behind by a dead
 * process is stale by construction and the next writer takes it over; a live holder is named in the refusal.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = ".lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final String previousHolder;

    private RunLock(Path file, FileChannel channel, FileLock lock, String previousHolder) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.previousHolder = previousHolder;
    }

    /** Locks {@code runDir} or fails with a message naming the process that holds it. */
    public static RunLock acquire(Path runDir) {
        Path file = runDir.resolve(FILE);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;  // this JVM holds it already (a second run in the same process)
            }
            String holder = read(channel);
            if (lock == null) {
                channel.close();
                throw new IllegalArgumentException("run directory " + runDir + " is in use by process "
                        + (holder.isEmpty() ? "(unknown)" : holder) + " (lock " + file
                        + "); wait for it to finish or stop it first");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(owner().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new RunLock(file, channel, lock, holder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code pid@host} of this process, as written into the lock file. */
    public static String owner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return ProcessHandle.current().pid() + "@" + host;
    }

    /** The holder a stale lock file named (its process had died), or "" when the file was new or empty. */
    public String staleHolder() {
        return previousHolder;
    }

    @Override
    public void close() {
        try {
            // emptied, not deleted: a writer that opened the file just before a delete would lock an orphan
            channel.truncate(0);
            channel.force(true);
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + file + ": " + e.getMessage(), e);
        }
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        channel.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
    }
}
