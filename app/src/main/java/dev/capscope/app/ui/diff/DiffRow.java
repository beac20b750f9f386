package dev.capscope.app.ui.diff;

import dev.capscope.core.diff.CapMapDiff;
import dev.capscope.core.diff.DiffStatus;
import dev.capscope.core.diff.FieldChange;
import dev.capscope.core.diff.SlotDiff;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.profile.Area;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of the diff tree: a selector with what happened to its slot and its cap-map entry
 * (either may be null), or a group row (an area, {@code selector == -1}, counts in the title).
 */
public record DiffRow(String key, int selector, Area area, DiffStatus status, String title, SlotDiff slot,
                      CapMapDiff entry) {

    public static DiffRow group(Area area, String title) {
        return new DiffRow("area:" + area.name(), -1, area, null, title, null, null);
    }

    public boolean isGroup() {
        return selector < 0;
    }

    /** Status column text ("" for groups and unchanged rows). */
    public String statusLabel() {
        return status == null || status == DiffStatus.UNCHANGED ? "" : status.name().toLowerCase();
    }

    /** CSS pseudo-class of the row (the main tree's diff marks), or null. */
    public String pseudoClass() {
        if (status == null) return null;
        return switch (status) {
            case ADDED -> "diff-added";
            case REMOVED -> "diff-removed";
            case CHANGED -> "diff-changed";
            case REBOUND -> "diff-rebound";
            case UNCHANGED -> null;
        };
    }

    public String decimal() {
        return selector < 0 ? "" : Integer.toString(selector);
    }

    /** Kernel object kind, "before → after" when it changed. */
    public String kind() {
        if (slot == null) return "";
        return arrow(kindOf(slot.beforeObject()), kindOf(slot.afterObject()));
    }

    /** Badge of the cap-map entry, "before → after" when it changed. */
    public String badge() {
        if (entry == null) return "";
        return arrow(badgeOf(entry.before()), badgeOf(entry.after()));
    }

    /** What the entry means (interface, label, server), from the after side when present. */
    public String meaning() {
        if (entry == null) return "";
        CapMapEntry e = entry.after() != null ? entry.after() : entry.before();
        String m = e.semantics().describe();
        return m.isEmpty() && !e.hasBadge() ? "receive window" : m;
    }

    /** Field-level changes of slot and entry, e.g. "badge: 12 -> 14; rights: rw -> rws". */
    public String changes() {
        List<String> l = new ArrayList<>();
        if (slot != null) {
            if (slot.moved()) l.add("moved from " + Selectors.format(slot.beforeSelector()));
            slot.changes().stream().filter(c -> c.field() != dev.capscope.core.diff.DiffField.SELECTOR)
                    .map(FieldChange::toString).forEach(l::add);
        }
        if (entry != null) {
            if (entry.moved()) l.add("entry moved from " + Selectors.format(entry.beforeIndex()));
            entry.changes().stream().filter(c -> c.field() != dev.capscope.core.diff.DiffField.SELECTOR)
                    .map(FieldChange::toString).forEach(l::add);
        }
        return String.join("; ", l);
    }

    private static String kindOf(KernelObject o) {
        return o == null ? "" : o.kind().kernelName();
    }

    private static String badgeOf(CapMapEntry e) {
        return e == null ? "" : e.hasBadge() ? Long.toString(e.rawId()) : "none";
    }

    static String arrow(String before, String after) {
        if (before.equals(after)) return after;
        if (before.isEmpty()) return after;
        if (after.isEmpty()) return before;
        return before + " → " + after;
    }
}
