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
 */
public final class CapTreeViewModel {
    private final ReadOnlyObjectWrapper<CapSpace> space = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RowTreeBuilder> builder = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Grouping> grouping = new SimpleObjectProperty<>(Grouping.BY_INTERFACE);
    private final BooleanProperty showEmpty = new SimpleBooleanProperty(false);
    private final StringProperty filterText = new SimpleStringProperty("");
    private final StringProperty selectedKey = new SimpleStringProperty();
    private final ReadOnlyObjectWrapper<Row> selectedRow = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper selectedSelector = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<RowNode> tree = new ReadOnlyObjectWrapper<>(new RowNode(
            Row.group("root", dev.capscope.app.ui.model.RowKind.AREA, null, "", ""), List.of()));
    private final ReadOnlyObjectWrapper<MapModel> map = new ReadOnlyObjectWrapper<>(MapModel.EMPTY);
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper matches = new ReadOnlyIntegerWrapper();
    private final LiveMarks marks;
    private Map<Integer, List<String>> lint = Map.of();
    private List<Leaf> leaves = List.of();
    private final Map<String, Row> rowsByKey = new HashMap<>();

    public CapTreeViewModel(LiveMarks marks) {
        this.marks = marks;
        grouping.addListener((o, a, b) -> recomputeLeaves());
        showEmpty.addListener((o, a, b) -> recomputeLeaves());
        filterText.addListener((o, a, b) -> publish());
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
        if (!sameSource) {
            marks.reset();
        }
        this.lint = newLint == null ? Map.of() : newLint;
        builder.set(newBuilder);
        space.set(newSpace);
        leaves = newSpace == null ? List.of() : newBuilder.leaves(newSpace, grouping.get(), showEmpty.get(), lint);
        marks.update(leaves, now);
        publish();
    }

    /** Re-interprets the space under another profile (no walk needed). */
    public void reinterpret(RowTreeBuilder newBuilder) {
        builder.set(newBuilder);
        recomputeLeaves();
    }

    public void clear() {
        marks.reset();
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
        leaves = s == null || builder.get() == null ? List.of()
                : builder.get().leaves(s, grouping.get(), showEmpty.get(), lint);
        publish();
    }

    private void publish() {
        List<Leaf> shown = marks.decorate(leaves);
        RowFilter filter = RowFilter.of(filterText.get());
        RowNode root = RowTreeBuilder.assemble(shown, filter);
        rowsByKey.clear();
        index(root);
        matches.set(root.leafCount());
        tree.set(root);
        CapSpace s = space.get();
        if (s != null && builder.get() != null) {
            java.util.BitSet hit = new java.util.BitSet();
            if (!filter.isAll()) {
                for (Leaf l : shown) {
                    if (filter.test(l.row())) hit.set(l.row().selector());
                }
            }
            MapModel m = new MapModel(s, builder.get()::roleOf, filter.isAll() ? null : hit::get);
            for (Leaf l : shown) {
                if (l.row().status() != RowStatus.NORMAL) {
                    m.mark(l.row().selector(), l.row().status());
                }
            }
            map.set(m);
            counts.set(s.slots().size() + " valid caps · " + s.capMap().size() + " cap-map entries · "
                    + s.threads().size() + " threads");
        } else {
            map.set(MapModel.EMPTY);
            counts.set("");
        }
        updateSelection();
    }

    private void index(RowNode n) {
        rowsByKey.put(n.row().key(), n.row());
        for (RowNode c : n.children()) {
            index(c);
        }
    }

    private void updateSelection() {
        Row r = selectedKey.get() == null ? null : rowsByKey.get(selectedKey.get());
        selectedRow.set(r);
        selectedSelector.set(r == null ? -1 : r.selector());
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
    public Map<Integer, List<String>> lint() { return lint; }
}
