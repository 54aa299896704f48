package dev.javelin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SequenceLedgerTest {
    @Test
    void aRedeliveredBatchIsADuplicateAndAnOlderIncarnationIsStale() {
        SequenceLedger ledger = new SequenceLedger();
        assertEquals(SequenceLedger.Verdict.NEW, ledger.take("w", 10, 1));
        assertEquals(SequenceLedger.Verdict.NEW, ledger.take("w", 10, 2));
        assertEquals(SequenceLedger.Verdict.DUPLICATE, ledger.take("w", 10, 1));
        assertEquals(SequenceLedger.Verdict.NEW, ledger.take("w", 10, 4));
        assertEquals(SequenceLedger.Verdict.DUPLICATE, ledger.take("w", 10, 4));
        assertEquals(2, ledger.contiguous("w", 10));
        assertEquals(SequenceLedger.Verdict.NEW, ledger.take("w", 10, 3));
        assertEquals(4, ledger.contiguous("w", 10));
        // a restarted worker starts its numbers again; its predecessor's late batches are stale
        assertEquals(SequenceLedger.Verdict.NEW, ledger.take("w", 11, 1));
        assertEquals(SequenceLedger.Verdict.STALE, ledger.take("w", 10, 5));
        assertEquals(0, ledger.contiguous("w", 10));
    }

    @Test
    void theLedgerSurvivesACheckpoint() {
        SequenceLedger ledger = new SequenceLedger();
        ledger.take("a", 1, 1);
        ledger.take("a", 1, 3);
        ledger.take("b", 7, 1);
        SequenceLedger resumed = new SequenceLedger();
        resumed.loadJson(ledger.json());
        assertEquals(SequenceLedger.Verdict.DUPLICATE, resumed.take("a", 1, 3));
        assertEquals(SequenceLedger.Verdict.DUPLICATE, resumed.take("b", 7, 1));
        assertEquals(SequenceLedger.Verdict.NEW, resumed.take("a", 1, 2));
        assertEquals(3, resumed.contiguous("a", 1));
    }

    @Test
    void badInputNamesTheValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SequenceLedger().take("w", 1, 0));
        assertEquals("sequence numbers start at 1, got 0 from w", e.getMessage());
        var j = assertThrows(IllegalArgumentException.class, () -> new SequenceLedger().loadJson("{\"w\": [1]}"));
        assertEquals(true, j.getMessage().contains("[1]"), j.getMessage());
    }
}
