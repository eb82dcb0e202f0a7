package io.coffer.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coffer.shared.TenantId;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** FD-34: an answer kept per tenant is used only while the tenant's access generation stays the one it was loaded at. */
class GenerationMemoTest {

    /** The generations of a database that is not there: set by the test; marks kept as in one transaction. */
    static final class Generations extends AccessGenerations {
        long now = 1;
        final Set<Object> marks = new HashSet<>();

        @Override
        public long ofThisTransaction(TenantId tenant) {
            return now;
        }

        @Override
        void mark(Object key) {
            marks.add(key);
        }

        @Override
        boolean marked(Object key) {
            return marks.contains(key);
        }
    }

    final Generations generations = new Generations();
    final GenerationMemo<String> memo = new GenerationMemo<>(generations, 2);
    final TenantId a = new TenantId(UUID.randomUUID());
    final TenantId b = new TenantId(UUID.randomUUID());
    final AtomicInteger loads = new AtomicInteger();

    String load() {
        return "answer " + loads.incrementAndGet();
    }

    @Test
    void fd34_theAnswerIsKeptWhileTheGenerationStaysAndLoadedAgainWhenItRises() {
        assertEquals("answer 1", memo.get(a, this::load));
        assertEquals("answer 1", memo.get(a, this::load), "kept");
        generations.now = 2;
        assertEquals("answer 2", memo.get(a, this::load), "a raised generation loads again");
        assertEquals("answer 2", memo.get(a, this::load));
        assertEquals("answer 3", memo.get(b, this::load), "per tenant");
        assertEquals(3, loads.get());
    }

    @Test
    void fd34_aLoadOfAnOlderGenerationNeverReplacesANewerAnswer() {
        generations.now = 5;
        memo.get(a, this::load); // kept at 5
        generations.now = 4; // a transaction that read its generation before the raise
        assertEquals("answer 2", memo.get(a, this::load), "not 5's answer for a transaction at 4");
        generations.now = 5;
        assertEquals("answer 1", memo.get(a, this::load), "5's answer stayed");
    }

    @Test
    void fd34_aTransactionThatChangedWhatTheAnswerRestsOnKeepsNothingItLoaded() {
        memo.changedInThisTransaction();
        assertEquals("answer 1", memo.get(a, this::load));
        assertEquals("answer 2", memo.get(a, this::load), "loaded again: it may see uncommitted changes");
        generations.marks.clear(); // the transaction ended (its commit raises the generation; a rollback does not)
        assertEquals("answer 3", memo.get(a, this::load), "nothing of that transaction was kept");
        assertEquals("answer 3", memo.get(a, this::load));
    }

    @Test
    void atMostCapacityTenantsAreKept_theLeastRecentlyUsedDroppedFirst() {
        TenantId c = new TenantId(UUID.randomUUID());
        memo.get(a, this::load);
        memo.get(b, this::load);
        memo.get(a, this::load); // a used last
        memo.get(c, this::load); // b dropped
        assertEquals("answer 1", memo.get(a, this::load));
        assertEquals("answer 4", memo.get(b, this::load), "b was dropped and loaded again");
    }
}
