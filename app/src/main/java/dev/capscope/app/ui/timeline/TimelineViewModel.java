package dev.capscope.app.ui.timeline;

import dev.capscope.app.ui.sources.SnapshotSource;
import dev.capscope.app.ui.task.BackgroundTask;
import dev.capscope.app.ui.task.TaskRunner;
import dev.capscope.core.diff.DiffEngine;
import dev.capscope.core.diff.DiffResult;
import dev.capscope.core.diff.MatchKey;
import dev.capscope.core.profile.LayoutProfile;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The snapshots of one task (taken in this session and opened ones of the same task) in time
 * order, each with a quick diff against the previous one (computed on the worker, cached).
 * "Diff with previous" opens the full diff of the selected entry and the one before it.
 */
public final class TimelineViewModel {
    private final TaskRunner runner;
    private final ObservableList<SnapshotSource> all;
    private final Function<String, LayoutProfile> profiles;
    private final BiConsumer<SnapshotSource, SnapshotSource> openDiff;
    private final StringProperty task = new SimpleStringProperty();
    private final ObservableList<TimelineEntry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<TimelineEntry> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("Timeline");
    private final Map<SnapshotSource, Map<SnapshotSource, String>> deltas = new IdentityHashMap<>();

    public TimelineViewModel(TaskRunner runner, ObservableList<SnapshotSource> all,
                             Function<String, LayoutProfile> profiles, BiConsumer<SnapshotSource, SnapshotSource> openDiff) {
        this.runner = runner;
        this.all = all;
        this.profiles = profiles;
        this.openDiff = openDiff;
        InvalidationListener l = o -> rebuild();
        all.addListener(l);
        task.addListener(l);
        rebuild();
    }

    /** The task whose timeline is shown (the shown source's task), or null for none. */
    public StringProperty taskProperty() {
        return task;
    }

    private List<SnapshotSource> ofTask() {
        String t = task.get();
        List<SnapshotSource> l = new ArrayList<>();
        for (SnapshotSource s : all) {
            if (t != null && t.equals(s.snapshot().meta().task())) l.add(s);
        }
        l.sort(Comparator.comparing(s -> s.snapshot().meta().takenAt()));
        return l;
    }

    private void rebuild() {
        List<SnapshotSource> l = ofTask();
        List<TimelineEntry> next = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            next.add(new TimelineEntry(l.get(i), i == 0 ? "" : deltaOf(l.get(i - 1), l.get(i))));
        }
        SnapshotSource sel = selected.get() == null ? null : selected.get().source();
        entries.setAll(next);
        selected.set(next.stream().filter(e -> e.source() == sel).findFirst().orElse(null));
        heading.set(task.get() == null ? "Timeline (pick a task or snapshot)"
                : "Timeline of " + task.get() + " (" + l.size() + " snapshot" + (l.size() == 1 ? ")" : "s)"));
    }

    /** The cached quick diff, or "…" after starting it on the worker. */
    private String deltaOf(SnapshotSource a, SnapshotSource b) {
        Map<SnapshotSource, String> m = deltas.computeIfAbsent(a, k -> new IdentityHashMap<>());
        String d = m.get(b);
        if (d != null) return d;
        m.put(b, "…");
        LayoutProfile p = profiles.apply(b.snapshot().meta().profile());
        BackgroundTask.wrap("timeline diff", () -> quick(DiffEngine.forProfile(p)
                        .compare(a.snapshot().space(), b.snapshot().space(), MatchKey.SELECTOR)))
                .onSuccess(text -> {
                    m.put(b, text);
                    rebuild();
                })
                .onFailure(e -> m.put(b, "cannot compare: " + e.getMessage()))
                .executeWith(runner);
        return "…";
    }

    /** "+1 −1 ~0 rebound 0" over slots and cap-map entries, or "no differences". */
    public static String quick(DiffResult d) {
        if (d.isEmpty()) return "no differences";
        var s = d.slotTotals();
        var c = d.capMapTotals();
        return "slots +" + s.added() + " −" + s.removed() + " ~" + s.changed() + " ⇄" + s.rebound()
                + " · entries +" + c.added() + " −" + c.removed() + " ~" + c.changed() + " ⇄" + c.rebound();
    }

    /** Opens the full diff of the selected entry against the one before it. */
    public void diffWithPrevious() {
        TimelineEntry e = selected.get();
        int i = e == null ? -1 : entries.indexOf(e);
        if (i > 0) {
            openDiff.accept(entries.get(i - 1).source(), e.source());
        } else if (entries.size() >= 2) {
            openDiff.accept(entries.get(entries.size() - 2).source(), entries.get(entries.size() - 1).source());
        }
    }

    public ObservableList<TimelineEntry> entries() { return entries; }
    public ObjectProperty<TimelineEntry> selectedProperty() { return selected; }
    public ReadOnlyStringProperty headingProperty() { return heading.getReadOnlyProperty(); }
}
