package io.coffer.platform.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.platform.SealedColumn;
import io.coffer.platform.SecretBox;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The re-seal of one column (OPS-22): batch by batch, compare-and-set, values under no key left alone. */
class MasterKeyRotationTest {

    static byte[] key(int b) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) b);
        return k;
    }

    static final SecretBox OLD = new SecretBox(key(1));
    static final SecretBox OTHER = new SecretBox(key(3));
    static final SecretBox RING = new SecretBox(key(2), List.of(key(1)));
    static final SecretBox NEW_ONLY = new SecretBox(key(2));

    static final SealedColumn COLUMN = new SealedColumn("test values", "test_values", "id", "sealed", false, false);

    /** A column in memory, in key order; {@code changeOnRead} rows are written by "someone else" after each read. */
    static final class Column implements SealedValues {
        final TreeMap<String, byte[]> rows = new TreeMap<>();
        final List<String> changeOnRead = new ArrayList<>();
        final List<Integer> batchSizes = new ArrayList<>();

        @Override
        public List<Sealed> batch(SealedColumn column, String after, int limit) {
            assertEquals(COLUMN, column);
            List<Sealed> out = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : (after == null ? rows : rows.tailMap(after, false)).entrySet()) {
                if (out.size() == limit) {
                    break;
                }
                out.add(new Sealed(e.getKey(), e.getValue()));
            }
            batchSizes.add(out.size());
            for (String id : changeOnRead) {
                if (rows.containsKey(id)) {
                    rows.put(id, OLD.seal(("changed " + id).getBytes(StandardCharsets.UTF_8)));
                }
            }
            return out;
        }

        @Override
        public boolean replace(SealedColumn column, String id, byte[] expected, byte[] resealed) {
            assertEquals(COLUMN, column);
            if (!java.util.Arrays.equals(rows.get(id), expected)) {
                return false;
            }
            rows.put(id, resealed);
            return true;
        }
    }

    static MasterKeyRotation job(Column column) {
        MasterKeyRotation job = new MasterKeyRotation();
        job.box = RING;
        job.values = column;
        return job;
    }

    static String id(int i) {
        return String.format("%05d", i);
    }

    @Test
    void ops22_everyValueUnderAPreviousKeyIsReSealedBatchByBatch_itsPlaintextKept() {
        Column column = new Column();
        for (int i = 0; i < 250; i++) {
            column.rows.put(id(i), OLD.seal(("secret " + i).getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 250; i < 255; i++) {
            column.rows.put(id(i), NEW_ONLY.seal(("new " + i).getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals(250, job(column).reseal(COLUMN, Supplier::get), "found under the previous key");
        assertEquals(List.of(100, 100, 55), column.batchSizes, "batches of 100 until a short one");
        for (int i = 0; i < 250; i++) {
            byte[] v = column.rows.get(id(i));
            assertTrue(NEW_ONLY.sealedUnderCurrentKey(v), "re-sealed under the master key: " + i);
            assertArrayEquals(("secret " + i).getBytes(StandardCharsets.UTF_8), NEW_ONLY.open(v));
        }
        assertEquals(0, job(column).reseal(COLUMN, Supplier::get), "the next pass finds nothing");
    }

    @Test
    void ops22_aValueWrittenSinceItWasReadIsNotOverwritten_andOneUnderNoKeyIsLeftAsItIs() {
        Column column = new Column();
        column.rows.put(id(1), OLD.seal("a".getBytes(StandardCharsets.UTF_8)));
        column.rows.put(id(2), OLD.seal("b".getBytes(StandardCharsets.UTF_8)));
        byte[] foreign = OTHER.seal("c".getBytes(StandardCharsets.UTF_8));
        column.rows.put(id(3), foreign);
        column.changeOnRead.add(id(2));
        assertEquals(2, job(column).reseal(COLUMN, Supplier::get));
        assertTrue(NEW_ONLY.sealedUnderCurrentKey(column.rows.get(id(1))));
        assertArrayEquals("changed 00002".getBytes(StandardCharsets.UTF_8), OLD.open(column.rows.get(id(2))),
                "the newer value stays (compare-and-set); the next pass re-seals it");
        assertArrayEquals(foreign, column.rows.get(id(3)), "a value no key of the ring opens is left alone");
        column.changeOnRead.clear();
        assertEquals(1, job(column).reseal(COLUMN, Supplier::get));
        assertFalse(OLD.sealedUnderCurrentKey(column.rows.get(id(2))));
    }
}
