package dev.capscope.app.ui.diff;

import dev.capscope.core.diff.CapMapDiff;
import dev.capscope.core.diff.SlotDiff;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.Slot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Field-level before/after of a diff row: every field of the slot and the cap-map entry, on both sides. */
public final class DiffDetails {
    private DiffDetails() {
    }

    public static List<FieldRow> of(DiffRow r) {
        List<FieldRow> l = new ArrayList<>();
        if (r == null || r.isGroup()) return l;
        l.add(FieldRow.of("status", r.statusLabel().isEmpty() ? "unchanged" : r.statusLabel(),
                r.statusLabel().isEmpty() ? "unchanged" : r.statusLabel()));
        SlotDiff s = r.slot();
        if (s != null) {
            l.add(FieldRow.of("selector", sel(s.before() == null ? -1 : s.before().selector()),
                    sel(s.after() == null ? -1 : s.after().selector())));
            l.add(slot("role", s, Slot::role));
            l.add(obj("kind", s, o -> o.kind().kernelName()));
            l.add(obj("object id", s, KernelObject::idText));
            l.add(slot("rights", s, x -> x.rights().toString()));
            l.add(obj("gate label", s, o -> o.label() == null ? "" : Long.toString(o.label())));
        }
        CapMapDiff e = r.entry();
        if (e != null) {
            l.add(FieldRow.of("cap-map index", sel(e.beforeIndex()), sel(e.afterIndex())));
            l.add(entry("badge", e, x -> x.hasBadge() ? Long.toString(x.rawId()) : "none"));
            l.add(entry("ref count", e, x -> Integer.toString(x.refCount())));
            l.add(sem("interface", e, Semantics::rpcInterface));
            l.add(sem("session label", e, Semantics::label));
            l.add(sem("args", e, Semantics::args));
            l.add(sem("server", e, Semantics::server));
            l.add(sem("quota", e, x -> x.quota() == null ? null : Long.toString(x.quota())));
        }
        return l;
    }

    private static String sel(int s) {
        return s < 0 ? "-" : Selectors.format(s);
    }

    private static FieldRow slot(String name, SlotDiff d, Function<Slot, String> f) {
        return FieldRow.of(name, d.before() == null ? null : f.apply(d.before()), d.after() == null ? null : f.apply(d.after()));
    }

    private static FieldRow obj(String name, SlotDiff d, Function<KernelObject, String> f) {
        return FieldRow.of(name, d.beforeObject() == null ? null : f.apply(d.beforeObject()),
                d.afterObject() == null ? null : f.apply(d.afterObject()));
    }

    private static FieldRow entry(String name, CapMapDiff d, Function<CapMapEntry, String> f) {
        return FieldRow.of(name, d.before() == null ? null : f.apply(d.before()), d.after() == null ? null : f.apply(d.after()));
    }

    private static FieldRow sem(String name, CapMapDiff d, Function<Semantics, String> f) {
        return entry(name, d, x -> x.semantics() == null ? null : f.apply(x.semantics()));
    }
}
