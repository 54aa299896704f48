package dev.javelin.rl.logging;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * TensorBoard event file without TensorFlow: TFRecord framing of hand-encoded {@code Event} protos.
 * A record is {@code uint64 length, uint32 masked_crc32c(length), data, uint32 masked_crc32c(data)},
 * little endian. Each write is flushed so TensorBoard sees a live run; an append-only log cannot be
 * written atomically, and a torn last record is what TensorBoard's reader already tolerates.
 */
public final class TensorBoardWriter implements ScalarWriter {
    private final Path path;
    private final OutputStream out;

    /** A new {@code events.out.tfevents.<secs>.<hostname>} in {@code dir}. */
    public TensorBoardWriter(Path dir) {
        double now = System.currentTimeMillis() / 1000.0;
        String name = "events.out.tfevents." + (long) now + "." + hostname();
        Path candidate = dir.resolve(name);
        // a second writer in the same second (a quick resume) must not truncate the first file
        for (int i = 1; Files.exists(candidate); i++) {
            candidate = dir.resolve(name + "." + i);
        }
        this.path = candidate;
        try {
            this.out = new FileOutputStream(path.toFile());
            // TensorBoard reads the file version from the first event to pick its parser
            writeRecord(event(now, 0, 3, "brain.Event:2".getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * A writer for a run resumed at {@code step}: its first event is a SessionLog START at step + 1, on which
     * TensorBoard drops the older files' points from that step on (as PyTorch's {@code purge_step}), so
     * the steps trained again after a crash are not drawn twice.
     */
    public static TensorBoardWriter resumed(Path dir, long step) {
        TensorBoardWriter w = new TensorBoardWriter(dir);
        try {
            // SessionLog{status = 1 (varint) = START}
            w.writeRecord(event(System.currentTimeMillis() / 1000.0, step + 1, 7, new byte[] {0x08, 0x01}));
            w.out.flush();
        } catch (IOException e) {
            w.close();
            throw new UncheckedIOException("cannot write " + w.path + ": " + e.getMessage(), e);
        }
        return w;
    }

    /** The event file written. */
    public Path path() {
        return path;
    }

    @Override
    public void write(long step, double wallTime, Map<String, Double> scalars) {
        try {
            for (Map.Entry<String, Double> s : scalars.entrySet()) {
                ByteArrayOutputStream value = new ByteArrayOutputStream();
                bytesField(value, 1, s.getKey().getBytes(StandardCharsets.UTF_8));  // Summary.Value.tag
                tag(value, 2, 5);                                                    // simple_value, fixed32
                value.writeBytes(le(ByteBuffer.allocate(4)).putFloat(s.getValue().floatValue()).array());
                ByteArrayOutputStream summary = new ByteArrayOutputStream();
                bytesField(summary, 1, value.toByteArray());                       // Summary.value
                writeRecord(event(wallTime, step, 5, summary.toByteArray()));      // Event.summary
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + path + ": " + e.getMessage(), e);
        }
    }

    /** Event{wall_time = 1 (double), step = 2 (int64), payload field = bytes}. */
    private static byte[] event(double wallTime, long step, int payloadField, byte[] payload) {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        tag(e, 1, 1);
        e.writeBytes(le(ByteBuffer.allocate(8)).putDouble(wallTime).array());
        if (step != 0) {
            tag(e, 2, 0);
            varint(e, step);
        }
        bytesField(e, payloadField, payload);
        return e.toByteArray();
    }

    private void writeRecord(byte[] data) throws IOException {
        byte[] length = le(ByteBuffer.allocate(8)).putLong(data.length).array();
        out.write(length);
        out.write(le(ByteBuffer.allocate(4)).putInt(maskedCrc(length)).array());
        out.write(data);
        out.write(le(ByteBuffer.allocate(4)).putInt(maskedCrc(data)).array());
    }

    /** TFRecord's CRC mask: rotate right by 15 and add a constant, so CRCs of CRCs stay distinct. */
    static int maskedCrc(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }

    private static void bytesField(ByteArrayOutputStream out, int field, byte[] bytes) {
        tag(out, field, 2);
        varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void tag(ByteArrayOutputStream out, int field, int wireType) {
        varint(out, ((long) field << 3) | wireType);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static ByteBuffer le(ByteBuffer b) {
        return b.order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
