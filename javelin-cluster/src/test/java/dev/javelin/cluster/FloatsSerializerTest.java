package dev.javelin.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.javelin.rl.memory.Transitions;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FloatsSerializerTest {
    private final FloatsSerializer serializer = new FloatsSerializer();

    @Test
    void weightsAreTheirVersionAndRawLittleEndianFloats() throws Exception {
        float[] values = {1.5f, -2f, Float.MIN_VALUE, Float.NaN};
        byte[] bytes = serializer.toBinary(new Weights(7, values));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(7, b.getLong());
        assertEquals(4, b.getInt());
        assertEquals(1.5f, b.getFloat());
        assertEquals(8 + 4 + 16, bytes.length, "no JSON, no per-element overhead");
        Weights back = (Weights) serializer.fromBinary(bytes, serializer.manifest(new Weights(7, values)));
        assertEquals(7, back.version());
        assertArrayEquals(values, back.values());
    }

    @Test
    void batchesAndFragmentsComeBackEqual() throws Exception {
        Transitions t = new Transitions(2, 3, 1, new float[] {1, 2, 3, 4, 5, 6}, new float[] {0.5f, -0.5f},
                new float[] {-1, -2}, new float[] {7, 8, 9, 10, 11, 12}, new float[] {0, 1});
        TransitionBatch batch = new TransitionBatch("w-1", 99, 5, new long[] {3, 4}, t, new float[] {-150f}, new int[] {200});
        TransitionBatch b = (TransitionBatch) serializer.fromBinary(serializer.toBinary(batch), serializer.manifest(batch));
        assertEquals("w-1", b.worker());
        assertEquals(99, b.incarnation());
        assertEquals(5, b.sequence());
        assertArrayEquals(new long[] {3, 4}, b.versions());
        assertArrayEquals(t.nextStates(), b.transitions().nextStates());
        assertArrayEquals(t.dones(), b.transitions().dones());
        assertArrayEquals(new int[] {200}, b.episodeLengths());

        float[] rows = {1, 2};
        RolloutFragment f = new RolloutFragment("p", 1, 2, 3, 1, 2, 2, 1, new float[] {1, 2, 3, 4}, rows, rows, new float[] {0, 1},
                new float[] {0, 0}, rows, rows, new float[] {9, 8}, new float[0], new int[0]);
        RolloutFragment g = (RolloutFragment) serializer.fromBinary(serializer.toBinary(f), serializer.manifest(f));
        assertEquals(3, g.version());
        assertArrayEquals(f.states(), g.states());
        assertArrayEquals(f.lastValues(), g.lastValues());
        assertArrayEquals(f.terminated(), g.terminated());
    }

    @Test
    void aTruncatedMessageIsRejectedWithItsSize() {
        byte[] bytes = serializer.toBinary(new Weights(1, new float[100]));
        var e = assertThrows(NotSerializableException.class, () -> serializer.fromBinary(Arrays.copyOf(bytes, 50), "W"));
        assertEquals(true, e.getMessage().contains("malformed W message of 50 bytes"), e.getMessage());
        var m = assertThrows(NotSerializableException.class, () -> serializer.fromBinary(bytes, "X"));
        assertEquals(true, m.getMessage().contains("unknown manifest 'X'"), m.getMessage());
    }
}
