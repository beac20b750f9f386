package dev.capscope.app.ui.tree;

import dev.capscope.app.ui.model.Grouping;
import dev.capscope.app.ui.model.Leaf;
import dev.capscope.app.ui.model.LiveMarks;
import dev.capscope.app.ui.model.MapModel;
import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.model.RowFilter;
import dev.capscope.app.ui.model.RowNode;
import dev.capscope.app.ui.model.RowStatus;
import dev.capscope.app.ui.model.RowTreeBuilder;
import dev.capscope.core.model.CapSpace;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * State of the cap-space tree and the occupancy map for the space on screen: grouping, empty
 * slots, filter, selection (by row key, so it survives refreshes), live marks. Every change
 * publishes a new {@link RowNode} tree that the view reconciles by key.
 *
 * <p>A fresh walk is turned into a {@link Frame} (rows, live marks, filtered tree, row index, map
 * model) by {@link #prepare} on the background worker; {@link #apply} on the UI thread then only
 * swaps it in, so the UI thread's share of a walk is the keyed tree update and the map redraw.
 * {@link #show} does both at once (snapshots, tests).
 */
public final class CapTreeViewModel {
    private final ReadOnlyObjectWrapper<CapSpace> space = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RowTreeBuilder> builder = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Grouping> grouping = new SimpleObjectProperty<>(Grouping.BY_INTERFACE);
    private final BooleanProperty showEmpty = new SimpleBooleanProperty(false);
    private final StringProperty filterText = new SimpleStringProperty("");
    /** What "Holders…" in the context menu does with a selector (the main view model sets it). */
    private java.util.function.IntConsumer holdersRequest = selector -> { };
    private final StringProperty selectedKey = new SimpleStringProperty();
    private final ReadOnlyObjectWrapper<Row> selectedRow = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper selectedSelector = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<RowNode> tree = new ReadOnlyObjectWrapper<>(new RowNode(
            Row.group("root", dev.capscope.app.ui.model.RowKind.AREA, null, "", ""), List.of()));
    private final ReadOnlyObjectWrapper<MapModel> map = new ReadOnlyObjectWrapper<>(MapModel.EMPTY);
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper matches = new ReadOnlyIntegerWrapper();
    /** Position (1-based) of the row Find next last selected among the matches; 0 when none. */
    private final javafx.beans.property.IntegerProperty findPosition = new javafx.beans.property.SimpleIntegerProperty();
    /** Replaced (never mutated by a walk in flight) when a prepared frame is applied. */
    private volatile LiveMarks marks;
    private Map<Integer, List<String>> lint = Map.of();
    private List<Leaf> leaves = List.of();
    private Map<String, Row> rowsByKey = new HashMap<>();
    /** The view settings as last read on the UI thread, for the worker (volatile: read there). */
    private volatile Settings settings = new Settings(Grouping.BY_INTERFACE, false, "");

    /** Grouping, empty slots, filter: what a prepared frame was built for. */
    public record Settings(Grouping grouping, boolean showEmpty, String filterText) {
    }

    /**
     * A walk made ready for the screen (immutable once built): its leaves, the live marks after it,
     * the filtered tree with its row index, the map model and the counts.
     */
    public record Frame(CapSpace space, RowTreeBuilder builder, Map<Integer, List<String>> lint, Settings settings,
                        List<Leaf> leaves, LiveMarks marks, RowNode root, Map<String, Row> rowsByKey,
                        MapModel map, String counts) {
    }

    public CapTreeViewModel(LiveMarks marks) {
        this.marks = marks;
        grouping.addListener((o, a, b) -> recomputeLeaves());
        showEmpty.addListener((o, a, b) -> recomputeLeaves());
        filterText.addListener((o, a, b) -> {
            findPosition.set(0);
            publish();
        });
        selectedKey.addListener((o, a, b) -> updateSelection());
    }

    public CapTreeViewModel() {
        this(new LiveMarks());
    }

    /**
     * Shows a space. {@code sameSource} = a refresh of what is on screen (marks new/removed rows);
     * false = another source or the first load (no marks).
     */
    public void show(CapSpace newSpace, RowTreeBuilder newBuilder, Map<Integer, List<String>> newLint,
                     boolean sameSource, long now) {
        apply(prepare(newSpace, newBuilder, newLint, sameSource, now));
    }

    /**
     * Builds what {@link #show} would show, without changing anything on screen; safe on any thread
     * (the background worker, right after the walk). Uses the settings last seen on the UI thread.
     */
    public Frame prepare(CapSpace newSpace, RowTreeBuilder newBuilder, Map<Integer, List<String>> newLint,
                         boolean sameSource, long now) {
        Settings st = settings;
        Map<Integer, List<String>> l = newLint == null ? Map.of() : newLint;
        LiveMarks m = sameSource ? marks.copy() : marks.fresh();
        List<Leaf> ls = newSpace == null ? List.of() : newBuilder.leaves(newSpace, st.grouping(), st.showEmpty(), l);
        m.update(ls, now);
        return frame(newSpace, newBuilder, l, st, ls, m);
    }

    /** Puts a prepared frame on screen (UI thread). Rebuilds it here if the settings changed meanwhile. */
    public void apply(Frame f) {
        if (!f.settings().equals(currentSettings())) {
            if (f.settings().grouping() != grouping.get() || f.settings().showEmpty() != showEmpty.get()) {
                List<Leaf> ls = f.space() == null ? List.of()
                        : f.builder().leaves(f.space(), grouping.get(), showEmpty.get(), f.lint());
                f.marks().update(ls, Long.MIN_VALUE);
                f = frame(f.space(), f.builder(), f.lint(), currentSettings(), ls, f.marks());
            } else {
                f = frame(f.space(), f.builder(), f.lint(), currentSettings(), f.leaves(), f.marks());
            }
        }
        this.marks = f.marks();
        this.lint = f.lint();
        this.leaves = f.leaves();
        builder.set(f.builder());
        space.set(f.space());
        publish(f);
    }

    private Settings currentSettings() {
        Settings s = settings;
        if (s.grouping() != grouping.get() || s.showEmpty() != showEmpty.get()
                || !s.filterText().equals(filterText.get())) {
            s = new Settings(grouping.get(), showEmpty.get(), filterText.get());
            settings = s;
        }
        return s;
    }

    /** Re-interprets the space under another profile (no walk needed). */
    public void reinterpret(RowTreeBuilder newBuilder) {
        builder.set(newBuilder);
        recomputeLeaves();
    }

    public void clear() {
        marks = marks.fresh();
        space.set(null);
        leaves = List.of();
        publish();
    }

    /** Called periodically: drops expired flashes and ghosts. */
    public void tick(long now) {
        if (marks.expire(now)) {
            publish();
        }
    }

    private void recomputeLeaves() {
        CapSpace s = space.get();
        Settings st = currentSettings();
        leaves = s == null || builder.get() == null ? List.of()
                : builder.get().leaves(s, st.grouping(), st.showEmpty(), lint);
        publish();
    }

    private void publish() {
        publish(frame(space.get(), builder.get(), lint, currentSettings(), leaves, marks));
    }

    /** Marks, filter, tree, index and map of some leaves: pure, runs on any thread. */
    private static Frame frame(CapSpace s, RowTreeBuilder b, Map<Integer, List<String>> lint, Settings st,
                               List<Leaf> leaves, LiveMarks marks) {
        List<Leaf> shown = marks.decorate(leaves);
        RowFilter filter = RowFilter.of(st.filterText());
        RowNode root = RowTreeBuilder.assemble(shown, filter);
        Map<String, Row> index = new HashMap<>(leaves.size() * 2 + 64);
        index(root, index);
        MapModel m = MapModel.EMPTY;
        String c = "";
        if (s != null && b != null) {
            java.util.BitSet hit = new java.util.BitSet();
            if (!filter.isAll()) {
                for (Leaf l : shown) {
                    if (filter.test(l.row())) hit.set(l.row().selector());
                }
            }
            m = new MapModel(s, b::roleOf, filter.isAll() ? null : hit::get, b.profile().allocatorTracked());
            for (Leaf l : shown) {
                if (l.row().status() != RowStatus.NORMAL) {
                    m.mark(l.row().selector(), l.row().status());
                }
            }
            int t = s.threads().size();
            c = s.slots().size() + " caps · " + s.capMap().size() + " entries · " + t + (t == 1 ? " thread" : " threads");
        }
        return new Frame(s, b, lint, st, leaves, marks, root, index, m, c);
    }

    private void publish(Frame f) {
        rowsByKey = f.rowsByKey();
        matches.set(f.root().leafCount());
        tree.set(f.root());
        map.set(f.map());
        counts.set(f.counts());
        updateSelection();
    }

    private static void index(RowNode n, Map<String, Row> into) {
        into.put(n.row().key(), n.row());
        for (RowNode c : n.children()) {
            index(c, into);
        }
    }

    private void updateSelection() {
        Row r = selectedKey.get() == null ? null : rowsByKey.get(selectedKey.get());
        selectedRow.set(r);
        selectedSelector.set(r == null ? -1 : r.selector());
    }

    public void onHoldersRequested(java.util.function.IntConsumer action) {
        holdersRequest = java.util.Objects.requireNonNull(action, "action");
    }

    /** Asks for the holders of the object at a selector, across all tasks of its source. */
    public void requestHolders(int selector) {
        holdersRequest.accept(selector);
    }

    /** Selects a selector's row (map click); clears the filter if the row is filtered out. */
    public void selectSelector(int selector) {
        String key = Row.selectorKey(selector);
        if (!rowsByKey.containsKey(key) && !filterText.get().isEmpty()) {
            filterText.set("");
        }
        if (!rowsByKey.containsKey(key) && !showEmpty.get()) {
            selectedKey.set(null);
            selectedSelector.set(selector);
            return;
        }
        selectedKey.set(key);
    }

    public Row row(String key) {
        return rowsByKey.get(key);
    }

    public ReadOnlyObjectProperty<CapSpace> spaceProperty() { return space.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<RowTreeBuilder> builderProperty() { return builder.getReadOnlyProperty(); }
    public ObjectProperty<Grouping> groupingProperty() { return grouping; }
    public BooleanProperty showEmptyProperty() { return showEmpty; }
    public StringProperty filterTextProperty() { return filterText; }
    public StringProperty selectedKeyProperty() { return selectedKey; }
    public ReadOnlyObjectProperty<Row> selectedRowProperty() { return selectedRow.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty selectedSelectorProperty() { return selectedSelector.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<RowNode> treeProperty() { return tree.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<MapModel> mapProperty() { return map.getReadOnlyProperty(); }
    public ReadOnlyStringProperty countsProperty() { return counts.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty matchesProperty() { return matches.getReadOnlyProperty(); }
    public javafx.beans.property.IntegerProperty findPositionProperty() { return findPosition; }
    public Map<Integer, List<String>> lint() { return lint; }
}
