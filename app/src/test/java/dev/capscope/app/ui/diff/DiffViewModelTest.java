package dev.capscope.app.ui.diff;

import dev.capscope.app.ui.service.CoreLintService;
import dev.capscope.app.ui.service.WalkService;
import dev.capscope.app.ui.sources.SnapshotSource;
import dev.capscope.app.ui.testing.DirectTaskRunner;
import dev.capscope.app.ui.testing.FakeDialogService;
import dev.capscope.app.ui.testing.SnapshotFiles;
import dev.capscope.core.diff.DiffEngine;
import dev.capscope.core.diff.DiffResult;
import dev.capscope.core.diff.DiffStatus;
import dev.capscope.core.diff.MatchKey;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.snapshot.SnapshotReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diff view model without a window: counts, rows, swap, match key, changes only, details, export. */
class DiffViewModelTest {
    @TempDir
    Path tmp;
    private final FakeDialogService dialogs = new FakeDialogService();
    private DiffViewModel vm;
    private Snapshot a;
    private Snapshot b;
    private DiffSide sa;
    private DiffSide sb;

    @BeforeEach
    void setUp() {
        a = SnapshotReader.read(SnapshotFiles.sample("log-client.json"));
        b = SnapshotReader.read(SnapshotFiles.sample("log-client-after.json"));
        sa = new DiffSide.OfSnapshot(new SnapshotSource(SnapshotFiles.sample("log-client.json"), a));
        sb = new DiffSide.OfSnapshot(new SnapshotSource(SnapshotFiles.sample("log-client-after.json"), b));
        vm = new DiffViewModel(new DirectTaskRunner(), dialogs,
                new DiffService(new WalkService(ProfileRegistry.builtin(), new CoreLintService())));
        vm.choices().setAll(sa, sb);
    }

    private DiffResult expected(Snapshot x, Snapshot y, MatchKey key) {
        return DiffEngine.forProfile(ProfileRegistry.builtin().get(y.meta().profile())).compare(x.space(), y.space(), key);
    }

    private Map<String, String> counts() {
        return vm.counts().stream().collect(Collectors.toMap(KindCount::what, k -> k.counts().toString()));
    }

    @Test
    void showsTheCountsOfTheCoresDiff() {
        vm.compare(sa, sb);
        DiffResult d = expected(a, b, MatchKey.SELECTOR);
        assertTrue(d.hasChanges());
        assertEquals(d.slotTotals(), vm.resultProperty().get().slotTotals());
        assertEquals(d.slotTotals().toString(), counts().get(KindCount.ALL_SLOTS));
        assertEquals(d.capMapTotals().toString(), counts().get(KindCount.CAP_MAP));
        d.slotsByKind().forEach((k, c) -> assertEquals(c.toString(), counts().get(k.kernelName()), k.toString()));
        assertTrue(vm.summaryProperty().get().startsWith(d.differenceCount() + " difference(s)"), vm.summaryProperty().get());
        // changes only: no unchanged row in the tree; every changed slot has its row
        vm.groupsProperty().get().forEach(g -> g.rows().forEach(r -> assertFalse(r.status() == DiffStatus.UNCHANGED)));
        long shown = vm.groupsProperty().get().stream().mapToLong(g -> g.rows().size()).sum();
        vm.changesOnlyProperty().set(false);
        long all = vm.groupsProperty().get().stream().mapToLong(g -> g.rows().size()).sum();
        assertTrue(all > shown, all + " > " + shown);
        assertEquals(vm.rows().size(), all);
    }

    @Test
    void swapTurnsAddedIntoRemovedAndMatchKeyRecompares() {
        vm.compare(sa, sb);
        var before = vm.resultProperty().get().slotTotals();
        vm.swap();
        assertEquals(sb, vm.baselineProperty().get());
        var swapped = vm.resultProperty().get().slotTotals();
        assertEquals(before.added(), swapped.removed());
        assertEquals(before.removed(), swapped.added());
        vm.matchKeyProperty().set(MatchKey.BADGE);
        assertEquals(MatchKey.BADGE, vm.resultProperty().get().matchKey());
        assertEquals(expected(b, a, MatchKey.BADGE).capMapTotals(), vm.resultProperty().get().capMapTotals());
    }

    @Test
    void selectingAChangedRowShowsFieldLevelBeforeAndAfter() {
        vm.compare(sa, sb);
        DiffRow changed = vm.rows().stream().filter(r -> r.status() != DiffStatus.UNCHANGED).findFirst().orElseThrow();
        vm.selectedProperty().set(changed);
        assertFalse(vm.details().isEmpty());
        assertTrue(vm.details().stream().anyMatch(FieldRow::changed), vm.details().toString());
        vm.selectSelector(changed.selector());
        assertEquals(changed.key(), vm.selectedProperty().get().key());
        assertNotNull(vm.mapProperty().get().status(changed.selector()));
    }

    @Test
    void exportsTextAndJsonAtomically() throws Exception {
        vm.compare(sa, sb);
        Path json = tmp.resolve("d.json");
        Path text = tmp.resolve("d.txt");
        dialogs.saveFiles.add(json);
        vm.exportJson();
        dialogs.saveFiles.add(text);
        vm.exportText();
        assertTrue(dialogs.errors().isEmpty(), dialogs.errors().toString());
        String j = Files.readString(json);
        dev.capscope.app.schema.JsonSchemas.assertValid("diff", j);
        assertTrue(j.contains("\"differences\"") && j.contains("\"matchKey\" : \"selector\""), j);
        String t = Files.readString(text);
        assertTrue(t.startsWith("diff snapshot log-client.json -> snapshot log-client-after.json"), t);
        try (var files = Files.list(tmp)) {
            assertEquals(2, files.count(), "no temp files left");
        }
    }
}
