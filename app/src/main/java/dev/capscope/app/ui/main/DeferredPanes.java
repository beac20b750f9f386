package dev.capscope.app.ui.main;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of the window that a start may put on screen a pulse after the first tree: the
 * details' lines, the sources with the timeline, the map with its legend. Their panes and headings
 * are in the first frame (so the layout does not move); their contents, some 460 nodes the first
 * CSS pass and show would otherwise create and style on the FX thread before the tree can appear,
 * are added by {@link #attach()}. Without {@link #defer()} every content is added at once.
 */
final class DeferredPanes {
    private final List<Runnable> pending = new ArrayList<>();
    private boolean deferring;

    /** From now until {@link #attach()}, contents wait. */
    void defer() {
        deferring = true;
    }

    /** Adds a content now, or at {@link #attach()} while deferring. */
    void add(Runnable addContent) {
        if (deferring) {
            pending.add(addContent);
        } else {
            addContent.run();
        }
    }

    /** Adds every waiting content (on the FX thread); later calls do nothing. */
    void attach() {
        deferring = false;
        List<Runnable> now = new ArrayList<>(pending);
        pending.clear();
        now.forEach(Runnable::run);
    }

    boolean waiting() {
        return !pending.isEmpty();
    }
}
