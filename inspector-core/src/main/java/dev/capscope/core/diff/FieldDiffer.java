package dev.capscope.core.diff;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.Slot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares the fields of two paired rows and decides their status. Allocates only when a field
 * differs, so the common all-equal case costs no garbage.
 */
final class FieldDiffer {
    private List<FieldChange> changes;
    private boolean meaningChanged;
    private boolean identityChanged;

    private FieldDiffer() {
    }

    static FieldDiffer slots(Slot b, KernelObject bo, Slot a, KernelObject ao) {
        FieldDiffer d = new FieldDiffer();
        if (b.selector() != a.selector()) {
            d.add(DiffField.SELECTOR, DiffFormat.selector(b.selector()), DiffFormat.selector(a.selector()));
        }
        if (bo.kind() != ao.kind()) {
            d.add(DiffField.OBJECT_KIND, bo.kind().kernelName(), ao.kind().kernelName());
        }
        if (bo.idKnown() != ao.idKnown() || bo.idKnown() && bo.id() != ao.id()) {
            d.add(DiffField.OBJECT_ID, bo.idText(), ao.idText());
        }
        if (b.rights().mask() != a.rights().mask()) {
            d.add(DiffField.RIGHTS, b.rights().toString(), a.rights().toString());
        }
        if (!Objects.equals(bo.label(), ao.label())) {
            d.add(DiffField.GATE_LABEL, DiffFormat.badge(bo.label()), DiffFormat.badge(ao.label()));
        }
        if (!b.role().equals(a.role())) {
            d.add(DiffField.ROLE, b.role(), a.role());
        }
        return d;
    }

    static FieldDiffer entries(CapMapEntry b, CapMapEntry a) {
        FieldDiffer d = new FieldDiffer();
        if (b.index() != a.index()) {
            d.add(DiffField.SELECTOR, DiffFormat.selector(b.index()), DiffFormat.selector(a.index()));
        }
        if (b.rawId() != a.rawId()) {
            d.add(DiffField.RAW_ID, DiffFormat.rawId(b.rawId()), DiffFormat.rawId(a.rawId()));
        }
        if (b.refCount() != a.refCount()) {
            d.add(DiffField.REF_COUNT, Integer.toString(b.refCount()), Integer.toString(a.refCount()));
        }
        Semantics bs = b.semantics();
        Semantics as = a.semantics();
        if (bs != as && !bs.equals(as)) {
            d.text(DiffField.INTERFACE, bs.rpcInterface(), as.rpcInterface());
            d.text(DiffField.SESSION_LABEL, bs.label(), as.label());
            d.text(DiffField.ARGS, bs.args(), as.args());
            d.text(DiffField.SERVER, bs.server(), as.server());
            if (!Objects.equals(bs.quota(), as.quota())) {
                d.add(DiffField.QUOTA, DiffFormat.value(bs.quota()), DiffFormat.value(as.quota()));
            }
        }
        return d;
    }

    private void text(DiffField field, String before, String after) {
        if (!Objects.equals(before, after)) {
            add(field, before, after);
        }
    }

    private void add(DiffField field, String before, String after) {
        if (changes == null) {
            changes = new ArrayList<>(4);
        }
        changes.add(new FieldChange(field, before, after));
        if (field.identity()) {
            identityChanged = true;
        } else {
            meaningChanged = true;
        }
    }

    /**
     * UNCHANGED when nothing differs; REBOUND when only identity fields differ and the caller knows
     * the row's meaning (never claim "same meaning" for a cap nobody can name); else CHANGED.
     */
    DiffStatus status(boolean meaningKnown) {
        if (meaningChanged) {
            return DiffStatus.CHANGED;
        }
        if (identityChanged) {
            return meaningKnown ? DiffStatus.REBOUND : DiffStatus.CHANGED;
        }
        return DiffStatus.UNCHANGED;
    }

    List<FieldChange> changes() {
        return changes == null ? List.of() : changes;
    }
}
