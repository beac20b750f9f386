package dev.capscope.core.restore;

import dev.capscope.core.diff.CapMapDiff;
import dev.capscope.core.diff.DiffEngine;
import dev.capscope.core.diff.DiffField;
import dev.capscope.core.diff.DiffResult;
import dev.capscope.core.diff.DiffStatus;
import dev.capscope.core.diff.FieldChange;
import dev.capscope.core.diff.MatchKey;
import dev.capscope.core.diff.SlotDiff;
import dev.capscope.core.diff.ThreadDiff;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.SelectorLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything a restore promises, compared between a wanted space (the snapshot) and a live one:
 * <ul>
 *   <li>slots and cap-map entries under {@link MatchKey#BADGE} (rights and meaning count; a session
 *       re-created with a new badge does not), in every area;</li>
 *   <li>threads by index, name and state;</li>
 *   <li>in the core-controlled area, object identity: the same object (id) at each slot unless the
 *       restore is a migration, where ids of two targets are unrelated;</li>
 *   <li>on the live side, every cap-map entry's badge against its IPC gate's label (a gate mapped
 *       over an entry it does not belong to).</li>
 * </ul>
 * Restore's verification, the rollback's check and the preflight's core-area check all use it, so
 * "verified" means exactly this comparison came out empty.
 */
public final class StateComparison {
    /** Where a mismatch sits: restore can fix the component area only. */
    public enum Scope { CORE_AREA, COMPONENT_AREA, THREADS }

    /** One thing that differs: where (selector, -1 for a thread), and a sentence saying what. */
    public record Mismatch(Scope scope, int selector, String where, String what, boolean restorable) {
        Mismatch(Scope scope, int selector, String where, String what) {
            this(scope, selector, where, what, scope == Scope.COMPONENT_AREA);
        }

        @Override
        public String toString() {
            return where + ": " + what;
        }
    }

    private final DiffResult diff;
    private final List<Mismatch> mismatches;

    private StateComparison(DiffResult diff, List<Mismatch> mismatches) {
        this.diff = diff;
        this.mismatches = List.copyOf(mismatches);
    }

    public static StateComparison of(CapSpace wanted, CapSpace live, LayoutProfile profile, boolean migration) {
        DiffResult diff = DiffEngine.forProfile(profile).compare(wanted, live, MatchKey.BADGE);
        List<Mismatch> out = new ArrayList<>();
        java.util.Map<Long, Long> badges = translations(diff);
        for (SlotDiff d : diff.slots()) {
            if (!Preflight.isCoreArea(d.area()) && copyOfTranslated(d, badges)) {
                continue; // a copy of a session re-created with a new badge: the same meaning
            }
            boolean core = Preflight.isCoreArea(d.area());
            Scope scope = core ? Scope.CORE_AREA : Scope.COMPONENT_AREA;
            if (d.status() == DiffStatus.ADDED || d.status() == DiffStatus.REMOVED || d.status() == DiffStatus.CHANGED) {
                out.add(new Mismatch(scope, d.selector(), Selectors.format(d.selector()), slotText(d)));
            } else if (core && !migration && d.status() == DiffStatus.REBOUND && idsKnownAndDiffer(d)) {
                out.add(new Mismatch(scope, d.selector(), Selectors.format(d.selector()), "core slot " + d.after().role()
                        + " names another " + d.afterObject().kind().kernelName() + " than recorded (object id "
                        + d.beforeObject().id() + " -> " + d.afterObject().id() + gateLabels(d) + ")"));
            }
        }
        for (CapMapDiff d : diff.capMap()) {
            if (d.status() == DiffStatus.ADDED || d.status() == DiffStatus.REMOVED || d.status() == DiffStatus.CHANGED) {
                boolean core = Preflight.isCoreArea(d.area());
                if (core && migration && d.status() != DiffStatus.CHANGED
                        && wanted.capMapEntry(d.index()) != null && live.capMapEntry(d.index()) != null) {
                    // Badges of two targets are unrelated: a core entry at the same index with another
                    // badge is the same slot there; restore rewrites its ref count and meaning.
                    if (d.status() == DiffStatus.REMOVED) {
                        CapMapEntry w = wanted.capMapEntry(d.index());
                        CapMapEntry l = live.capMapEntry(d.index());
                        if (w.refCount() != l.refCount() || !w.semantics().equals(l.semantics())) {
                            out.add(new Mismatch(Scope.CORE_AREA, d.index(), "entry " + Selectors.format(d.index()),
                                    "ref count or meaning differ", true));
                        }
                    }
                    continue;
                }
                // A core entry whose ref count or meaning differ is rewritten by restore; one that is
                // missing, extra or names another badge means core's slot itself differs.
                boolean fixable = !core || (d.status() == DiffStatus.CHANGED && d.changes().stream()
                        .noneMatch(c -> (c.field() == DiffField.RAW_ID && !migration) || c.field() == DiffField.SELECTOR));
                out.add(new Mismatch(core ? Scope.CORE_AREA : Scope.COMPONENT_AREA, d.index(),
                        "entry " + Selectors.format(d.index()), entryText(d), fixable));
            }
        }
        for (ThreadDiff d : diff.threadChanges()) {
            out.add(new Mismatch(Scope.THREADS, -1, "thread " + d.index(), threadText(d)));
        }
        out.addAll(badgeLabelConflicts(live, profile));
        return new StateComparison(diff, out);
    }

