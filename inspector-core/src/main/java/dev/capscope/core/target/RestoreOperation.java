package dev.capscope.core.target;

import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Semantics;

/**
 * One step of a restore plan, as the target executes it. Every variant names the selector(s) it
 * touches so that plans read as a list and can be checked before anything runs.
 */
public sealed interface RestoreOperation {

    /** A short human-readable line, e.g. "unmap 0x205 (517)". */
    String describe();

    /** Remove the cap at a selector from this task (l4_task_unmap with L4_FP_ALL_SPACES on this slot only). */
    record Unmap(int selector) implements RestoreOperation {
        public String describe() {
            return "unmap " + Selectors.format(selector);
        }
    }

    /** Copy the cap at {@code from} to {@code to} with the given rights (re-binds a moved cap). */
    record MapCopy(int from, int to, Rights rights) implements RestoreOperation {
        public String describe() {
            return "map " + Selectors.format(from) + " -> " + Selectors.format(to) + " " + rights;
        }
    }

    /**
     * Move the cap at {@code from} to {@code to} with at most the given rights (l4_task_map with
     * L4_MAP_ITEM_GRANT): the mapping itself moves, so {@code from} is empty afterwards and nothing
     * derived from the cap is revoked, unlike a copy followed by an unmap of the source.
     */
    record Grant(int from, int to, Rights rights) implements RestoreOperation {
        public String describe() {
            return "grant " + Selectors.format(from) + " -> " + Selectors.format(to) + " " + rights;
        }
    }

    /**
     * Re-create a session (or RPC object) with its recorded arguments and map its cap at the
     * selector; the server hands out a badge, possibly a new one.
     */
    record CreateSession(int selector, Semantics semantics, Long recordedBadge) implements RestoreOperation {
        public String describe() {
            return "re-create " + semantics.describe() + " at " + Selectors.format(selector)
                    + (recordedBadge == null ? "" : " (was badge " + recordedBadge + ")");
        }
    }

    /**
     * Close the session whose cap sits at the selector, at its server, the way the component's
     * parent closes a session: the server forgets it and destroys its gate (so the cap vanishes
     * from every task), the parent's record of it goes, and the task's cap-map entry is freed.
     */
    record CloseSession(int selector) implements RestoreOperation {
        public String describe() {
            return "close session at " + Selectors.format(selector);
        }
    }

    /** Create a kernel object of a kind (IPC gate with label, IRQ, ...) at the selector. */
    record CreateObject(int selector, ObjectKind kind, Long label) implements RestoreOperation {
        public String describe() {
            return "create " + kind.kernelName() + (label == null ? "" : " label " + label)
                    + " at " + Selectors.format(selector);
        }
    }

    /** Write a cap-map entry (raw id, ref count, semantics) at an index. */
    record SetCapMapEntry(int index, long rawId, int refCount, Semantics semantics) implements RestoreOperation {
        public String describe() {
            return "set cap-map entry " + Selectors.format(index) + " id " + rawId + " refs " + refCount;
        }
    }

    /** Free the cap-map entry at an index. */
    record ClearCapMapEntry(int index) implements RestoreOperation {
        public String describe() {
            return "clear cap-map entry " + Selectors.format(index);
        }
    }
}
