package dev.capscope.core.diff;

import dev.capscope.core.model.Snapshot;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.testing.SampleSnapshots;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Diffs of the shipped samples, the pairs the CLI demo uses. */
class SampleDiffTest {

    @Test
    void everySampleEqualsItselfUnderBothKeys() {
        for (Snapshot s : SampleSnapshots.all().values()) {
            DiffEngine engine = DiffEngine.forProfile(ProfileRegistry.builtin().get(s.meta().profile()));
            for (MatchKey key : MatchKey.values()) {
                assertTrue(engine.compare(s.space(), s.space(), key).isEmpty(), s.meta().name() + " " + key);
            }
        }
    }

    @Test
    void logClientAfterShowsTheDocumentedChanges() {
        DiffResult r = DiffEngine.diff(SampleSnapshots.logClient().space(), SampleSnapshots.logClientAfter().space(),
                MatchKey.BADGE);
        assertTrue(r.hasChanges());
        // ROM "binary" at 0x303 closed and a Report session opened at 0x303 with a new badge: in place,
        // the meaning changed, so the entry is CHANGED (not REBOUND).
        CapMapDiff at303 = r.capMap().stream().filter(d -> d.index() == 0x303).findFirst().orElseThrow();
        assertEquals(DiffStatus.CHANGED, at303.status(), at303::toString);
        assertTrue(r.capMapTotals().added() >= 1, r.capMapTotals()::toString);
    }

    @Test
    void churnedFullSnapshotShowsRemovedChangedAndReboundEntries() {
        Snapshot s = SampleSnapshots.guiHeavy();
        assertTrue(s.space().slots().size() >= 1000);
        DiffEngine engine = DiffEngine.forProfile(ProfileRegistry.builtin().get(s.meta().profile()));
        DiffResult r = engine.compare(s.space(), dev.capscope.core.bench.DiffBenchmarks.churn(s.space()), MatchKey.BADGE);
        assertTrue(r.hasChanges());
        assertTrue(r.capMapTotals().removed() > 0 && r.capMapTotals().changed() > 0 && r.capMapTotals().rebound() > 0,
                r.capMapTotals()::toString);
    }
}
