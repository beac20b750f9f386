package dev.capscope.app.ui.snapshot;

import dev.capscope.app.ui.diff.SnapshotFileDiffs;
import dev.capscope.app.ui.sources.SourceRef;
import dev.capscope.app.ui.task.FxTaskRunner;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.CapscopePage;
import dev.capscope.app.ui.testing.SnapshotFiles;
import dev.capscope.app.ui.testing.TestSpaces;
import dev.capscope.core.diff.DiffEngine;
import dev.capscope.core.diff.DiffResult;
import dev.capscope.core.diff.DiffStatus;
import dev.capscope.core.diff.MatchKey;
import dev.capscope.core.diff.StatusCounts;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.snapshot.SnapshotReader;
import dev.capscope.core.testing.InMemoryTarget;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Take -> save -> reopen offline, the diff window on the sample snapshots, a corrupt file. */
@ExtendWith(ApplicationExtension.class)
class SnapshotWorkflowWindowTest {
    static final String URI = "memory:log_client";
    @TempDir
    Path tmp;
    private CapscopeHarness h;

    @Start
    void start(Stage stage) {
        InMemoryTarget target = new InMemoryTarget(URI, "in-memory Fiasco.OC model", "genode-foc-19")
                .addTask(TestSpaces.logClient().build());
        h = new CapscopeHarness(new FxTaskRunner(), SnapshotFiles.REAL);
        h.targets.put(URI, () -> target);
        h.show(stage);
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void takeSaveAndReopenOffline(FxRobot robot) throws Exception {
        CapscopePage page = new CapscopePage(robot);
        page.interact(() -> h.vm.attachTo(URI)).waitForTree();
        Path file = tmp.resolve("taken.json");
        h.dialogs.saveFiles.add(file);
        page.interact(() -> h.vm.snapshots().take());
        page.waitUntil(() -> h.vm.sources().snapshots().size() == 1 && h.vm.sources().snapshots().get(0).file() != null);
        assertTrue(Files.isRegularFile(file));
        Snapshot saved = SnapshotReader.read(file);
        assertEquals(TestSpaces.TASK, saved.meta().task());
        assertTrue(saved.meta().name().startsWith(TestSpaces.TASK + "-"), saved.meta().name());

        // reopen offline: the same tree, map and details as live
        int liveAreas = page.areaTitles().size();
        page.interact(() -> h.vm.openSnapshotFile(file));
        page.waitUntil(() -> h.vm.shown() instanceof SourceRef.SnapshotRef r && file.equals(r.source().file()));
        page.waitForTree();
        assertEquals(liveAreas, page.areaTitles().size(), page.areaTitles().toString());
        int log = saved.space().capMap().stream().filter(e -> "LOG".equals(e.semantics().rpcInterface()))
                .findFirst().orElseThrow().index();
        page.select(dev.capscope.app.ui.model.Row.selectorKey(log));
        assertEquals("LOG", page.detail("interface").orElseThrow());
        // the timeline of the task holds the taken and the reopened snapshot
        page.waitUntil(() -> h.vm.workflow().timeline().entries().size() == 2);
        assertTrue(h.dialogs.errors().isEmpty(), h.dialogs.errors().toString());
    }

    @Test
    void diffOfTheTwoSampleSnapshotsShowsTheCoresCounts(FxRobot robot) {
        CapscopePage page = new CapscopePage(robot);
        SnapshotFileDiffs.Opened opened = SnapshotFileDiffs.open(page, h, SnapshotFiles.sample("log-client.json"),
                SnapshotFiles.sample("log-client-after.json"));
        // every area title (with its counts) shows whole in the first column, none cut off with "…"
        page.interact(() -> h.vm.workflow().openDiffs().get(0).changesOnlyProperty().set(false));
        page.waitForDiff();
        List<String[]> titles = page.fx(() -> {
            var tree = page.diffView().tree();
            tree.layout();
            List<String[]> shown = new java.util.ArrayList<>();
            for (javafx.scene.Node n : tree.lookupAll(".tree-table-cell")) {
                if (n instanceof javafx.scene.control.TreeTableCell<?, ?> c && c.getTableColumn() != null
                        && "diffColSelector".equals(c.getTableColumn().getId()) && c.getTableRow() != null
                        && c.getTableRow().getItem() instanceof dev.capscope.app.ui.diff.DiffRow r && r.isGroup()) {
                    // the title is a text node that runs on over the empty cells beside it, never cut
                    String rendered = c.getGraphic() instanceof javafx.scene.text.Text t ? t.getText() : c.getText();
                    shown.add(new String[] {r.title(), rendered});
                }
            }
            return shown;
        });
        assertTrue(titles.size() >= 3, "area rows shown: " + titles.size());
        titles.forEach(t -> assertEquals(t[0], t[1], "area title cut off"));

        DiffResult expected = DiffEngine.forProfile(ProfileRegistry.builtin().get("genode-foc-19"))
                .compare(opened.before().snapshot().space(), opened.after().snapshot().space(), MatchKey.SELECTOR);
        Map<String, StatusCounts> shown = page.diffCounts();
        assertEquals(expected.slotTotals(), shown.get("all slots"));
        assertEquals(expected.capMapTotals(), shown.get("cap-map entries"));
        expected.slotsByKind().forEach((k, c) -> assertEquals(c, shown.get(k.kernelName()), k.kernelName()));
        assertTrue(page.diffSummary().startsWith(expected.differenceCount() + " difference(s)"), page.diffSummary());
        // every changed slot is in the tree with its mark
        expected.slotChanges().forEach(d -> {
            String want = d.status().name().toLowerCase();
            String got = page.diffRowStatus(d.selector());
            assertTrue(got != null && (got.equals(want) || d.status() == DiffStatus.REBOUND || got.equals("changed")),
                    "selector " + d.selector() + ": " + got + " vs " + want);
        });
        var first = expected.slotChanges().stream().filter(d -> d.status() == DiffStatus.CHANGED).findFirst()
                .or(() -> expected.slotChanges().stream().findFirst()).orElseThrow();
        assertTrue(page.diffDetailsOf(first.selector()).stream().anyMatch(dev.capscope.app.ui.diff.FieldRow::changed));
        // swap baseline: added and removed trade places
        page.click("#diffSwapButton").waitForDiff();
        String base = page.fx(() -> String.valueOf(h.vm.workflow().openDiffs().get(0).baselineProperty().get()));
        assertTrue(base.contains("log-client-after"), base);
        page.waitUntil(() -> page.diffCounts().get("all slots").added() == expected.slotTotals().removed());
        assertEquals(expected.slotTotals().added(), page.diffCounts().get("all slots").removed());
    }

    @Test
    void aMissingFileIsCalledMissingAndNamedOnce(FxRobot robot) {
        CapscopePage page = new CapscopePage(robot);
        Path missing = tmp.resolve("nope.json");
        page.interact(() -> h.vm.openSnapshotFile(missing));
        page.waitUntil(() -> !h.dialogs.errors().isEmpty());
        assertEquals("Cannot open snapshot: " + missing + ": no such file. Check the path and the file name.",
                h.dialogs.errors().get(0));
    }

    @Test
    void aCorruptFileShowsAnErrorNamingTheProblemAndTheAppKeepsWorking(FxRobot robot) throws Exception {
        CapscopePage page = new CapscopePage(robot);
        Path bad = tmp.resolve("corrupt.json");
        Files.writeString(bad, "{\n  \"meta\": {\n    \"schema\": 99\n  }\n}\n");
        page.interact(() -> h.vm.openSnapshotFile(bad));
        page.waitUntil(() -> !h.dialogs.errors().isEmpty());
        String err = h.dialogs.errors().get(0);
        assertTrue(err.startsWith("Cannot open snapshot") && err.contains("corrupt.json"), err);
        assertTrue(err.contains("line") || err.contains("schema"), err);
        assertEquals(err.indexOf("corrupt.json"), err.lastIndexOf("corrupt.json"), "the file named once: " + err);
        assertFalse(err.contains("Exception"), err);
        page.interact(() -> h.vm.openSnapshotFile(SnapshotFiles.sample("log-client.json")));
        page.waitForTree();
        assertTrue(page.areaTitles().stream().anyMatch(t -> t.startsWith("component area")), page.areaTitles().toString());
    }
}