    /** Snapshot badge -> live badge of every entry pair (re-created sessions included). */
    private static java.util.Map<Long, Long> translations(DiffResult diff) {
        java.util.Map<Long, Long> m = new java.util.HashMap<>();
        for (CapMapDiff d : diff.capMap()) {
            if (d.before() != null && d.after() != null && d.before().hasBadge() && d.after().hasBadge()) {
                m.put(d.before().rawId(), d.after().rawId());
            }
        }
        return m;
    }

    /** A slot whose only change is identity, naming the gate of the session its recorded gate became. */
    private static boolean copyOfTranslated(SlotDiff d, java.util.Map<Long, Long> badges) {
        if (d.status() != DiffStatus.CHANGED || d.before() == null || d.after() == null
                || !d.changes().stream().allMatch(c -> c.field().identity())) {
            return false;
        }
        Long was = d.beforeObject().label();
        Long now = d.afterObject().label();
        return was != null && now != null && now.equals(badges.get(was));
    }

    /** Live cap-map entries whose badge is not the label of the IPC gate at their selector. */
    public static List<Mismatch> badgeLabelConflicts(CapSpace space, LayoutProfile profile) {
        SelectorLayout layout = SelectorLayout.of(profile);
        List<Mismatch> out = new ArrayList<>();
        for (CapMapEntry e : space.capMap()) {
            Long label = space.gateLabelContradicting(e);
            if (label != null) {
                Scope scope = Preflight.isCoreArea(layout.areaOf(e.index())) ? Scope.CORE_AREA : Scope.COMPONENT_AREA;
                out.add(new Mismatch(scope, e.index(), "entry " + Selectors.format(e.index()),
                        "the cap-map entry says badge " + e.rawId()
                        + " but the IPC gate at that selector has label " + label
                        + " (another object was mapped over it)"));
            }
        }
        return out;
    }

    public boolean isEmpty() {
        return mismatches.isEmpty();
    }

    public List<Mismatch> mismatches() {
        return mismatches;
    }

    /** The identity-insensitive diff underneath (badge translations, counts). */
    public DiffResult diff() {
        return diff;
    }

    /** "3 difference(s): 0xb: ...; thread 2: ..." with at most {@code max} listed. */
    public String summary(int max) {
        String listed = mismatches.stream().limit(max).map(Mismatch::toString).collect(Collectors.joining("; "));
        String more = mismatches.size() > max ? "; and " + (mismatches.size() - max) + " more" : "";
        return mismatches.size() + " difference(s): " + listed + more;
    }

    private static boolean idsKnownAndDiffer(SlotDiff d) {
        long b = d.beforeObject().id();
        long a = d.afterObject().id();
        return b >= 0 && a >= 0 && a != b;
    }

    private static String gateLabels(SlotDiff d) {
        Long b = d.beforeObject().label();
        Long a = d.afterObject().label();
        return b != null && a != null && !b.equals(a) ? ", gate label " + b + " -> " + a : "";
    }

    private static String slotText(SlotDiff d) {
        if (d.status() == DiffStatus.ADDED) {
            return "a " + d.afterObject().kind().kernelName() + " " + d.after().rights() + " is there that the snapshot"
                    + " does not have";
        }
        if (d.status() == DiffStatus.REMOVED) {
            return "the recorded " + d.beforeObject().kind().kernelName() + " " + d.before().rights() + " is missing";
        }
        return fields(d.changes());
    }

    private static String entryText(CapMapDiff d) {
        if (d.status() == DiffStatus.ADDED) {
            return "an entry (" + describe(d.after()) + ") is there that the snapshot does not have";
        }
        if (d.status() == DiffStatus.REMOVED) {
            return "the recorded entry (" + describe(d.before()) + ") is missing";
        }
        return fields(d.changes());
    }

    private static String threadText(ThreadDiff d) {
        if (d.status() == DiffStatus.ADDED) {
            return "thread '" + d.after().name() + "' is running that the snapshot does not have";
        }
        if (d.status() == DiffStatus.REMOVED) {
            return "the recorded thread '" + d.before().name() + "' is gone";
        }
        return d.changeText();
    }

    private static String describe(CapMapEntry e) {
        String m = e.semantics().describe();
        return (e.hasBadge() ? "badge " + e.rawId() : "no badge") + (m.isEmpty() ? "" : ", " + m);
    }

    private static String fields(List<FieldChange> changes) {
        return changes.stream().map(c -> c.field().title() + " " + c.before() + " -> " + c.after())
                .collect(Collectors.joining(", "));
    }
}
