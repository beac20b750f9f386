package dev.capscope.core.walk;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Slot;
import dev.capscope.core.profile.SelectorLayout;
import dev.capscope.core.target.CapInfo;
import dev.capscope.core.target.TargetException;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Turns a {@link RawWalk} into a {@link CapSpace}: checks that the target agrees with itself,
 * names every slot by the layout and puts each object into the object table once.
 */
final class CapSpaceAssembler {
    private CapSpaceAssembler() {
    }

    static CapSpace assemble(RawWalk raw, SelectorLayout layout) {
        BitSet valid = raw.validity();
        Map<Long, KernelObject> objects = new TreeMap<>();
        Map<Long, Integer> firstHolder = new HashMap<>();
        List<Slot> slots = new ArrayList<>(raw.capInfos().size());
        for (CapInfo info : raw.capInfos()) {
            int sel = info.selector();
            if (!valid.get(sel)) {
                throw disagreement("selector " + Selectors.format(sel)
                        + " has a cap info but the validity bitmap says it is empty");
            }
            KernelObject object = new KernelObject(info.objectId(), info.kind(), info.label());
            KernelObject known = objects.putIfAbsent(object.id(), object);
            if (known == null) {
                firstHolder.put(object.id(), sel);
            } else if (!known.equals(object)) {
                throw disagreement("object " + object.id() + " is reported as " + describe(known) + " at selector "
                        + Selectors.format(firstHolder.get(object.id())) + " but as " + describe(object)
                        + " at selector " + Selectors.format(sel));
            }
            slots.add(new Slot(sel, info.objectId(), info.rights(), layout.roleOf(sel).role()));
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
                    List.copyOf(objects.values()), slots, raw.threads(), raw.capMap());
        } catch (IllegalArgumentException e) {
            throw disagreement(e.getMessage());
        }
    }

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
