package dev.capscope.core.report;

import dev.capscope.core.diff.CapMapDiff;
import dev.capscope.core.diff.DiffField;
import dev.capscope.core.diff.DiffResult;
import dev.capscope.core.diff.DiffStatus;
import dev.capscope.core.diff.FieldChange;
import dev.capscope.core.diff.SlotDiff;
import dev.capscope.core.diff.StatusCounts;
import dev.capscope.core.diff.ThreadDiff;
import dev.capscope.core.json.SchemaVersions;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.ThreadInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link DiffResult} as the tree of docs/schema/diff.schema.json: machine keys ({@code rawId},
 * {@code sessionLabel}), numbers as numbers, null for an absent value; each field change also
 * carries the texts people read ({@code title}, {@code beforeText}, {@code afterText}).
 */
final class DiffJson {
    private DiffJson() {
    }

    static Map<String, Object> tree(DiffResult diff, String baselineName, String afterName, boolean all) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(SchemaVersions.FIELD, SchemaVersions.DIFF);
        m.put("baseline", baselineName);
        m.put("after", afterName);
        m.put("matchKey", diff.matchKey().name().toLowerCase());
        m.put("different", diff.hasChanges());
        m.put("differences", diff.differenceCount());
        m.put("slotTotals", counts(diff.slotTotals()));
        m.put("capMapTotals", counts(diff.capMapTotals()));
        Map<String, Object> byKind = new LinkedHashMap<>();
        diff.slotsByKind().forEach((k, c) -> byKind.put(k.kernelName(), counts(c)));
        m.put("slotsByKind", byKind);
        Map<String, Object> byArea = new LinkedHashMap<>();
        diff.slotsByArea().forEach((a, c) -> byArea.put(a.name().toLowerCase(), counts(c)));
        m.put("slotsByArea", byArea);
        List<Object> slots = new ArrayList<>();
        for (SlotDiff d : all ? diff.slots() : diff.slotChanges()) {
            slots.add(slotRow(d));
        }
        m.put("slots", slots);
        List<Object> entries = new ArrayList<>();
        for (CapMapDiff d : all ? diff.capMap() : diff.capMapChanges()) {
            entries.add(capMapRow(d));
        }
        m.put("capMap", entries);
        List<Object> threads = new ArrayList<>();
        for (ThreadDiff d : all ? diff.threads() : diff.threadChanges()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("status", d.status().name().toLowerCase());
            row.put("index", d.index());
            row.put("before", d.before() == null ? null : thread(d.before()));
            row.put("after", d.after() == null ? null : thread(d.after()));
            threads.add(row);
        }
        m.put("threads", threads);
        return m;
    }

    /** One row of {@code slots}: status, selectors, both sides typed, the field-level changes. */
    static Map<String, Object> slotRow(SlotDiff d) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("status", d.status().name().toLowerCase());
        row.put("selector", d.selector());
        row.put("beforeSelector", d.beforeSelector() < 0 ? null : d.beforeSelector());
        row.put("afterSelector", d.afterSelector() < 0 ? null : d.afterSelector());
        row.put("kind", d.kind().kernelName());
        row.put("area", d.area().name().toLowerCase());
        row.put("before", d.before() == null ? null : slot(d.before(), d.beforeObject()));
        row.put("after", d.after() == null ? null : slot(d.after(), d.afterObject()));
        List<Object> changes = new ArrayList<>();
        for (FieldChange c : d.changes()) {
            changes.add(change(c, slotValue(c.field(), d.before(), d.beforeObject()),
                    slotValue(c.field(), d.after(), d.afterObject())));
        }
        row.put("changes", changes);
        return row;
    }

    /** One row of {@code capMap}: status, indices, meaning, both sides typed, the field-level changes. */
    static Map<String, Object> capMapRow(CapMapDiff d) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("status", d.status().name().toLowerCase());
        row.put("index", d.index());
        row.put("beforeIndex", d.beforeIndex() < 0 ? null : d.beforeIndex());
        row.put("afterIndex", d.afterIndex() < 0 ? null : d.afterIndex());
        CapMapEntry shown = d.after() != null ? d.after() : d.before();
        row.put("meaning", shown.semantics().describe());
        row.put("before", d.before() == null ? null : entry(d.before()));
        row.put("after", d.after() == null ? null : entry(d.after()));
        List<Object> changes = new ArrayList<>();
        for (FieldChange c : d.changes()) {
            changes.add(change(c, entryValue(c.field(), d.before()), entryValue(c.field(), d.after())));
        }
        row.put("changes", changes);
        return row;
    }

    private static Map<String, Object> change(FieldChange c, Object before, Object after) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("field", c.field().key());
        m.put("title", c.field().title());
        m.put("before", before);
        m.put("after", after);
        m.put("beforeText", c.before());
        m.put("afterText", c.after());
        return m;
    }

    private static Map<String, Object> slot(Slot s, KernelObject o) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (DiffField f : List.of(DiffField.SELECTOR, DiffField.OBJECT_KIND, DiffField.OBJECT_ID, DiffField.RIGHTS,
                DiffField.GATE_LABEL, DiffField.ROLE)) {
            m.put(f.key(), slotValue(f, s, o));
        }
        return m;
    }

    /** A slot's field as JSON: numbers as numbers, null when the side or the value is absent. */
    private static Object slotValue(DiffField f, Slot s, KernelObject o) {
        if (s == null) {
            return null;
        }
        return switch (f) {
            case SELECTOR -> s.selector();
            case OBJECT_KIND -> o == null ? null : o.kind().kernelName();
            case OBJECT_ID -> o == null || !o.idKnown() ? null : o.id();
            case RIGHTS -> s.rights().toString();
            case GATE_LABEL -> o == null ? null : o.label();
            case ROLE -> s.role();
            default -> throw new IllegalArgumentException("not a slot field: " + f);
        };
    }

    private static Map<String, Object> entry(CapMapEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", e.index());
        for (DiffField f : List.of(DiffField.RAW_ID, DiffField.REF_COUNT, DiffField.INTERFACE,
                DiffField.SESSION_LABEL, DiffField.ARGS, DiffField.SERVER, DiffField.QUOTA)) {
            m.put(f.key(), entryValue(f, e));
        }
        return m;
    }

    /** A cap-map entry's field as JSON ({@code rawId} 65535 is "allocated without badge"). */
    private static Object entryValue(DiffField f, CapMapEntry e) {
        if (e == null) {
            return null;
        }
        Semantics s = e.semantics();
        return switch (f) {
            case SELECTOR -> e.index();
            case RAW_ID -> e.rawId();
            case REF_COUNT -> e.refCount();
            case INTERFACE -> s.rpcInterface();
            case SESSION_LABEL -> s.label();
            case ARGS -> s.args();
            case SERVER -> s.server();
            case QUOTA -> s.quota();
            default -> throw new IllegalArgumentException("not a cap-map field: " + f);
        };
    }

    private static Map<String, Object> thread(ThreadInfo t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("state", t.state());
        return m;
    }

    private static Map<String, Object> counts(StatusCounts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (DiffStatus s : DiffStatus.values()) {
            m.put(s.name().toLowerCase(), c.get(s));
        }
        return m;
    }
}
