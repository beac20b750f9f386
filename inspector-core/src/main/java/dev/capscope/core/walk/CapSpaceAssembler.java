package dev.capscope.core.walk;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.LongIndex;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Slot;
import dev.capscope.core.profile.SelectorLayout;
import dev.capscope.core.target.CapInfo;
import dev.capscope.core.target.TargetException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a {@link RawWalk} into a {@link CapSpace}: checks that the target agrees with itself,
 * names every slot by the layout and puts each object into the object table once.
 */
final class CapSpaceAssembler {
    private CapSpaceAssembler() {
    }

    static CapSpace assemble(RawWalk raw, SelectorLayout layout) {
        BitSet valid = raw.validity();
        Map<Integer, String> runtimeNames = runtimeNames(raw.capMap());
        List<CapInfo> infos = raw.capInfos();
        // Each object once, in the order first met; positions by id without boxing (LongIndex).
        LongIndex seen = new LongIndex(infos.size());
        List<KernelObject> objects = new ArrayList<>(infos.size());
        int[] firstHolder = new int[infos.size()];
        List<Slot> slots = new ArrayList<>(infos.size());
        for (CapInfo info : infos) {
            int sel = info.selector();
            if (!valid.get(sel)) {
                throw disagreement("selector " + Selectors.format(sel)
                        + " has a cap info but the validity bitmap says it is empty");
            }
            KernelObject object = info.idKnown() ? new KernelObject(info.objectId(), info.kind(), info.label())
                    : KernelObject.unidentified(sel, info.kind(), info.label());
            int at = seen.putIfAbsent(object.id(), objects.size());
            if (at < 0) {
                firstHolder[objects.size()] = sel;
                objects.add(object);
            } else if (!objects.get(at).equals(object)) {
                throw disagreement("object " + object.id() + " is reported as " + describe(objects.get(at))
                        + " at selector " + Selectors.format(firstHolder[at]) + " but as " + describe(object)
                        + " at selector " + Selectors.format(sel));
            }
            String named = runtimeNames.isEmpty() ? null : runtimeNames.get(sel);
            slots.add(new Slot(sel, object.id(), info.rights(), named != null ? named : layout.roleOf(sel).role()));
        }
        if (slots.size() != valid.cardinality()) {
            BitSet missing = (BitSet) valid.clone();
            raw.capInfos().forEach(i -> missing.clear(i.selector()));
            int sel = missing.nextSetBit(0);
            throw disagreement("selector " + Selectors.format(sel)
                    + " is valid in the validity bitmap but has no cap info");
        }
        try {
            return new CapSpace(raw.task(), layout.profile().name(), raw.generation(),
                    byId(objects, seen), slots, raw.threads(), raw.capMap());
        } catch (IllegalArgumentException e) {
            throw disagreement(e.getMessage());
        }
    }

    /** The objects ordered by id (what CapSpace keeps), sorted as plain numbers. */
    private static List<KernelObject> byId(List<KernelObject> objects, LongIndex positions) {
        long[] ids = new long[objects.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = objects.get(i).id();
        }
        Arrays.sort(ids);
        KernelObject[] sorted = new KernelObject[ids.length];
        for (int i = 0; i < ids.length; i++) {
            sorted[i] = objects.get(positions.get(ids[i]));
        }
        return Arrays.asList(sorted);
    }

    /**
     * Roles the runtime itself gives: an L4Re program's environment names its caps (docs/protocol.md
     * CAP_MAP, interface {@value #L4RE_ENV}), and where the loader put them differs between moe and
     * ned, so those names win over any fixed table of the profile.
     */
    private static Map<Integer, String> runtimeNames(List<CapMapEntry> capMap) {
        Map<Integer, String> names = new HashMap<>();
        for (CapMapEntry e : capMap) {
            String label = e.semantics().label();
            if (L4RE_ENV.equals(e.semantics().rpcInterface()) && label != null && !label.isEmpty()) {
                names.put(e.index(), "env " + label);
            }
        }
        return names;
    }

    /** The interface of cap-map entries that carry an L4Re environment name. */
    static final String L4RE_ENV = "L4Re::Env";

    private static String describe(KernelObject o) {
        return o.kind().kernelName() + (o.label() == null ? "" : " label " + o.label());
    }

    private static TargetException disagreement(String what) {
        return new TargetException(TargetException.Code.PROTOCOL, "the target contradicts itself: " + what
                + ". Walk again; if it persists, the agent or bridge is faulty (report it with the target's log)");
    }

    static void checkInfosInRange(List<CapInfo> infos, int first, int last) {
        int previous = first - 1;
        for (CapInfo info : infos) {
            Objects.requireNonNull(info, "cap info");
            int sel = info.selector();
            if (sel < first || sel > last) {
                throw disagreement("asked for cap infos of " + Selectors.format(first) + ".." + Selectors.format(last)
                        + " and got one for selector " + Selectors.format(sel));
            }
            if (sel <= previous) {
                throw disagreement("cap infos are not sorted by selector or repeat one: " + Selectors.format(sel)
                        + " after " + Selectors.format(previous));
            }
            previous = sel;
        }
    }

    static void checkValidityInRange(BitSet bits, int first, int last) {
        if (bits.length() > last - first + 1) {
            throw disagreement("asked for validity of " + Selectors.format(first) + ".." + Selectors.format(last)
                    + " and got a bit for selector " + Selectors.format(first + bits.length() - 1));
        }
    }
}
