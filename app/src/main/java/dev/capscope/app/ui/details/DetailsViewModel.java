package dev.capscope.app.ui.details;

import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.model.RowTreeBuilder;
import dev.capscope.app.ui.settings.NumberBase;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.ThreadInfo;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.SelectorRole;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything known about the selected row: selector, area and role under the profile, the slot
 * and its kernel object (also where else the space holds it), the cap-map entry and its
 * semantics, the thread, lint findings. Recomputed when the selection or the space changes.
 */
public final class DetailsViewModel {
    private final ObservableList<DetailItem> items = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("Nothing selected");
    private final ObservableValue<Row> selection;
    private final ObservableValue<CapSpace> space;
    private final ObservableValue<RowTreeBuilder> builder;
    private final ObservableValue<NumberBase> numbers;
    private final java.util.function.Supplier<Map<Integer, List<String>>> lint;

    public DetailsViewModel(ObservableValue<Row> selection, ObservableValue<CapSpace> space,
                            ObservableValue<RowTreeBuilder> builder) {
        this(selection, space, builder, new javafx.beans.property.SimpleObjectProperty<>(NumberBase.BOTH), Map::of);
    }

    /**
     * @param numbers how numbers are written (the window's setting)
     * @param lint    the shown space's lint findings by selector, for the task summary
     */
    public DetailsViewModel(ObservableValue<Row> selection, ObservableValue<CapSpace> space,
                            ObservableValue<RowTreeBuilder> builder, ObservableValue<NumberBase> numbers,
                            java.util.function.Supplier<Map<Integer, List<String>>> lint) {
        this.selection = selection;
        this.space = space;
        this.builder = builder;
        this.numbers = numbers;
        this.lint = lint;
        selection.addListener((o, a, b) -> update());
        space.addListener((o, a, b) -> update());
        numbers.addListener((o, a, b) -> update());
        update();
    }

    private void update() {
        Row r = selection.getValue();
        CapSpace s = space.getValue();
        RowTreeBuilder b = builder.getValue();
        NumberBase n = numbers.getValue();
        if (r == null && s != null && b != null) {
            heading.set("Task " + s.taskName());
            List<DetailItem> l = new ArrayList<>(summary(s, b, n));
            l.addAll(lintSummary(lint.get(), n));
            setItems(l);
            return;
        }
        if (r == null || s == null || b == null) {
            heading.set(r == null ? "Nothing selected" : r.title());
            setItems(r == null ? List.of() : groupItems(r));
            return;
        }
        if (!r.isSelector()) {
            heading.set(r.title());
            setItems(groupItems(r));
            return;
        }
        heading.set(n.format(r.selector()) + "  " + r.role());
        setItems(selectorItems(r, s, b, n));
    }

    private void setItems(List<DetailItem> next) {
        if (!items.equals(next)) {
            items.setAll(next);
        }
    }

    /** With nothing selected: the space as a whole. */
    static List<DetailItem> summary(CapSpace s, RowTreeBuilder b, NumberBase n) {
        List<DetailItem> l = new ArrayList<>();
        l.add(new DetailItem("Task", "name", s.taskName()));
        l.add(new DetailItem("Task", "generation", Long.toString(s.generation())));
        l.add(new DetailItem("Task", "threads", Integer.toString(s.threads().size())));
        l.add(new DetailItem("Space", "valid caps", Integer.toString(s.slots().size())));
        l.add(new DetailItem("Space", "kernel objects", Integer.toString(s.objects().size())));
        l.add(new DetailItem("Space", "cap-map entries", Integer.toString(s.capMap().size())));
        LayoutProfile p = b.profile();
        l.add(new DetailItem("Profile", "profile", p.name(), p.description()));
        l.add(new DetailItem("Profile", "PARENT_CAP", n.format(p.parentCap())));
        l.add(new DetailItem("Profile", "THREAD_AREA_BASE", n.format(p.threadAreaBase())
                + ", " + p.threadAreaSlot() + " slots per thread"));
        l.add(new DetailItem("Profile", "USER_BASE_CAP", n.format(p.userBaseCap())));
        l.add(new DetailItem("Profile", "allocator range", n.format(p.userBaseCap()) + " – "
                + n.format(p.lastAllocatorIndex()), "valid caps beyond it are anomalies"));
        return l;
    }

    /** The space's lint findings, each once (a finding is listed under every selector it names). */
    static List<DetailItem> lintSummary(Map<Integer, List<String>> bySelector, NumberBase n) {
        Map<String, List<Integer>> where = new java.util.LinkedHashMap<>();
        bySelector.forEach((sel, findings) -> findings.forEach(f -> where.computeIfAbsent(f, k -> new ArrayList<>()).add(sel)));
        List<DetailItem> l = new ArrayList<>();
        if (where.isEmpty()) {
            l.add(new DetailItem("Lint", "findings", "none"));
            return l;
        }
        l.add(new DetailItem("Lint", "findings", where.size() + " at " + bySelector.size() + " selector(s)",
                "Edit > Next anomaly (Ctrl+.) walks through them"));
        int i = 1;
        for (String finding : where.keySet()) {
            l.add(new DetailItem("Lint", "finding " + i++, finding)); // each names its selectors
        }
        return l;
    }

    private static List<DetailItem> groupItems(Row r) {
        List<DetailItem> l = new ArrayList<>();
        l.add(new DetailItem("Group", "name", r.title()));
        if (r.area() != null) l.add(new DetailItem("Group", "area", r.area().title()));
        if (!r.meaning().isEmpty()) l.add(new DetailItem("Group", "note", r.meaning()));
        return l;
    }

