package dev.capscope.core.holders;

import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Semantics;

import java.util.Objects;

/**
 * One slot naming an object: which task holds it where, with which rights, and what the task's
 * runtime files about it in its cap map (null badge: no cap-map entry or one without badge).
 */
public record Holder(String task, int selector, Rights rights, Long badge, Semantics semantics, boolean taskPresent) {
    public Holder {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(rights, "rights");
        semantics = Objects.requireNonNullElse(semantics, Semantics.NONE);
    }

    /** The creator's slot holds the D right (Fiasco gives it to the slot an object was created into). */
    public boolean creator() {
        return rights.has(Rights.D);
    }
}
