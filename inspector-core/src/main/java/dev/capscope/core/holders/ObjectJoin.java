package dev.capscope.core.holders;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.Slot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * ids, a Genode cap-map entry's badge joins: core hands out capability ids system-wide (Genode's own
 * capability map is keyed by them), so entries with one badge, one RPC interface and one label name
 * one RPC object (the label keeps apart component-local ids like every main thread's id 1); an entry
 * whose runtime knows nothing about it (a server's view of its own object) joins when its badge has
 * exactly one such meaning. Anything else stands alone, identity unknown.
 */
public final class ObjectJoin {
    private ObjectJoin() {
    }

    public static Holdings join(List<TaskSpace> tasks) {
        Set<String> walked = new HashSet<>();
        tasks.forEach(t -> walked.add(t.task()));
        // first the slots, then their keys: a badge's holders are only known once all tasks were read
        record Seen(Holder holder, KernelObject object, boolean genode) {
        }
        List<Seen> seen = new ArrayList<>();
        Map<Long, Set<String>> meaningsByBadge = new HashMap<>();
        for (TaskSpace t : tasks) {
            CapSpace space = t.space();
            boolean genode = space.profile() != null && space.profile().startsWith("genode");
            for (Slot s : space.slots()) {
                KernelObject o = space.object(s.objectId());
                CapMapEntry e = space.capMapEntry(s.selector());
                Long badge = e == null ? null : e.badge();
                Semantics sem = e == null ? Semantics.NONE : e.semantics();
                seen.add(new Seen(new Holder(t.task(), s.selector(), s.rights(), badge, sem, t.present()), o, genode));
                if (!o.idKnown() && genode && badge != null && sem.rpcInterface() != null) {
                    meaningsByBadge.computeIfAbsent(badge, b -> new HashSet<>()).add(meaning(sem));
                }
            }
        }
        Map<String, List<Holder>> byKey = new LinkedHashMap<>();
        Map<String, List<KernelObject>> objectsByKey = new LinkedHashMap<>();
        Map<String, Identity> identity = new LinkedHashMap<>();
        for (Seen x : seen) {
            Holder h = x.holder();
            Set<String> meanings = h.badge() == null ? null : meaningsByBadge.get(h.badge());
            String key;
            Identity id;
            if (x.object().idKnown()) {
                key = "obj:" + x.object().id();
                id = Identity.OBJECT_ID;
            } else if (x.genode() && meanings != null && h.semantics().rpcInterface() != null) {
                key = "badge:" + h.badge() + ":" + meaning(h.semantics());
                id = Identity.BADGE;
            } else if (x.genode() && meanings != null && meanings.size() == 1) {
                // an entry without semantics (a server's view of its own object) joins the one meaning its badge has
                key = "badge:" + h.badge() + ":" + meanings.iterator().next();
                id = Identity.BADGE;
            } else {
                key = "slot:" + h.task() + ":" + h.selector();
                id = Identity.UNKNOWN;
            }
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(h);
            objectsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(x.object());
            identity.put(key, id);
        }
        List<HeldObject> out = new ArrayList<>(byKey.size());
        for (Map.Entry<String, List<Holder>> en : byKey.entrySet()) {
            String key = en.getKey();
            List<Holder> holders = new ArrayList<>(en.getValue());
            holders.sort(Comparator.comparing(Holder::task).thenComparingInt(Holder::selector));
            List<KernelObject> objs = objectsByKey.get(key);
            Identity id = identity.get(key);
            // a holder whose target cannot name the kind (a Genode component that did not record
            // the capability) does not contradict one that can
            ObjectKind kind = agreed(objs, o -> o.kind() == ObjectKind.UNKNOWN ? null : o.kind());
            String server = agreed(holders, h -> h.semantics().server());
            out.add(new HeldObject(key, id, id == Identity.OBJECT_ID ? objs.get(0).id() : null,
                    kind == null ? ObjectKind.UNKNOWN : kind, agreed(objs, KernelObject::label),
                    agreed(holders, Holder::badge), agreed(holders, h -> h.semantics().rpcInterface()),
                    agreed(holders, h -> h.semantics().label()), server, server != null && walked.contains(server),
                    holders));
        }
        out.sort(ORDER);
        return new Holdings(tasks, out);
    }

    /** Known ids ascending, then badge joins by badge, then the unidentified, each tie by key. */
    private static final Comparator<HeldObject> ORDER = Comparator
            .comparing((HeldObject o) -> o.identity().ordinal())
            .thenComparing(HeldObject::objectId, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(HeldObject::badge, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(HeldObject::key);

    /** What a runtime says an entry is, as a join key part: interface and label. */
    private static String meaning(Semantics sem) {
        return sem.rpcInterface() + ":" + Objects.toString(sem.label(), "");
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
