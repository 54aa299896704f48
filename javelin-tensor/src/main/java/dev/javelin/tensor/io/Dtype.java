package dev.javelin.tensor.io;

import java.nio.ByteBuffer;

/** The safetensors element types Javelin reads; all are widened or narrowed to float32 on load. */
enum Dtype {
    F32(4),
    F64(8),
    F16(2),
    BF16(2);

    /** Types defined by the format that Javelin deliberately does not load as float weights. */
    static final java.util.Set<String> KNOWN_UNSUPPORTED = java.util.Set.of(
            "BOOL", "U8", "I8", "U16", "I16", "U32", "I32", "U64", "I64", "F8_E4M3", "F8_E5M2");

    final int bytes;

    Dtype(int bytes) {
        this.bytes = bytes;
    }

    /** Decodes {@code count} elements from {@code in} (ordered little-endian) into {@code out[off..]}. */
    void decode(ByteBuffer in, float[] out, int off, int count) {
        int end = off + count;
        switch (this) {
            case F32 -> in.asFloatBuffer().get(out, off, count);
            case F64 -> {
                for (int i = off; i < end; i++) out[i] = (float) in.getDouble();
            }
            case F16 -> {
                for (int i = off; i < end; i++) out[i] = Float.float16ToFloat(in.getShort());
            }
            // bfloat16 is the top half of a float32: widening is exact.
            case BF16 -> {
                for (int i = off; i < end; i++) out[i] = Float.intBitsToFloat((in.getShort() & 0xffff) << 16);
            }
        }
    }
}
