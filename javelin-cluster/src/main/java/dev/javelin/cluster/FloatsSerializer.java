package dev.javelin.cluster;

import dev.javelin.rl.memory.Transitions;
import java.io.NotSerializableException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Pekko serializer of the float-heavy messages: fixed fields, then each array as an int length and its elements
 * in little-endian order (as safetensors stores them), bulk-copied. A 300 KB network is 300 KB on the wire,
 * against about 3x that as JSON numbers, and no text is parsed per element.
 */
public final class FloatsSerializer extends SerializerWithStringManifest {
    /** Pekko reserves 0 - 40 for itself. */
    static final int IDENTIFIER = 174_017;
    private static final String WEIGHTS = "W";
    private static final String TRANSITIONS = "T";
    private static final String ROLLOUT = "R";

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object o) {
        return switch (o) {
            case Weights w -> WEIGHTS;
            case TransitionBatch t -> TRANSITIONS;
            case RolloutFragment r -> ROLLOUT;
            default -> throw new IllegalArgumentException("FloatsSerializer cannot write " + o.getClass().getName()
                    + "; it writes Weights, TransitionBatch and RolloutFragment");
        };
    }

    @Override
    public byte[] toBinary(Object o) {
        return switch (o) {
            case Weights w -> new Writer(16 + 4L * w.values().length).putLong(w.version()).put(w.values()).bytes();
            case TransitionBatch b -> {
                Transitions t = b.transitions();
                long floats = (long) t.size() * (2L * t.stateDim() + t.actionDim() + 2) + b.episodeReturns().length;
                yield new Writer(128 + 4L * b.worker().length() + 8L * t.size() + 4 * floats + 4L * b.episodeLengths().length)
                        .put(b.worker()).putLong(b.incarnation()).putLong(b.sequence())
                        .putInt(t.stateDim()).putInt(t.actionDim()).put(b.versions())
                        .put(t.states()).put(t.actions()).put(t.rewards()).put(t.nextStates()).put(t.dones())
                        .put(b.episodeReturns()).put(b.episodeLengths()).bytes();
            }
            case RolloutFragment r -> {
                long floats = (long) r.steps() * (r.stateSize() + r.actionSize() + 5) + r.envs()
                        + r.episodeReturns().length;
                yield new Writer(128 + 4L * r.worker().length() + 4 * floats + 4L * r.episodeLengths().length)
                        .put(r.worker()).putLong(r.incarnation()).putLong(r.sequence()).putLong(r.version())
                        .putInt(r.rollouts()).putInt(r.envs()).putInt(r.stateSize()).putInt(r.actionSize())
                        .put(r.states()).put(r.actions()).put(r.rewards()).put(r.terminated()).put(r.truncated())
                        .put(r.logProb()).put(r.values()).put(r.lastValues())
                        .put(r.episodeReturns()).put(r.episodeLengths()).bytes();
            }
            default -> throw new IllegalArgumentException("FloatsSerializer cannot write " + o.getClass().getName());
        };
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            return switch (manifest) {
                case WEIGHTS -> new Weights(in.getLong(), floats(in));
                case TRANSITIONS -> {
                    String worker = string(in);
                    long incarnation = in.getLong();
                    long sequence = in.getLong();
                    int stateDim = in.getInt();
                    int actionDim = in.getInt();
                    long[] versions = longs(in);
                    Transitions t = new Transitions(versions.length, stateDim, actionDim, floats(in), floats(in),
                            floats(in), floats(in), floats(in));
                    yield new TransitionBatch(worker, incarnation, sequence, versions, t, floats(in), ints(in));
                }
                case ROLLOUT -> new RolloutFragment(string(in), in.getLong(), in.getLong(), in.getLong(), in.getInt(),
                        in.getInt(), in.getInt(), in.getInt(), floats(in), floats(in), floats(in), floats(in),
                        floats(in), floats(in), floats(in), floats(in), floats(in), ints(in));
                default -> throw new NotSerializableException("FloatsSerializer: unknown manifest '" + manifest
                        + "'; expected W, T or R");
            };
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            NotSerializableException n = new NotSerializableException("FloatsSerializer: malformed " + manifest
                    + " message of " + bytes.length + " bytes: " + e.getMessage());
            n.initCause(e);
            throw n;
        }
    }

    private static float[] floats(ByteBuffer in) {
        float[] a = new float[length(in, 4)];
        in.asFloatBuffer().get(a);
        in.position(in.position() + 4 * a.length);
        return a;
    }

    private static long[] longs(ByteBuffer in) {
        long[] a = new long[length(in, 8)];
        in.asLongBuffer().get(a);
        in.position(in.position() + 8 * a.length);
        return a;
    }

    private static int[] ints(ByteBuffer in) {
        int[] a = new int[length(in, 4)];
        in.asIntBuffer().get(a);
        in.position(in.position() + 4 * a.length);
        return a;
    }

    private static String string(ByteBuffer in) {
        byte[] utf8 = new byte[length(in, 1)];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** A length prefix, checked against what is left so a corrupt one fails here and not as a huge allocation. */
    private static int length(ByteBuffer in, int elementBytes) {
        int n = in.getInt();
        if (n < 0 || (long) n * elementBytes > in.remaining()) {
            throw new IllegalArgumentException("array length " + n + " with " + in.remaining() + " bytes left");
        }
        return n;
    }

    /** A little-endian buffer sized up front (the estimate is an upper bound; the result is trimmed). */
    private static final class Writer {
        private final ByteBuffer out;

        Writer(long capacity) {
            this.out = ByteBuffer.allocate(Math.toIntExact(capacity)).order(ByteOrder.LITTLE_ENDIAN);
        }

        Writer putLong(long v) {
            out.putLong(v);
            return this;
        }

        Writer putInt(int v) {
            out.putInt(v);
            return this;
        }

        Writer put(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.putInt(utf8.length).put(utf8);
            return this;
        }

        Writer put(float[] a) {
            out.putInt(a.length);
            out.asFloatBuffer().put(a);
            out.position(out.position() + 4 * a.length);
            return this;
        }

        Writer put(long[] a) {
            out.putInt(a.length);
            out.asLongBuffer().put(a);
            out.position(out.position() + 8 * a.length);
            return this;
        }

        Writer put(int[] a) {
            out.putInt(a.length);
            out.asIntBuffer().put(a);
            out.position(out.position() + 4 * a.length);
            return this;
        }

        byte[] bytes() {
            byte[] b = new byte[out.position()];
            out.flip().get(b);
            return b;
        }
    }
}
