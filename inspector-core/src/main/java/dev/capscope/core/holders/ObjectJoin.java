package dev.capscope.core.holders;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.Slot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Joins the spaces of several tasks walked together (one target, or snapshots taken together) by
 * kernel object identity. The kernel's global object id joins whenever the target gives it. Without
 * ids, a Genode cap-map entry's badge joins: core hands out capability ids system-wide, so two
 * entries with one badge, one RPC interface and one label name one RPC object (the label keeps
 * apart component-local ids like the main thread's id 1). Anything else stands alone, identity unknown.
 */
public final class ObjectJoin {
    private ObjectJoin() {
    }

    public static Holdings join(List<TaskSpace> tasks) {
        Set<String> walked = new HashSet<>();
        tasks.forEach(t -> walked.add(t.task()));
        Map<String, List<Holder>> byKey = new LinkedHashMap<>();
        Map<String, List<KernelObject>> objectsByKey = new LinkedHashMap<>();
        Map<String, Identity> identity = new LinkedHashMap<>();
        for (TaskSpace t : tasks) {
            CapSpace space = t.space();
            boolean genode = space.profile() != null && space.profile().startsWith("genode");
            for (Slot s : space.slots()) {
                KernelObject o = space.object(s.objectId());
                CapMapEntry e = space.capMapEntry(s.selector());
                Long badge = e == null ? null : e.badge();
                Semantics sem = e == null ? Semantics.NONE : e.semantics();
                String key;
                Identity id;
                if (o.idKnown()) {
                    key = "obj:" + o.id();
                    id = Identity.OBJECT_ID;
                } else if (genode && badge != null && sem.rpcInterface() != null) {
                    key = "badge:" + badge + ":" + sem.rpcInterface() + ":" + Objects.toString(sem.label(), "");
                    id = Identity.BADGE;
                } else {
                    key = "slot:" + t.task() + ":" + s.selector();
                    id = Identity.UNKNOWN;
                }
                byKey.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new Holder(t.task(), s.selector(), s.rights(), badge, sem, t.present()));
                objectsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(o);
                identity.put(key, id);
            }
        }
        List<HeldObject> out = new ArrayList<>(byKey.size());
        for (Map.Entry<String, List<Holder>> en : byKey.entrySet()) {
            String key = en.getKey();
            List<Holder> holders = new ArrayList<>(en.getValue());
            holders.sort(Comparator.comparing(Holder::task).thenComparingInt(Holder::selector));
            List<KernelObject> objs = objectsByKey.get(key);
            Identity id = identity.get(key);
            ObjectKind kind = agreed(objs, KernelObject::kind);
            String server = agreed(holders, h -> h.semantics().server());
            out.add(new HeldObject(key, id, id == Identity.OBJECT_ID ? objs.get(0).id() : null,
                    kind == null ? ObjectKind.UNKNOWN : kind, agreed(objs, KernelObject::label),
                    agreed(holders, Holder::badge), agreed(holders, h -> h.semantics().rpcInterface()),
                    agreed(holders, h -> h.semantics().label()), server, server != null && walked.contains(server),
                    holders));
        }
        out.sort(ObjectJoin::order);
        return new Holdings(tasks, out);
    }

    /** Known ids ascending, then badge joins, then the unidentified, each by key. */
    private static int order(HeldObject a, HeldObject b) {
        int c = Integer.compare(a.identity().ordinal(), b.identity().ordinal());
        if (c != 0) {
            return c;
        }
        if (a.objectId() != null && b.objectId() != null) {
            return Long.compare(a.objectId(), b.objectId());
        }
        if (a.badge() != null && b.badge() != null && !a.badge().equals(b.badge())) {
            return Long.compare(a.badge(), b.badge());
        }
        return a.key().compareTo(b.key());
    }

    /** The one non-null value all items that know it give, or null when none knows or they disagree. */
    private static <T, V> V agreed(List<T> items, Function<T, V> value) {
        V seen = null;
        for (T item : items) {
            V v = value.apply(item);
            if (v == null) {
                continue;
            }
            if (seen != null && !seen.equals(v)) {
                return null;
            }
            seen = v;
        }
        return seen;
    }
}