    static List<DetailItem> selectorItems(Row r, CapSpace s, RowTreeBuilder b, NumberBase n) {
        int sel = r.selector();
        List<DetailItem> l = new ArrayList<>();
        SelectorRole role = b.roleOf(sel);
        LayoutProfile p = b.profile();
        l.add(new DetailItem("Selector", "selector", n.format(sel)));
        l.add(new DetailItem("Selector", "kcap", dev.capscope.core.model.Selectors.formatKcap(sel), "selector << L4_CAP_SHIFT (12)"));
        l.add(new DetailItem("Selector", "area", role.area().title(), "under profile " + p.name()));
        l.add(new DetailItem("Selector", "role", role.role()));
        if (r.status().label().length() > 0) l.add(new DetailItem("Selector", "status", r.status().label()));
        Slot slot = s.slot(sel);
        if (slot == null) {
            l.add(new DetailItem("Slot", "valid", "no (l4_task_cap_valid = 0)"));
        } else {
            KernelObject o = s.object(slot.objectId());
            l.add(new DetailItem("Slot", "valid", "yes"));
            l.add(new DetailItem("Slot", "rights", slot.rights() + " (mask 0x" + Integer.toHexString(slot.rights().mask()) + ")",
                    "R 4, W 1, S 2, D 8; Genode maps RWS, the creator holds D"));
            l.add(new DetailItem("Slot", "role at walk time", slot.role()));
            l.add(new DetailItem("Kernel object", "kind", o.kind().kernelName(),
                    "as the kernel's debugger object reports it; 'unknown' is never guessed"));
            l.add(o.idKnown() ? new DetailItem("Kernel object", "object id", n.format(o.id()))
                    : new DetailItem("Kernel object", "object id", "unknown",
                            "the target reports no object ids (a kernel without the debugger object)"));
            if (o.label() != null) l.add(new DetailItem("Kernel object", "gate label", n.format(o.label()),
                    "in Genode the label is the badge (global capability id)"));
            List<String> others = new ArrayList<>();
            for (Slot other : s.slots()) {
                if (o.idKnown() && other.objectId() == o.id() && other.selector() != sel) others.add(n.format(other.selector()));
            }
            l.add(new DetailItem("Kernel object", "also held at", !o.idKnown() ? "unknown without object ids"
                    : others.isEmpty() ? "nowhere else in this task" : String.join(", ", others)));
        }
        CapMapEntry e = s.capMapEntry(sel);
        if (e != null) {
            l.add(new DetailItem("Cap map", "raw id", n.format(e.rawId())));
            l.add(new DetailItem("Cap map", "badge", e.hasBadge() ? n.format(e.rawId()) : "none (allocated without badge)"));
            l.add(new DetailItem("Cap map", "ref count", Integer.toString(e.refCount())));
            Semantics m = e.semantics();
            add(l, "Semantics", "interface", m.rpcInterface());
            add(l, "Semantics", "label", m.label());
            add(l, "Semantics", "args", m.args());
            add(l, "Semantics", "server", m.server());
            if (m.quota() != null) l.add(new DetailItem("Semantics", "quota", m.quota() + " bytes"));
        } else if (sel >= p.userBaseCap() && sel <= p.lastAllocatorIndex()) {
            l.add(new DetailItem("Cap map", "entry", "none"));
        }
        if (role.isThreadSlot()) {
            ThreadInfo t = s.threads().stream().filter(x -> x.index() == role.threadIndex()).findFirst().orElse(null);
            l.add(new DetailItem("Thread", "index", Integer.toString(role.threadIndex())));
            l.add(new DetailItem("Thread", "slot", role.threadSlot()));
            if (t != null) {
                l.add(new DetailItem("Thread", "name", t.name()));
                l.add(new DetailItem("Thread", "state", t.state()));
            }
        }
        int i = 1;
        for (String f : r.lint()) {
            l.add(new DetailItem("Lint", "finding " + i++, f));
        }
        if (r.lint().isEmpty()) l.add(new DetailItem("Lint", "findings", "none"));
        return l;
    }

    private static void add(List<DetailItem> l, String cat, String name, String value) {
        if (value != null && !value.isEmpty()) l.add(new DetailItem(cat, name, value));
    }

    /** Every line as text for the clipboard: the heading, then each category with its lines. */
    public String allAsText() {
        StringBuilder b = new StringBuilder(heading.get()).append('\n');
        String category = null;
        for (DetailItem d : items) {
            if (!d.category().equals(category)) {
                category = d.category();
                b.append(category).append('\n');
            }
            b.append("  ").append(d.name()).append(": ").append(d.value()).append('\n');
        }
        return b.toString();
    }

    /** Some lines as "name: value", one a line. */
    public static String linesAsText(List<DetailItem> lines) {
        StringBuilder b = new StringBuilder();
        for (DetailItem d : lines) {
            b.append(d.name()).append(": ").append(d.value()).append('\n');
        }
        return b.toString();
    }

    /** Only the values, one a line (a single value without a line break, ready to paste). */
    public static String valuesAsText(List<DetailItem> lines) {
        return String.join("\n", lines.stream().map(DetailItem::value).toList());
    }

    public ObservableList<DetailItem> items() { return items; }
    public ReadOnlyStringProperty headingProperty() { return heading.getReadOnlyProperty(); }
}
