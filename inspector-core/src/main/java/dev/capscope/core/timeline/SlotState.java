package dev.capscope.core.timeline;

import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.Slot;

import java.util.Objects;

/** A slot together with the object it names, so a delta carries everything needed to rebuild it. */
public record SlotState(Slot slot, KernelObject object) {
    public SlotState {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(object, "object");
        if (slot.objectId() != object.id()) {
            throw new IllegalArgumentException("slot " + slot.selector() + " names object " + slot.objectId()
                    + ", not " + object.id());
        }
    }
}
