package dev.capscope.app.ui.diff;

import dev.capscope.app.ui.service.DialogService;
import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.task.BackgroundTask;
import dev.capscope.app.ui.task.TaskRunner;
import dev.capscope.core.diff.DiffEngine;
import dev.capscope.core.diff.DiffResult;
import dev.capscope.core.diff.MatchKey;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;

/**
 * The diff view's state and commands: the two sides (any open snapshot or live task), match key,
 * changes-only filter, swap; the result as rows grouped by area, per-kind counts, the diff map
 * and the field-level details of the selected row; export as text or JSON. Reading the sides
 * (walking live ones) and comparing run on the worker; a newer request wins over an older one.
 */
public final class DiffViewModel {
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final DiffService service;
    private final ObservableList<DiffSide> choices = FXCollections.observableArrayList();
    private final ObjectProperty<DiffSide> baseline = new SimpleObjectProperty<>();
    private final ObjectProperty<DiffSide> after = new SimpleObjectProperty<>();
    private final ObjectProperty<MatchKey> matchKey = new SimpleObjectProperty<>(MatchKey.SELECTOR);
    private final BooleanProperty changesOnly = new SimpleBooleanProperty(true);
    private final javafx.beans.property.StringProperty filterText = new javafx.beans.property.SimpleStringProperty("");
    private final ReadOnlyStringWrapper filterMatches = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<DiffResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<DiffRows.Group>> groups = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<DiffMapModel> map = new ReadOnlyObjectWrapper<>(DiffMapModel.EMPTY);
    private final ObservableList<KindCount> counts = FXCollections.observableArrayList();
    private final ObjectProperty<DiffRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<FieldRow> details = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Pick a baseline and a source to compare");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Diff");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private DiffService.Resolved resolvedBaseline;
    private DiffService.Resolved resolvedAfter;
    private List<DiffRow> rows = List.of();
    private boolean suspended;
    private int request;

    public DiffViewModel(TaskRunner runner, DialogService dialogs, DiffService service) {
        this.runner = runner;
        this.dialogs = dialogs;
        this.service = service;
        baseline.addListener((o, a, b) -> reload());
        after.addListener((o, a, b) -> reload());
        matchKey.addListener((o, a, b) -> recompare());
        changesOnly.addListener((o, a, b) -> publishRows());
        filterText.addListener((o, a, b) -> publishRows());
        selected.addListener((o, a, b) -> details.setAll(DiffDetails.of(b)));
    }

    // ---- commands ------------------------------------------------------------------------------

    /** Sets both sides at once and compares. */
    public void compare(DiffSide base, DiffSide other) {
        suspended = true;
        try {
            baseline.set(base);
            after.set(other);
        } finally {
            suspended = false;
        }
        reload();
    }

    /** Reads both sides again (walks live ones) and compares. */
    public void reload() {
        if (suspended || baseline.get() == null || after.get() == null) return;
        DiffService.Request a = request(baseline.get());
        DiffService.Request b = request(after.get());
        int id = ++request;
        busy.set(true);
        summary.set("comparing " + a.side().title() + " with " + b.side().title() + " …");
        BackgroundTask.wrapWithProgress("diff", p -> {
                    DiffService.Resolved ra = service.resolve(a, p);
                    DiffService.Resolved rb = service.resolve(b, p);
                    return new Computed(ra, rb, service.compare(ra, rb, matchKey.get()));
                })
                .onSuccess(c -> {
                    if (id != request) return;
                    resolvedBaseline = c.baseline;
                    resolvedAfter = c.after;
                    show(c.diff);
                })
                .onFailure(e -> failed(id, e))
                .onFinished(() -> { if (id == request) busy.set(false); })
                .onLane(lane(a.side(), b.side()))
                .executeWith(runner);
    }

    /** A live side is walked on its target's lane; two snapshots are compared on the files lane. */
    private static String lane(DiffSide a, DiffSide b) {
        DiffSide live = a instanceof DiffSide.OfLive ? a : b instanceof DiffSide.OfLive ? b : null;
        return live == null ? dev.capscope.app.ui.task.Lanes.FILES
                : dev.capscope.app.ui.task.Lanes.target(((DiffSide.OfLive) live).target().endpoint());
    }

    /** Baseline becomes after and vice versa (no walk; compares the spaces already read). */
    public void swap() {
        suspended = true;
        try {
            DiffSide a = baseline.get();
            baseline.set(after.get());
            after.set(a);
        } finally {
            suspended = false;
        }
        DiffService.Resolved r = resolvedBaseline;
        resolvedBaseline = resolvedAfter;
        resolvedAfter = r;
        recompare();
    }

    /** Compares the spaces already read again (after a match-key change or a swap). */
    private void recompare() {
        if (resolvedBaseline == null || resolvedAfter == null) {
            reload();
            return;
        }
        DiffService.Resolved a = resolvedBaseline;
        DiffService.Resolved b = resolvedAfter;
        MatchKey key = matchKey.get();
        int id = ++request;
        busy.set(true);
        BackgroundTask.wrap("diff", () -> service.compare(a, b, key))
                .onSuccess(d -> { if (id == request) show(d); })
                .onFailure(e -> failed(id, e))
                .onFinished(() -> { if (id == request) busy.set(false); })
                .executeWith(runner);
    }

    public void exportText() {
        export("txt", false);
    }

    public void exportJson() {
        export("json", true);
    }

    private void export(String ext, boolean json) {
        DiffResult d = result.get();
        if (d == null) {
            dialogs.showError("Export diff", "There is no diff to export yet.", "Pick both sides and wait for the comparison.");
            return;
        }
        String a = resolvedBaseline.title();
        String b = resolvedAfter.title();
        dialogs.chooseFileToSave("Export diff as " + (json ? "JSON" : "text"), "diff." + ext).ifPresent(file ->
                BackgroundTask.wrap("export diff", () -> {
                            DiffService.writeAtomically(file, json ? DiffService.json(d, a, b) : DiffService.text(d, a, b));
                            return file;
                        })
                        .onSuccess(f -> summary.set(summaryText(d) + " · exported to " + f.getFileName()))
                        .onFailure(e -> {
                            var t = dev.capscope.app.ui.service.FileErrors.writing(file, e,
                                    "Choose another folder or file name and export again.");
                            dialogs.showError("Cannot export the diff", t.whatHappened(), t.whatToDo());
                        })
                        .executeWith(runner));
    }

    /** Selects the row at a selector (a click on the diff map). */
    public void selectSelector(int sel) {
        for (DiffRow r : rows) {
            if (r.selector() == sel) {
                if (changesOnly.get() && r.status() == dev.capscope.core.diff.DiffStatus.UNCHANGED) {
                    changesOnly.set(false);
                }
                if (!DiffRowFilter.of(filterText.get()).test(r)) filterText.set("");
                selected.set(r);
                return;
            }
        }
    }

    // ---- publishing ----------------------------------------------------------------------------

    private record Computed(DiffService.Resolved baseline, DiffService.Resolved after, DiffResult diff) {
    }

    private void show(DiffResult d) {
        result.set(d);
        rows = DiffRows.rows(d);
        DiffEngine engine = DiffEngine.forProfile(resolvedAfter.profile());
        map.set(new DiffMapModel(rows, engine::areaOf));
        counts.setAll(KindCount.of(d));
        title.set("Diff: " + resolvedBaseline.title() + " → " + resolvedAfter.title());
        summary.set(summaryText(d));
        publishRows();
    }

    private void publishRows() {
        String key = selected.get() == null ? null : selected.get().key();
        DiffRowFilter filter = DiffRowFilter.of(filterText.get());
        List<DiffRows.Group> shown = DiffRows.groups(rows, changesOnly.get(), filter);
        groups.set(shown);
        int n = shown.stream().mapToInt(g -> g.rows().size()).sum();
        filterMatches.set(filter.isAll() ? "" : n == 0 ? "no match" : n + (n == 1 ? " match" : " matches"));
        DiffRow again = key == null ? null : rows.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
        selected.set(again);
        details.setAll(DiffDetails.of(again));
    }

    static String summaryText(DiffResult d) {
        String n = d.isEmpty() ? "no differences" : d.differenceCount() + " difference(s)";
        return n + " (match by " + d.matchKey().name().toLowerCase() + ") · slots " + d.slotTotals()
                + " · cap map " + d.capMapTotals();
    }

    private void failed(int id, Throwable e) {
        if (id != request) return;
        summary.set("The comparison failed: " + message(e));
        dialogs.showError("Cannot compare", message(e),
                "Reconnect the target (Ctrl+R) or pick other sources, then compare again (F5 in the diff window).");
    }

    private DiffService.Request request(DiffSide side) {
        if (side instanceof DiffSide.OfSnapshot s) {
            return new DiffService.Request(side, s.source().snapshot().space(), s.source().snapshot().meta().profile(),
                    null, null);
        }
        DiffSide.OfLive l = (DiffSide.OfLive) side;
        LiveTarget t = l.target();
        boolean up = t.stateProperty().get() == LiveTarget.State.CONNECTED;
        String profile = t.infoProperty().get() == null ? null : t.infoProperty().get().profile();
        return new DiffService.Request(side, null, null, up ? t.target() : null, profile);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    // ---- state ---------------------------------------------------------------------------------

    public ObservableList<DiffSide> choices() { return choices; }
    public ObjectProperty<DiffSide> baselineProperty() { return baseline; }
    public ObjectProperty<DiffSide> afterProperty() { return after; }
    public ObjectProperty<MatchKey> matchKeyProperty() { return matchKey; }
    public BooleanProperty changesOnlyProperty() { return changesOnly; }
    /** The filter field's text (the main window's language: selector, badge, obj:ID, any text). */
    public javafx.beans.property.StringProperty filterTextProperty() { return filterText; }
    /** "N matches" while filtering, "" otherwise. */
    public ReadOnlyStringProperty filterMatchesProperty() { return filterMatches.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<DiffResult> resultProperty() { return result.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<List<DiffRows.Group>> groupsProperty() { return groups.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<DiffMapModel> mapProperty() { return map.getReadOnlyProperty(); }
    public ObservableList<KindCount> counts() { return counts; }
    public ObjectProperty<DiffRow> selectedProperty() { return selected; }
    public ObservableList<FieldRow> details() { return details; }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public List<DiffRow> rows() { return rows; }
}
